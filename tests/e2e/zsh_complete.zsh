#!/usr/bin/env zsh
# zsh_complete.zsh FPATH_DIR LINE: the matches zsh's own completion system offers for LINE (as if
# TAB were pressed at its end), one per line, sorted. An interactive `zsh -f` runs in a
# pseudo-terminal (zsh/zpty) with compinit and FPATH_DIR in $fpath; a compadd wrapper records what
# each completion function adds (with the prefix compset moved aside: "dev," of "dev,st"), which
# the real compadd then adds as usual.
zmodload zsh/zpty || exit 1
fdir=$1 line=$2
out=$(mktemp) || exit 1
trap 'zpty -d z 2>/dev/null; rm -f $out' EXIT

n=1000 got=
# await: types a command that prints a new marker, then waits until zsh printed it and its
# prompt after it: the line editor is reading again, with the terminal in raw mode (keys typed
# while a command runs reach a terminal in canonical mode, where ^U erases them unseen by zsh).
await() {
  (( n++ ))
  zpty -w z "print -r -- '<<'\$(( $n ))'>>'"
  local chunk
  got=
  SECONDS=0
  while (( SECONDS < 60 )); do
    zpty -rt z chunk 2>/dev/null && got+=$chunk
    [[ $got == *"<<$n>>"*"zsh-ready> "* ]] && return 0
    sleep 0.05
  done
  return 1
}
# session: starts zsh with compinit and the compadd wrapper, and presses TAB after LINE;
# fails when zsh stops answering.
session() {
  zpty z zsh -f -i || { print -u2 "zsh_complete: no pseudo-terminal for zsh"; exit 1; }
  zpty -w z "PS1='zsh-ready> '; unsetopt AUTO_LIST LIST_BEEP BEEP; fpath=(${(q)fdir} \$fpath); autoload -U compinit; compinit -u -D"
  await || return 1
  # Calls that ask compadd to fill an array (-O, -A, -D) are the completion system's own matching.
  zpty -w z "compadd() { if [[ -n \${(M)@:#-[OAD]*} ]]; then builtin compadd \"\$@\"; return; fi; local -a hits; builtin compadd -O hits \"\$@\"; print -rl -- \${IPREFIX}\${^hits} >>| ${(q)out}; builtin compadd \"\$@\" }"
  await || return 1
  # The first completion of a session is not recorded (it loads the completion system): warm up.
  zpty -w -n z "true "$'\t'$'\C-u'
  await || return 1
  : >| $out
  zpty -w -n z "$line"$'\t'$'\C-u'
  await
}
# A session that stops answering (a machine too busy to schedule it for a minute) is tried once
# more from the start; its output is shown when the second one fails too.
if ! session; then
  zpty -d z 2>/dev/null
  if ! session; then
    print -u2 "zsh_complete: no answer from zsh for: $line (it printed: ${(q)got[-300,-1]})"
    exit 1
  fi
fi
sort -u $out | grep -v '^$'
exit 0
