#!/usr/bin/env bash
# man page: the build writes build/gitopsgen.1 (and the completion scripts) from the binary's own
# definitions; man renders it without warnings, with every command --help lists, the exit-status
# table and every environment variable the code reads; `cmake --install` puts it all in place.
. "$(dirname "$0")/lib.sh"
G=$GITOPSGEN
BUILD=$(dirname "$GITOPSGEN")
export LC_ALL=C.UTF-8 MANWIDTH=100
command -v man >/dev/null && command -v groff >/dev/null || { echo "FAIL: man-db/groff missing" >&2; exit 1; }
render() { man -P cat -l "$1" 2>"$WORK/man-stderr"; }

case_ "the build wrote the page and the scripts the binary prints"
check "gitopsgen.1" eq "$(cat "$BUILD/gitopsgen.1")" "$("$G" __man)"
check "bash" eq "$(cat "$BUILD/completions/gitopsgen")" "$("$G" completion bash)"
check "zsh" eq "$(cat "$BUILD/completions/_gitopsgen")" "$("$G" completion zsh)"
check "fish" eq "$(cat "$BUILD/completions/gitopsgen.fish")" "$("$G" completion fish)"
check "__man is hidden" not_contains "$("$G" --help)" "__man"

case_ "it renders without a warning"
check "groff -ww: no warnings" eq "$(groff -man -ww -z "$BUILD/gitopsgen.1" 2>&1)" ""
check "man --warnings: none" eq "$(man --warnings -P cat -l "$BUILD/gitopsgen.1" 2>&1 >/dev/null)" ""
page=$(render "$BUILD/gitopsgen.1")
check "man: nothing on stderr" eq "$(cat "$WORK/man-stderr")" ""
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "SHARED OPTIONS" "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
  check "section $section" grep -qx "$section" <<<"$page"
done
check "name line" grep -qx "       gitopsgen - generate and maintain an Argo CD GitOps platform repository" <<<"$page"
check "see also" contains "$page" "git(1), helm(1), kubectl(1), argocd(1)"

case_ "every command --help lists, each nested migration, with options and examples"
commands=$("$G" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
check "commands found in --help" contains "$commands" "promote"
for c in $commands; do check "command $c" grep -qx "   $c" <<<"$page"; done
for m in $("$G" migrate --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
  check "migration $m" grep -qx "   migrate $m" <<<"$page"
done
check "a usage line" contains "$page" "gitopsgen set-image [OPTIONS] --env TEXT SERVICE..."
check "an option" contains "$page" "--lock-timeout SECONDS"
check "an example, quotes as typed" contains "$page" "gitopsgen status -o json | jq '.services[]'"
check "a footer note" contains "$page" "Upstream chart Applications keep their pinned chart versions."
check "shared options per command" contains "$page" "Shared options it honours: -C, --output (text, json, yaml), --quiet, --verbose, --color,"

case_ "the exit-status table"
status=$(sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' <<<"$page" | awk 'NF' | sed 's/^ *//')
check "exit codes" eq "$(grep -E '^[0-9] ' <<<"$status" | cut -c1)" "$(printf '0\n1\n2\n3')"
check "0" grep -q "^0 *Done, or nothing to change." <<<"$status"
check "1" grep -q "^1 *Failed" <<<"$status"
check "2" grep -q "^2 *Usage error" <<<"$status"
check "3" grep -q "^3 *Needs a person: a conflict or a refusal" <<<"$status"

case_ "every environment variable the code reads"
env_section=$(sed -n '/^ENVIRONMENT/,/^FILES/p' <<<"$page")
# getenv("X") and the env("X") wrappers around it; GITOPSGEN_CRASH_AT is the crash tests' hook.
vars=$(grep -rhoE '(getenv|[^_a-z]env)\("[A-Z_]+"\)' "$SOURCE_DIR/cli" "$SOURCE_DIR/generators" |
  sed -E 's/.*\("([A-Z_]+)"\)/\1/' | sort -u | grep -vx GITOPSGEN_CRASH_AT)
check "found the variables" contains "$vars" "GITOPSGEN_THREADS"
for v in $vars GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_DATE; do
  check "variable $v" grep -qw -- "$v" <<<"$env_section"
done

case_ "roff: only the requests it means, hyphens and quotes escaped"
requests=$(grep -oE "^[.'][a-zA-Z\\\\\"]+" "$BUILD/gitopsgen.1" | LC_ALL=C sort -u | tr '\n' ' ')
check "requests" eq "$requests" '.BR .PP .RE .RS .SH .SS .TH .TP .\" .ad .br .fi .nf .nh '
check "option names as \\-" grep -qF '\fB\-\-dry\-run\fR' "$BUILD/gitopsgen.1"
check "no bare hyphen in an option" not_contains "$(cat "$BUILD/gitopsgen.1")" "--dry-run"
check "apostrophes as \\(aq" grep -qF "jq \\(aq.services[]\\(aq" "$BUILD/gitopsgen.1"

case_ "cmake --install puts the binary, the page and the completions under the prefix"
cmake --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; fail "cmake --install"; }
for f in bin/gitopsgen share/man/man1/gitopsgen.1 share/bash-completion/completions/gitopsgen \
  share/zsh/vendor-completions/_gitopsgen share/fish/vendor_completions.d/gitopsgen.fish \
  share/doc/gitopsgen/copyright; do
  check "installed $f" test -s "$WORK/prefix/$f"
done
check "the installed binary runs" contains "$("$WORK/prefix/bin/gitopsgen" version)" "gitopsgen 0.1.0"
check "man finds the installed page" eq "$(MANPATH="$WORK/prefix/share/man" man -P cat gitopsgen 2>&1)" "$page"
check "the installed bash completion is the build's" cmp -s "$WORK/prefix/share/bash-completion/completions/gitopsgen" "$BUILD/completions/gitopsgen"

finish
