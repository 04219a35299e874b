#!/usr/bin/env bash
# The conventions git, helm and kubectl taught their users: one exit-code table for every command,
# "did you mean", `help` and `version`, the shared options in every help and refused where they do
# nothing, colour and a pager only on a terminal, and `-f -` for standard input.
. "$(dirname "$0")/lib.sh"
G=$GITOPSGEN

"$G" init --repo-url "$GUIDE_REPO" demo -q
"$G" -C demo add-service orders --language go -q
"$G" -C demo add-service billing --language java -q

# The subcommands the binary itself lists, so a new command is covered without editing this file.
mapfile -t COMMANDS < <("$G" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}')
case_ "the command list comes from --help"
check "found the commands" contains "${COMMANDS[*]}" "status"
check "and the new ones" contains "${COMMANDS[*]}" "version"

# rc COMMAND...: the exit code, with output kept in $WORK/out and $WORK/err.
rc() { local code=0; "$@" >"$WORK/out" 2>"$WORK/err" || code=$?; echo "$code"; }

case_ "exit 2: an unknown option, for every command"
for c in "${COMMANDS[@]}"; do
  before=$(fingerprint demo)
  check "$c --bogus exits 2" eq "$(rc "$G" -C demo "$c" --bogus)" "2"
  check "$c: one line" eq "$(wc -l <"$WORK/err")" "1"
  check "$c: names the option" contains "$(cat "$WORK/err")" "unknown option '--bogus'"
  check "$c: nothing changed" eq "$(fingerprint demo)" "$before"
done

case_ "exit 2: a missing argument, whichever layer notices it"
for args in "set-image" "set-image orders --env dev" "promote --from dev" "promote --from dev --to staging" \
  "history" "remove-service" "add-service --yes" "add-service x --yes" "apply" "migrate rename-chart" \
  "migrate" "help bogus"; do
  # shellcheck disable=SC2086
  check "'$args' exits 2" eq "$(rc "$G" -C demo $args)" "2"
  check "'$args': one line" eq "$(wc -l <"$WORK/err")" "1"
  check "'$args': nothing on stdout" eq "$(cat "$WORK/out")" ""
done

case_ "exit 1: a failure; exit 0: nothing to change"
check "unknown service exits 1" eq "$(rc "$G" -C demo set-image nosuch --env dev --tag 2.0.0)" "1"
check "says which" contains "$(cat "$WORK/err")" "nosuch"
check "unknown environment exits 1" eq "$(rc "$G" -C demo set-image orders --env qa --tag 2.0.0)" "1"
tag=$(sed -n 's/^  tag: *//p' demo/charts/vsf-miniapp/ci/orders-dev.yaml | tr -d '"')
check "same tag exits 0" eq "$(rc "$G" -C demo set-image orders --env dev --tag "$tag")" "0"

case_ "exit 3: hand edits in the way need a person"
echo "# hand edit" >>demo/charts/vsf-miniapp/ci/orders-dev.yaml
before=$(fingerprint demo)
check "exits 3" eq "$(rc "$G" -C demo set-image orders --env dev --tag 2.0.0)" "3"
check "says why" contains "$(cat "$WORK/err")" "uncommitted changes"
check "nothing changed" eq "$(fingerprint demo)" "$before"
git -C demo checkout -q -- .

case_ "did you mean"
check "command" eq "$(rc "$G" stauts)" "2"
check "suggests status" contains "$(cat "$WORK/err")" "unknown command 'stauts'; did you mean 'status'?"
rc "$G" -C demo status --dryrun >/dev/null
check "option" contains "$(cat "$WORK/err")" "unknown option '--dryrun'; did you mean '--dry-run'?"
rc "$G" -C demo migrate renme-chart a b >/dev/null
check "migration" contains "$(cat "$WORK/err")" "did you mean 'rename-chart'?"
rc "$G" help promot >/dev/null
check "help's word" contains "$(cat "$WORK/err")" "did you mean 'promote'?"
rc "$G" frobnicate >/dev/null
check "nothing near: no suggestion" not_contains "$(cat "$WORK/err")" "did you mean"

case_ "help COMMAND is COMMAND --help; every help lists the shared options it takes"
check "help" eq "$("$G" help)" "$("$G" --help)"
check "help exits 0" eq "$(rc "$G" help promote)" "0"
for c in "${COMMANDS[@]}"; do
  h=$("$G" help "$c")
  check "help $c = $c --help" eq "$h" "$("$G" "$c" --help)"
  check "$c help lists -C" contains "$h" "  -C DIR"
  check "$c help lists -o" contains "$h" "-o,--output FORMAT"
done
check "nested" eq "$("$G" help migrate rename-chart)" "$("$G" migrate rename-chart --help)"
check "promote shows --dry-run" contains "$("$G" help promote)" "--dry-run"
check "status does not" not_contains "$("$G" help status)" "--dry-run"
check "status: its formats" contains "$("$G" help status)" "Output format: text, json"
check "main help: exit codes" contains "$("$G" --help)" "3 needs a person"

case_ "shared options with no effect are refused, with one line, changing nothing"
for c in status validate version; do
  for flag in --dry-run --no-commit "-m hi" --allow-dirty "--scaffolds ." --yes "--lock-timeout 5"; do
    before=$(fingerprint demo)
    # shellcheck disable=SC2086
    check "$c $flag exits 2" eq "$(rc "$G" -C demo "$c" $flag)" "2"
    check "$c $flag: why" contains "$(cat "$WORK/err")" "has no effect on '$c'"
    check "$c $flag: nothing changed" eq "$(fingerprint demo)" "$before"
  done
done
check "history --dry-run" eq "$(rc "$G" -C demo history orders --dry-run)" "2"
check "set-image --yes (it never asks)" eq "$(rc "$G" -C demo set-image orders --env dev --tag 3.0.0 --yes)" "2"
check "set-image --scaffolds" eq "$(rc "$G" -C demo set-image orders --env dev --tag 3.0.0 --scaffolds .)" "2"
check "-m with --no-commit" eq "$(rc "$G" -C demo set-image orders --env dev --tag 3.0.0 --no-commit -m x)" "2"
check "says why" contains "$(cat "$WORK/err")" "--message has no effect with --no-commit"
for flag in "--remote origin" "--ssh-key k" "--known-hosts kh" "--max-attempts 2"; do
  # shellcheck disable=SC2086
  check "set-image $flag without --push" eq "$(rc "$G" -C demo set-image orders --env dev --tag 3.0.0 $flag)" "2"
  check "$flag: why" contains "$(cat "$WORK/err")" "has no effect without --push"
done
check "--push with --no-commit" eq "$(rc "$G" -C demo promote --all --from dev --to staging --push --no-commit)" "2"
check "says why" contains "$(cat "$WORK/err")" "--push has no effect with --no-commit"
check "-o a format status lacks" eq "$(rc "$G" -C demo status -o dot)" "2"
check "a shared option before the command counts too" eq "$(rc "$G" -C demo --dry-run status)" "2"
check "set-image --dry-run -m is fine" eq "$(rc "$G" -C demo set-image orders --env dev --tag 3.0.0 --dry-run -m x)" "0"

case_ "version"
out=$("$G" version)
check "first line" contains "$(head -1 <<<"$out")" "gitopsgen 0.1.0 (commit "
check "--version is the same" eq "$("$G" --version)" "$out"
check "libgit2 as built" contains "$out" "libgit2 $(pkg-config --modversion libgit2)"
check "libyaml" contains "$out" "libyaml $(pkg-config --modversion yaml-0.1)"
if git -C "$SOURCE_DIR" rev-parse -q --verify HEAD >/dev/null 2>&1; then
  head=$(git -C "$SOURCE_DIR" rev-parse --short=12 HEAD)
  check "the build's commit" contains "$(head -1 <<<"$out")" "(commit $head"
fi
# mimalloc is the allocator of a plain build, not of a sanitizer build: listed exactly when the
# binary links it, and only when malloc really hands out its memory (the binary checks).
libs="'CLI11', 'libgit2', 'libyaml', 'spdlog', 'yaml-cpp'"
if readelf -d "$G" | grep -q 'NEEDED.*\[libmimalloc'; then
  mimalloc=$(dpkg-query -W -f='${Version}' libmimalloc-dev | sed 's/[+-].*//')
  check "mimalloc, the allocator in use" contains "$out" "mimalloc $mimalloc"
  libs="'CLI11', 'libgit2', 'libyaml', 'mimalloc', 'spdlog', 'yaml-cpp'"
else
  check "no mimalloc in a build without it" not_contains "$out" "mimalloc"
fi
"$G" version -o json >v.json
check "json" eq "$(python3 -c 'import json; d=json.load(open("v.json")); print(d["command"], d["version"], sorted(d["libraries"]))')" \
  "version 0.1.0 [$libs]"

# on_tty COMMAND: runs COMMAND (a shell string) on a pseudo-terminal of 80x10, output to stdout.
on_tty() { script -qec "stty rows 10 cols 80; $1" /dev/null </dev/null; }
ESC=$'\033['

case_ "colour: only on a terminal, --color, NO_COLOR"
"$G" -C demo set-image orders --env dev --tag 4.0.0 -q
check "a pipe: none" not_contains "$("$G" -C demo status)" "$ESC"
check "--color always: marks" contains "$("$G" -C demo status --color always)" "${ESC}33m"
check "terminal: coloured" contains "$(on_tty "$G -C demo status")" "${ESC}33m"
check "NO_COLOR on a terminal: none" not_contains "$(NO_COLOR=1 on_tty "$G -C demo status")" "$ESC"
check "--color never on a terminal: none" not_contains "$(on_tty "$G -C demo status --color never")" "$ESC"
check "--color always beats NO_COLOR" contains "$(NO_COLOR=1 "$G" -C demo status --color always)" "$ESC"
check "TERM=dumb: none" not_contains "$(TERM=dumb on_tty "$G -C demo status")" "$ESC"
check "the table still aligns" contains "$("$G" -C demo status --color always | sed 's/\x1b\[[0-9;]*m//g')" \
  "$("$G" -C demo status --color never | sed -n 2p)"
diff_out=$(on_tty "$G -C demo set-image orders --env staging --tag 4.0.0 --dry-run --no-pager")
check "a diff's added line is green" contains "$diff_out" "${ESC}32m+  tag: 4.0.0"
check "its removed line red" contains "$diff_out" "${ESC}31m-  tag:"
check "JSON never coloured" not_contains "$("$G" -C demo set-image orders --env staging --tag 4.0.0 --dry-run -o json --color always)" "$ESC"
check "--color checks its value" eq "$(rc "$G" -C demo status --color sometimes)" "2"

case_ "a pager for long diffs, only on a terminal"
long="$G -C demo promote --all --from dev --to staging --dry-run"
export GITOPSGEN_PAGER="sed s/^/PAGED:/"
paged=$(on_tty "$long" | sed 's/\x1b\[[0-9;]*m//g')
check "paged on a terminal" contains "$paged" "PAGED:diff --git"
check "every line through the pager" eq "$(grep -vc '^PAGED:' <<<"$paged" || true)" "0"
check "--no-pager" not_contains "$(on_tty "$long --no-pager")" "PAGED:"
check "never in a pipe" not_contains "$($long)" "PAGED:"
check "a short output is not paged" not_contains "$(on_tty "$G -C demo status")" "PAGED:"
unset GITOPSGEN_PAGER
check "PAGER when GITOPSGEN_PAGER is unset" contains "$(PAGER="sed s/^/PAGER:/" on_tty "$long")" "PAGER:"
check "GITOPSGEN_PAGER=cat: no pager" not_contains "$(GITOPSGEN_PAGER=cat PAGER="sed s/^/PAGER:/" on_tty "$long")" "PAGER:"

case_ "-f - reads standard input"
printf 'services:\n  - name: orders\n    language: go\n  - name: billing\n    language: java\n  - name: stock\n    language: python\n' >services.yaml
head_before=$(git -C demo rev-parse HEAD)
out=$("$G" -C demo apply -f - <services.yaml)
check "applied" contains "$out" "1 added"
check "committed" eq "$(git -C demo rev-list --count "$head_before"..HEAD)" "1"
check "the message names stdin" contains "$(git -C demo log -1 --format=%s)" "stdin"
check "the file is there" eq "$(git -C demo ls-files charts/vsf-miniapp/ci/stock-dev.yaml)" "charts/vsf-miniapp/ci/stock-dev.yaml"
check "same as the file" eq "$("$G" -C demo apply -f - --dry-run <services.yaml)" "$("$G" -C demo apply -f services.yaml --dry-run)"
printf 'services: {}\n' >bad.yaml
refuses "bad input from stdin names stdin" demo "stdin: expected a mapping" sh -c "'$G' -C demo apply -f - <bad.yaml"
before=$(fingerprint demo)
out=$(on_tty "$G -C demo apply -f -" || true)
check "a terminal on stdin is refused" contains "$out" "reads standard input, but it is a terminal"
check "nothing changed" eq "$(fingerprint demo)" "$before"
printf 'name: pay\nlanguage: nodejs\n' | "$G" -C demo add-service --from-file - -q
check "add-service --from-file -" eq "$(git -C demo log -1 --format=%s)" "feat: add pay (nodejs) to dev, staging, production"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
  -subj "/CN=root.linkerd.cluster.local" -days 365 2>/dev/null
"$G" init --repo-url "$GUIDE_REPO" piped -q --linkerd-trust-anchor - <ca.crt
"$G" init --repo-url "$GUIDE_REPO" named -q --linkerd-trust-anchor ca.crt
bundle=infrastructure/linkerd/base/linkerd-certificates.yaml
check "init --linkerd-trust-anchor - holds the certificate" contains "$(cat piped/$bundle)" "BEGIN CERTIFICATE"
check "the same bytes as from the file" eq "$(sha256sum <piped/$bundle)" "$(sha256sum <named/$bundle)"

finish
