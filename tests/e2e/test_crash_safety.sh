#!/usr/bin/env bash
# Crash safety: gitopsgen killed with SIGKILL at any moment of a 1,000-service apply leaves the
# repository as it was or fully committed — git fsck clean, HEAD naming an existing commit, every
# work-tree file wholly old or wholly new — and the next run (or `recover`) finishes or undoes the
# change so the work tree, index and HEAD agree again. Kills land at every named point of the
# commit (GITOPSGEN_CRASH_AT) and at evenly spread moments of the run (timeout -s KILL).
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
N=${CRASH_SERVICES:-1000}
# Fixed dates make the commit of every completed run the same object.
export GIT_AUTHOR_DATE="1767225600 +0000" GIT_COMMITTER_DATE="1767225600 +0000"

"$G" init --repo-url "$GUIDE_REPO" base -q
python3 "$SOURCE_DIR/tests/bench/gen.py" services-yaml "$N" "$WORK/services.yaml"
cp -a base ref
"$G" -C ref apply -f "$WORK/services.yaml" -q
OLD=$(git -C base rev-parse HEAD)
NEW=$(git -C ref rev-parse HEAD)
FILES=$(git -C ref diff --name-only "$OLD" "$NEW" | wc -l)
echo "apply of $N services writes $FILES files"

# Every work-tree file as "hash  path", sorted.
hashes() { (cd "$1" && find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }
hashes base >"$WORK/base.sums"
hashes ref >"$WORK/ref.sums"
cat "$WORK/base.sums" "$WORK/ref.sums" >"$WORK/either.sums"

one_of() { local x=$1; shift; for v in "$@"; do [ "$x" = "$v" ] && return 0; done; echo "  $x is none of $*" >&2; return 1; }
fsck_clean() {
  local out rc=0
  out=$(git -C "$1" fsck --strict --no-dangling 2>&1) || rc=$?
  [ "$rc" -eq 0 ] && ! grep -qiE "error|missing|broken|corrupt" <<<"$out" || { echo "$out" | head -5 >&2; return 1; }
}
# Each file is byte for byte the one before or the one after; no temporary file in the work tree.
wholly_old_or_new() {
  local odd
  odd=$(hashes "$1" | grep -vxF -f "$WORK/either.sums" || true)
  [ -z "$odd" ] || { echo "  half-written or foreign: ${odd:0:300}" >&2; return 1; }
}
same_files() { diff -q <(hashes "$1") "$2" >/dev/null || { diff <(hashes "$1") "$2" | head -5 >&2; return 1; }; }

# check_after_kill LABEL DIR: the state right after the kill, then after recovery.
check_after_kill() {
  local label=$1 d=$2 head
  check "$label: git fsck clean" fsck_clean "$d"
  head=$(git -C "$d" rev-parse HEAD)
  check "$label: HEAD is the commit before or the new one" one_of "$head" "$OLD" "$NEW"
  check "$label: HEAD names an existing commit" git -C "$d" cat-file -e "$head^{commit}"
  check "$label: every file wholly old or wholly new" wholly_old_or_new "$d"
  "$G" -C "$d" recover >"$WORK/recover.out" 2>"$WORK/recover.err" || fail "$label: recover failed: $(cat "$WORK/recover.err")"
  check "$label: recovered HEAD unchanged" eq "$(git -C "$d" rev-parse HEAD)" "$head"
  check "$label: status clean after recovery" eq "$(git -C "$d" status --porcelain --untracked-files=all)" ""
  if [ "$head" = "$OLD" ]; then
    check "$label: work tree as before" same_files "$d" "$WORK/base.sums"
  else
    check "$label: work tree as committed" same_files "$d" "$WORK/ref.sums"
  fi
  check "$label: no journal left" test ! -e "$d/.git/gitopsgen-journal"
  check "$label: no temporary file left" eq "$(find "$d/.git/gitopsgen-tmp" -type f 2>/dev/null | wc -l)" "0"
  check "$label: fsck clean after recovery" fsck_clean "$d"
}

case_ "killed at every point of the commit"
i=0
for point in objects-written journal-written temp-written:2 file:1 "file:$((FILES / 2))" \
  "file:$FILES" files-written staged head-moved; do
  i=$((i + 1))
  d="$WORK/point$i"
  cp -a base "$d"
  rc=0
  GITOPSGEN_CRASH_AT=$point "$G" -C "$d" apply -f "$WORK/services.yaml" -q 2>/dev/null || rc=$?
  check "$point: killed by SIGKILL" eq "$rc" "137"
  check_after_kill "$point" "$d"
  case $point in
    head-moved) check "$point: recovery finished the change" eq "$(cat "$WORK/recover.out")" "Recovered an interrupted run: finished its change to $FILES file(s); the repository is consistent." ;;
    objects-written) check "$point: nothing to recover" eq "$(cat "$WORK/recover.out")" "Nothing to recover: the repository is consistent." ;;
    *) check "$point: recovery undid the change" eq "$(cat "$WORK/recover.out")" "Recovered an interrupted run: undid its change to $FILES file(s); the repository is consistent." ;;
  esac
  if [ "$i" -le 2 ] || [ "$point" = "staged" ]; then
    # The repository works on: the same apply now commits exactly the reference commit.
    "$G" -C "$d" apply -f "$WORK/services.yaml" -q
    check "$point: the apply completes afterwards with the same commit" eq "$(git -C "$d" rev-parse HEAD)" "$NEW"
  fi
  rm -rf "$d"
done

case_ "killed while writing the index: the index.lock it left does not block recovery"
# CI once killed a run inside git_index_write; the next run then waited 30 s for that stale lock.
d="$WORK/index-lock"
cp -a base "$d"
rc=0
GITOPSGEN_CRASH_AT=files-written "$G" -C "$d" apply -f "$WORK/services.yaml" -q 2>/dev/null || rc=$?
check "killed by SIGKILL" eq "$rc" "137"
: >"$d/.git/index.lock"  # what a kill inside git_index_write leaves: newer than the journal
start=$(date +%s%N)
check_after_kill "stale index.lock" "$d"
ms=$((($(date +%s%N) - start) / 1000000))
check "recovery did not wait for the stale lock (${ms} ms)" test "$ms" -lt 20000
rm -rf "$d"
# One older than the journal belongs to a live git process: recovery waits, refuses, changes nothing.
d="$WORK/live-lock"
cp -a base "$d"
GITOPSGEN_CRASH_AT=files-written "$G" -C "$d" apply -f "$WORK/services.yaml" -q 2>/dev/null || true
: >"$d/.git/index.lock"
touch -d "1 hour ago" "$d/.git/index.lock"
hashes "$d" >"$WORK/live.sums"
index_before=$(sha256sum <"$d/.git/index")
rc=0
"$G" -C "$d" --lock-timeout 1 recover 2>"$WORK/live.err" || rc=$?
check "a live index.lock: recover refused" eq "$rc" "1"
check "a live index.lock: the error names it" contains "$(cat "$WORK/live.err")" "index.lock exists (waited 1 s)"
check "a live index.lock: one error line" eq "$(wc -l <"$WORK/live.err")" "1"
check "a live index.lock: nothing changed" same_files "$d" "$WORK/live.sums"
check "a live index.lock: the index unchanged" eq "$(sha256sum <"$d/.git/index")" "$index_before"
check "a live index.lock: the journal is kept" test -e "$d/.git/gitopsgen-journal"
rm "$d/.git/index.lock"
check_after_kill "live index.lock gone" "$d"
rm -rf "$d"

case_ "killed at evenly spread moments of the run"
cp -a base "$WORK/timing"
start=$(date +%s%N)
"$G" -C "$WORK/timing" apply -f "$WORK/services.yaml" -q
ms=$((($(date +%s%N) - start) / 1000000))
echo "a full apply takes $ms ms here; killing at 12 moments across it"
mid_commit=0
for k in $(seq 1 12); do
  d="$WORK/timed$k"
  cp -a base "$d"
  delay=$(awk -v ms="$ms" -v k="$k" 'BEGIN { printf "%.3f", ms * k / 13 / 1000 }')
  rc=0
  timeout -s KILL "$delay" "$G" -C "$d" apply -f "$WORK/services.yaml" -q 2>/dev/null || rc=$?
  check "kill after ${delay}s: killed or completed" one_of "$rc" 137 0
  [ -e "$d/.git/gitopsgen-journal" ] && mid_commit=$((mid_commit + 1))
  check_after_kill "kill after ${delay}s" "$d"
  rm -rf "$d"
done
echo "$mid_commit of 12 kills landed while the work tree was changing"

finish
