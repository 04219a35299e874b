#!/usr/bin/env bash
# Read-only commands after a run killed half-way (SIGKILL in the middle of writing a 1,000-service
# apply): each one either recovers the run first (the lock is free) or, while another run holds
# the lock, reads HEAD and says so in one line; never the half-written work tree. `recover` then
# prints one true message, in text and -o json.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
N=${READS_SERVICES:-1000}
export GIT_AUTHOR_DATE="1767225600 +0000" GIT_COMMITTER_DATE="1767225600 +0000"

"$G" init --repo-url "$GUIDE_REPO" base -q
python3 "$SOURCE_DIR/tests/bench/gen.py" services-yaml "$N" "$WORK/services.yaml"
"$G" -C base add-service service-a -l python --secret postgres:host,password -q
"$G" -C base add-service service-b -l go -q
"$G" -C base set-image service-a --env dev --tag 1.1.0 -q
FIRST=service-a
# The committed answers, from a repository nobody interrupted.
"$G" -C base status >"$WORK/status.want"
"$G" -C base status -o json >"$WORK/status.json.want"
"$G" -C base validate >"$WORK/validate.want"
"$G" -C base graph >"$WORK/graph.want"
"$G" -C base list >"$WORK/list.want"
"$G" -C base diff service-a --from dev --to production >"$WORK/diff.want"
"$G" -C base history "$FIRST" >"$WORK/history.want"
cp -a base killed
rc=0
GITOPSGEN_CRASH_AT="file:$N" "$G" -C killed apply -f "$WORK/services.yaml" -q 2>/dev/null || rc=$?
check "the apply was killed half-way" eq "$rc" "137"
check "it left a journal" test -e killed/.git/gitopsgen-journal
HEAD=$(git -C killed rev-parse HEAD)
SHORT=$(git -C killed rev-parse --short=7 HEAD)
check "HEAD is still the commit before" eq "$HEAD" "$(git -C base rev-parse HEAD)"
check "the work tree is half-written" test -n "$(git -C killed status --porcelain --untracked-files=all)"
BEFORE=$(fingerprint killed)

# held NAME ARGS...: the command on `killed` while another run holds the lock.
held() {
  local name=$1; shift
  rc=0
  flock killed/.git/gitopsgen.lock "$G" -C killed "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
}

case_ "while another run holds the lock, every read-only command reads HEAD and says so once"
for cmd in status list diff validate graph history; do
  args=("$cmd"); [ "$cmd" = history ] && args=(history "$FIRST")
  [ "$cmd" = diff ] && args=(diff "$FIRST" --from dev --to production)
  held "$cmd" "${args[@]}"
  check "$cmd: exit 0" eq "$rc" "0"
  check "$cmd: one line on stderr" eq "$(cat "$WORK/$cmd.err")" \
    "gitopsgen: another gitopsgen run is in progress; reading HEAD $SHORT"
  check "$cmd: the committed answer, byte for byte" eq "$(cat "$WORK/$cmd.out")" "$(cat "$WORK/$cmd.want")"
done
held status-json status -o json
check "status -o json: HEAD's services only" eq "$(cat "$WORK/status-json.out")" "$(cat "$WORK/status.json.want")"
held status-q status -q
check "status -q: the HEAD line still said" eq "$(cat "$WORK/status-q.err")" \
  "gitopsgen: another gitopsgen run is in progress; reading HEAD $SHORT"
check "nothing was touched" eq "$(fingerprint killed)" "$BEFORE"

case_ "with the lock free, the first read-only command recovers the run, then reads the disk"
for cmd in status list diff validate graph history; do
  args=("$cmd"); [ "$cmd" = history ] && args=(history "$FIRST")
  [ "$cmd" = diff ] && args=(diff "$FIRST" --from dev --to production)
  rm -rf "$WORK/r" && cp -a killed "$WORK/r"
  rc=0
  "$G" -C "$WORK/r" "${args[@]}" >"$WORK/$cmd.out" 2>"$WORK/$cmd.err" || rc=$?
  check "$cmd: exit 0" eq "$rc" "0"
  check "$cmd: one line on stderr" test "$(wc -l <"$WORK/$cmd.err")" -eq 1
  check "$cmd: it says it undid the change" contains "$(cat "$WORK/$cmd.err")" \
    "gitopsgen: recovered an interrupted run: undid its change to "
  check "$cmd: the committed answer" eq "$(cat "$WORK/$cmd.out")" "$(cat "$WORK/$cmd.want")"
  check "$cmd: the work tree is clean again" eq "$(git -C "$WORK/r" status --porcelain --untracked-files=all)" ""
  check "$cmd: HEAD unchanged" eq "$(git -C "$WORK/r" rev-parse HEAD)" "$HEAD"
  rc=0
  "$G" -C "$WORK/r" "${args[@]}" >"$WORK/$cmd.out" 2>"$WORK/$cmd.err" || rc=$?
  check "$cmd: the next run says nothing more" eq "$(cat "$WORK/$cmd.err")" ""
done

case_ "recover prints one true message"
rm -rf "$WORK/r" && cp -a killed "$WORK/r"
"$G" -C "$WORK/r" recover >"$WORK/recover.out" 2>"$WORK/recover.err"
check "stderr is empty" eq "$(cat "$WORK/recover.err")" ""
check "one line on stdout" test "$(wc -l <"$WORK/recover.out")" -eq 1
check "it says what it undid" contains "$(cat "$WORK/recover.out")" "Recovered an interrupted run: undid its change to "
check "and that the repository is consistent" contains "$(cat "$WORK/recover.out")" "; the repository is consistent."
"$G" -C "$WORK/r" recover >"$WORK/recover.out" 2>"$WORK/recover.err"
check "a consistent repository: said once" eq "$(cat "$WORK/recover.out")" "Nothing to recover: the repository is consistent."
check "a consistent repository: stderr empty" eq "$(cat "$WORK/recover.err")" ""
rm -rf "$WORK/r" && cp -a killed "$WORK/r"
"$G" -C "$WORK/r" recover -o json >"$WORK/recover.json" 2>"$WORK/recover.err"
check "-o json: stderr is empty" eq "$(cat "$WORK/recover.err")" ""
check "-o json: what was done" eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["recovered"], d["outcome"], d["files"] > 0)' "$WORK/recover.json")" "True undone True"

finish
