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
zpty z zsh -f -i
zpty -w z "PS1='> '; unsetopt AUTO_LIST LIST_BEEP BEEP; fpath=(${(q)fdir} \$fpath); autoload -U compinit; compinit -u -D"
# Calls that ask compadd to fill an array (-O, -A, -D) are the completion system's own matching.
zpty -w z "compadd() { if [[ -n \${(M)@:#-[OAD]*} ]]; then builtin compadd \"\$@\"; return; fi; local -a hits; builtin compadd -O hits \"\$@\"; print -rl -- \${IPREFIX}\${^hits} >>| ${(q)out}; builtin compadd \"\$@\" }"

n=1000
# complete TEXT: presses TAB after TEXT, clears the line and waits for the shell's next prompt.
complete() {
  (( n++ ))
  zpty -w -n z "$1"$'\t'
  zpty -w -n z $'\C-u'
  zpty -w z "print -r -- '<<'\$(( $n ))'>>'"
  local got= chunk
  SECONDS=0
  while (( SECONDS < 30 )); do
    zpty -rt z chunk 2>/dev/null && got+=$chunk
    [[ $got == *"<<$n>>"* ]] && return 0
    sleep 0.05
  done
  print -u2 "zsh_complete: no answer from zsh for: $1"
  exit 1
}
# The first completion of a session is not recorded (it loads the completion system): warm up.
complete "true "
: >| $out
complete "$line"
sort -u $out | grep -v '^$'
exit 0
