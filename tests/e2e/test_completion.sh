#!/usr/bin/env bash
# completion: the scripts of `gitopsgen completion bash|zsh|fish`, loaded into the real shells
# (bash with bash-completion, zsh's compsys in a pseudo-terminal, fish's `complete -C`), complete
# commands, options, allowed values and the services and environments of the repository at hand
# (or of -C DIR), and nothing, silently, outside a platform.
. "$(dirname "$0")/lib.sh"
for shell in bash zsh fish; do command -v $shell >/dev/null || { echo "FAIL: $shell missing" >&2; exit 1; }; done
[ -f /usr/share/bash-completion/bash_completion ] || { echo "FAIL: bash-completion missing" >&2; exit 1; }
# The typed command is `gitopsgen`: the built one, as the scripts run it for the names.
export PATH="$(dirname "$GITOPSGEN"):$PATH"
G=$GITOPSGEN

"$G" completion bash >gitopsgen.bash
mkdir zfunc && "$G" completion zsh >zfunc/_gitopsgen
"$G" completion fish >gitopsgen.fish

# bash_complete LINE: COMPREPLY of the bash script for LINE (the cursor at its end), sorted; the
# words split as bash splits them (blanks, and '=' of COMP_WORDBREAKS).
bash_complete() {
  WORK=$WORK LINE=$1 bash --norc --noprofile -c '
    source /usr/share/bash-completion/bash_completion
    source "$WORK/gitopsgen.bash"
    read -ra tokens <<<"$LINE"
    COMP_WORDS=()
    for t in "${tokens[@]}"; do
      while [[ $t == *=* ]]; do COMP_WORDS+=("${t%%=*}" "="); t=${t#*=}; done
      [[ -n $t ]] && COMP_WORDS+=("$t")
    done
    [[ $LINE == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$LINE COMP_POINT=${#LINE}
    _gitopsgen gitopsgen "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"' | { grep -v '^$' || true; } | LC_ALL=C sort
}
# zsh_complete LINE: what zsh's completion system offers (tests/e2e/zsh_complete.zsh).
zsh_complete() { zsh -f "$SOURCE_DIR/tests/e2e/zsh_complete.zsh" "$WORK/zfunc" "$1" | LC_ALL=C sort; }
# fish_complete LINE: the candidates of fish's `complete -C`, without their descriptions.
fish_complete() {
  WORK=$WORK LINE=$1 fish --no-config -c 'source "$WORK/gitopsgen.fish"; complete -C "$LINE"' | cut -f1 |
    LC_ALL=C sort
}
# answer DESCRIPTION SHELL LINE: SHELL's completions of LINE into $got, failing a check when it
# printed anything on stderr. A shell that gives no answer fails the checks of its caller, which
# name it; it must not end the run.
answer() {
  got=$(${2}_complete "$3" 2>"$WORK/stderr") || true
  check "$1 ($2): nothing on stderr" eq "$(cat "$WORK/stderr")" ""
}
# same DESCRIPTION LINE EXPECTED: each shell completes LINE to exactly EXPECTED (sorted lines).
# zsh and fish show a value after --opt= with the option (--color=auto), bash without it.
same() {
  local what=$1 line=$2 expected got
  expected=$(printf '%s\n' $3 | { grep -v '^$' || true; } | LC_ALL=C sort)
  for shell in bash zsh fish; do
    answer "$what" "$shell" "$line"
    check "$what ($shell)" eq "$(sed 's/^--[a-z-]*=//' <<<"$got")" "$expected"
  done
}
# has DESCRIPTION LINE WORD...: each shell's completions of LINE include every WORD.
has() {
  local what=$1 line=$2 got; shift 2
  for shell in bash zsh fish; do
    answer "$what" "$shell" "$line"
    for word in "$@"; do check "$what ($shell): $word" grep -qxF -- "$word" <<<"$got"; done
  done
}
# lacks DESCRIPTION LINE WORD...: no shell offers any WORD for LINE.
lacks() {
  local what=$1 line=$2 got; shift 2
  for shell in bash zsh fish; do
    answer "$what" "$shell" "$line"
    for word in "$@"; do check "$what ($shell): no $word" not_contains $'\n'"$got"$'\n' $'\n'"$word"$'\n'; done
  done
}
# The commands a help lists under "Subcommands:".
help_subcommands() { "$G" "$@" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'; }

"$G" init p --repo-url "$GUIDE_REPO" -q
"$G" -C p add-service orders -l go -q
"$G" -C p add-service billing -l java -q
"$G" init other --repo-url "$GUIDE_REPO" --envs qa,prod -q
"$G" -C other add-service ledger -l python -q
mkdir plain

case_ "commands: every one --help lists, from a prefix, nested migrations"
commands=$(help_subcommands)
check "--help lists commands" contains "$commands" "set-image"
check "hidden commands stay hidden" not_contains "$commands" "__"
same "all commands" "gitopsgen " "$commands"
same "a prefix" "gitopsgen sta" "status"
same "a prefix after -C DIR" "gitopsgen -C p re" "recover remove-service"
same "migrations" "gitopsgen migrate " "$(help_subcommands migrate)"
same "help's words" "gitopsgen help mig" "migrate"
same "help's second word" "gitopsgen help migrate set-r" "set-repo-url set-revision"

case_ "options: a command's own and the shared ones it honours"
has "set-image options" "gitopsgen set-image --" --env --tag --push --dry-run --message --help
has "shared short options" "gitopsgen set-image -" -C -o -m
lacks "status refuses --dry-run" "gitopsgen status --" --dry-run --message --tag
has "status" "gitopsgen status --" --output --color --no-pager
same "a nested command's options" "gitopsgen migrate add-env --a" "--after --allow-dirty"
has "before the command" "gitopsgen --" --version --help --dry-run

case_ "allowed values: -o per command, --color, --language, the shell"
same "-o of status" "gitopsgen status -o " "json text yaml"
same "-o of completion" "gitopsgen completion -o " "text"
same "--color=" "gitopsgen --color=" "always auto never"
same "--color WHEN" "gitopsgen status --color n" "never"
languages=$("$G" add-service --help | sed -n 's/.*Language preset: \([a-z|]*\).*/\1/p' | tr '|' ' ')
check "languages from help" contains "$languages" "python"
same "--language" "gitopsgen add-service --language " "$languages"
same "completion SHELL" "gitopsgen completion " "bash fish zsh"

case_ "services and environments of the platform at hand"
same "services after -C" "gitopsgen -C p set-image " "billing orders"
same "a service prefix, -C after the command" "gitopsgen set-image -C p o" "orders"
same "--env" "gitopsgen -C p set-image orders --env " "dev staging production"
same "promote's services, again and again" "gitopsgen -C p promote billing " "billing orders"
same "--to" "gitopsgen -C p promote --from dev --to st" "staging"
same "history" "gitopsgen history -C p " "billing orders"
same "migrate add-env --from" "gitopsgen -C p migrate add-env qa --from " "dev staging production"
same "a list of environments" "gitopsgen -C p remove-service orders --envs dev,st" "dev,staging"
(cd p && check "the current directory's platform (bash)" eq "$(bash_complete "gitopsgen remove-service ")" "$(printf 'billing\norders')")

case_ "-C other-dir switches the repository"
same "services of other" "gitopsgen -C other history " "ledger"
same "environments of other" "gitopsgen -C other set-image ledger --env " "qa prod"
same "-C DIR glued" "gitopsgen -Cother set-image ledger --env " "qa prod"

case_ "outside a platform: nothing, and nothing on the terminal"
same "not a platform" "gitopsgen -C plain set-image " ""
same "no such directory" "gitopsgen -C nowhere set-image x --env " ""
same "the current directory is no platform" "gitopsgen history " ""

case_ "__complete: the names, one per line"
check "services" eq "$("$G" -C p __complete services)" "$(printf 'billing\norders')"
check "environments" eq "$("$G" -C other __complete environments)" "$(printf 'qa\nprod')"
rc=0; out=$("$G" -C plain __complete services 2>"$WORK/err") || rc=$?
check "outside a platform: exit 0" eq "$rc" 0
check "outside a platform: no output" eq "$out$(cat "$WORK/err")" ""
check "__complete is hidden" not_contains "$("$G" --help)" "__complete"
check "a typo is not told of a hidden command" not_contains "$("$G" _complete 2>&1 || true)" "__complete"
check "nor in help" not_contains "$("$G" help __complet 2>&1 || true)" "did you mean"

case_ "the scripts load cleanly"
check "bash -n" bash -n gitopsgen.bash
check "zsh -n" zsh -n zfunc/_gitopsgen
check "fish -n" fish --no-config -n gitopsgen.fish
check "zsh compinit registers it" eq "$(zsh -f -c "fpath=($WORK/zfunc \$fpath); autoload -U compinit; compinit -u -D; print \$_comps[gitopsgen]")" "_gitopsgen"
check "zsh: sourcing after compinit registers it" eq "$(zsh -f -c "autoload -U compinit; compinit -u -D; source zfunc/_gitopsgen; print \$_comps[gitopsgen]")" "_gitopsgen"

finish
