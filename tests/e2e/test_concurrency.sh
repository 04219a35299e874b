#!/usr/bin/env bash
# Concurrent runs: gitopsgen runs on one repository are serialized by a lock that also waits for
# git's own index.lock; a run that cannot get it within --lock-timeout fails with one line and
# changes nothing; parallel promotes of different services all land, none lost.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
for i in 1 2 3 4 5 6 7 8; do
  "$G" add-service "svc-$i" --language go --tag "1.0.$i" -q
  "$G" set-image "svc-$i" --env staging --tag "2.0.$i" -q
done
base=$(git rev-parse HEAD)

# hold_lock SECONDS: holds the advisory lock a gitopsgen run takes, in one process (so killing it
# releases the lock).
hold_lock() {
  exec python3 -c 'import fcntl, sys, time
f = open(".git/gitopsgen.lock", "a")
fcntl.flock(f, fcntl.LOCK_EX)
time.sleep(float(sys.argv[1]))' "$1"
}

case_ "8 promotes of different services started at once all land"
pids=()
for i in 1 2 3 4 5 6 7 8; do
  "$G" promote "svc-$i" --from staging --to production -q >"$WORK/p$i.out" 2>"$WORK/p$i.err" &
  pids+=($!)
done
for i in 1 2 3 4 5 6 7 8; do
  rc=0
  wait "${pids[$((i - 1))]}" || rc=$?
  check "promote svc-$i exited 0 ($(cat "$WORK/p$i.err"))" eq "$rc" "0"
done
check "8 commits, one per promote" eq "$(git rev-list --count "$base"..HEAD)" "8"
check "history is linear" eq "$(git rev-list --merges "$base"..HEAD | wc -l)" "0"
for i in 1 2 3 4 5 6 7 8; do
  check "svc-$i reached production (no update lost)" \
    grep -qx "  tag: \"\?2.0.$i\"\?" "charts/vsf-miniapp/ci/svc-$i-production.yaml"
  check "svc-$i's commit touches only its file" eq \
    "$(git log --format= --name-only --grep="svc-$i:" "$base"..HEAD)" "charts/vsf-miniapp/ci/svc-$i-production.yaml"
done
check "work tree and index clean" eq "$(git status --porcelain --untracked-files=all)" ""
check "fsck clean" eq "$(git fsck --strict --no-dangling 2>&1)" ""

case_ "a run that cannot get the lock in time fails with one line and changes nothing"
hold_lock 30 &
holder=$!
sleep 0.3
start=$(date +%s%N)
refuses "lock held" . "another gitopsgen run holds" "$G" set-image svc-1 --env dev --tag 9.9.9 --lock-timeout 1
waited=$((($(date +%s%N) - start) / 1000000))
check "waited about the timeout (${waited} ms)" test "$waited" -ge 900 -a "$waited" -lt 10000
kill "$holder"; wait "$holder" 2>/dev/null || true

case_ "a run waits for the lock and then goes on"
hold_lock 1.5 &
holder=$!
sleep 0.3
out=$("$G" set-image svc-1 --env dev --tag 3.0.0 --lock-timeout 20)
check "committed after waiting" contains "$out" "Commit"
check "the tag is set" grep -q "tag: 3.0.0" charts/vsf-miniapp/ci/svc-1-dev.yaml
wait "$holder" 2>/dev/null || true

case_ "git's own index.lock is respected"
touch .git/index.lock
refuses "index.lock present" . "index.lock exists" "$G" set-image svc-2 --env dev --tag 3.0.0 --lock-timeout 1
check "git's lock left in place" test -e .git/index.lock
(sleep 1 && rm -f .git/index.lock) &
out=$("$G" set-image svc-2 --env dev --tag 3.0.0 --lock-timeout 20)
check "committed once git's lock went away" contains "$out" "Commit"
check "svc-2 set" grep -q "tag: 3.0.0" charts/vsf-miniapp/ci/svc-2-dev.yaml
check "clean afterwards" eq "$(git status --porcelain)" ""

case_ "read-only commands do not wait for the lock"
hold_lock 30 &
holder=$!
sleep 0.3
check "status runs while the lock is held" timeout 10 "$G" status -q
kill "$holder"; wait "$holder" 2>/dev/null || true

finish
