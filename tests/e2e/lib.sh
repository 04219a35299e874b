# Shared helpers for the end-to-end tests: each test runs the built gitopsgen binary in a
# temporary directory and inspects the result with the git CLI, Helm and the schema validator.
# Environment (set by CTest): GITOPSGEN, SOURCE_DIR, TOOLS_DIR.
set -euo pipefail

: "${GITOPSGEN:?set GITOPSGEN to the built binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
TOOLS_DIR=${TOOLS_DIR:-}
HELM=${TOOLS_DIR:+$TOOLS_DIR/helm}
VALIDATOR=${TOOLS_DIR:+$TOOLS_DIR/schema-validator/validate.mjs}

WORK=$(mktemp -d /tmp/gitopsgen-e2e.XXXXXX)
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# A known identity, and no user or system git config that could leak in.
export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
export GIT_AUTHOR_NAME="Ada Platform" GIT_AUTHOR_EMAIL="ada@example.test"
export GIT_COMMITTER_NAME="Ci Bot" GIT_COMMITTER_EMAIL="ci@example.test"

# The guide's repository URL, given explicitly: `init` takes none by default but the `origin`
# remote's, and the tests' repositories have none.
GUIDE_REPO=https://github.com/oNddleo/gitops.git

PASSED=0
FAILED=0
CURRENT=""

fail() { echo "FAIL [$CURRENT]: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { PASSED=$((PASSED + 1)); }
case_() { CURRENT=$1; echo "--- $1"; }

# check DESCRIPTION COMMAND...: one assertion; a failing command is a failing assertion.
check() {
  local what=$1; shift
  if "$@"; then ok; else fail "$what"; fi
}
eq() { [ "$1" = "$2" ] || { echo "  expected: $2" >&2; echo "  actual:   $1" >&2; return 1; }; }
contains() { case "$1" in *"$2"*) return 0 ;; *) echo "  missing '$2' in: ${1:0:400}" >&2; return 1 ;; esac; }
not_contains() { case "$1" in *"$2"*) echo "  unexpected '$2'" >&2; return 1 ;; *) return 0 ;; esac; }

# A fingerprint of a repository: HEAD, refs, index, status and every work-tree byte.
fingerprint() {
  local dir=$1
  if [ ! -e "$dir" ]; then echo "absent"; return; fi
  if [ -f "$dir" ]; then sha256sum "$dir"; return; fi
  (
    cd "$dir"
    if [ -d .git ]; then
      git rev-parse -q --verify HEAD || echo "unborn"
      git for-each-ref
      # status first: it may refresh the index's stat data, which is not a change.
      git status --porcelain=v1 --untracked-files=all
      sha256sum .git/index 2>/dev/null || echo "no index"
    fi
    find . -path ./.git -prune -o -print | LC_ALL=C sort | while read -r f; do
      if [ -f "$f" ]; then sha256sum "$f"; else echo "dir $f"; fi
    done
  )
}

# refuses DESCRIPTION DIR EXPECTED_TEXT COMMAND...: the command must exit non-zero with exactly
# one line on stderr containing EXPECTED_TEXT, nothing on stdout, and DIR must be unchanged.
refuses() {
  local what=$1 dir=$2 expected=$3; shift 3
  local before after rc=0
  before=$(fingerprint "$dir")
  "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  after=$(fingerprint "$dir")
  local lines; lines=$(wc -l <"$WORK/err")
  if [ "$rc" -eq 0 ]; then fail "$what: exited 0"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$what: $lines stderr lines: $(cat "$WORK/err")"; return; fi
  if ! grep -qF -- "$expected" "$WORK/err"; then fail "$what: stderr '$(cat "$WORK/err")' lacks '$expected'"; return; fi
  if [ -s "$WORK/out" ]; then fail "$what: printed to stdout: $(head -c 300 "$WORK/out")"; return; fi
  if [ "$before" != "$after" ]; then fail "$what: the repository changed"; diff <(echo "$before") <(echo "$after") | head -20 >&2; return; fi
  ok
}

# nothing_to_change DESCRIPTION EXPECTED_TEXT ARGS...: `gitopsgen ARGS` in the current directory
# exits 0, prints one line holding "Nothing to change" and EXPECTED_TEXT, nothing on stderr, and
# changes no byte of the repository.
nothing_to_change() {
  local what=$1 expected=$2; shift 2
  local before rc=0
  before=$(fingerprint .)
  "$GITOPSGEN" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  if [ "$rc" -ne 0 ]; then fail "$what: exited $rc: $(cat "$WORK/err")"; return; fi
  if [ "$(wc -l <"$WORK/out")" -ne 1 ] || ! grep -qF "Nothing to change" "$WORK/out"; then fail "$what: printed '$(cat "$WORK/out")'"; return; fi
  if ! grep -qF -- "$expected" "$WORK/out"; then fail "$what: '$(cat "$WORK/out")' lacks '$expected'"; return; fi
  if [ -s "$WORK/err" ]; then fail "$what: stderr: $(cat "$WORK/err")"; return; fi
  if [ "$before" != "$(fingerprint .)" ]; then fail "$what: the repository changed"; return; fi
  ok
}

need_tools() {
  [ -n "$TOOLS_DIR" ] && [ -x "$HELM" ] && [ -f "$VALIDATOR" ] || { echo "FAIL: tools missing in TOOLS_DIR=$TOOLS_DIR" >&2; exit 1; }
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
