#!/usr/bin/env bash
# history: follows renames as git log --follow does, refuses a name that never was a service,
# -n and --since, aligned columns.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
"$G" add-service service-a -l java -q
"$G" add-service service-b -l go -q
# Commit times a day apart, so --since has something to cut.
at() { local t; t="$(date -u -d "$1" +%s) +0000"; GIT_COMMITTER_DATE="$t" GIT_AUTHOR_DATE="$t" "${@:2}"; }
at "2026-11-01T10:00:00Z" "$G" set-image service-a --env dev --tag 1.1.0 -q
at "2026-11-02T10:00:00Z" "$G" set-image service-a --env dev --tag 1.10.0-rc.1 -q
at "2026-11-03T10:00:00Z" "$G" promote service-a --from dev --to staging -q
at "2026-11-04T10:00:00Z" "$G" set-image service-a --env dev --tag 2.0.0 -q

case_ "columns line up, newest first"
out=$("$G" history service-a)
check "seven changes" eq "$(echo "$out" | wc -l)" 7
check "the arrow in one column" eq "$(echo "$out" | awk '{ print index($0, "→") }' | sort -u | wc -l)" 1
check "the author in one column" eq "$(echo "$out" | awk '{ print index($0, "gitopsgen demo") }' | sort -u | wc -l)" 1
check "newest first" eq "$(echo "$out" | head -1 | awk '{ print $3, $4, $6 }')" "dev 1.10.0-rc.1 2.0.0"

case_ "-n N: the newest N changes; --since: those committed since then"
check "-n 2" eq "$("$G" history service-a -n 2 | awk '{ print $3 ":" $6 }' | tr '\n' ' ')" "dev:2.0.0 staging:1.10.0-rc.1 "
check "--max-count 1 --env dev" eq "$("$G" history service-a --env dev --max-count 1 | awk '{ print $6 }')" "2.0.0"
check "--since a date" eq "$("$G" history service-a --since 2026-11-03 | awk '{ print $6 }' | tr '\n' ' ')" "2.0.0 1.10.0-rc.1 "
check "--since an ISO time with a zone" eq "$("$G" history service-a --since 2026-11-03T11:30:00+02:00 | wc -l)" 2
check "--since an ISO time, one second later" eq "$("$G" history service-a --since 2026-11-03T10:00:01Z | wc -l)" 1
check "--since N.weeks, back past every commit" eq "$("$G" history service-a --since 100000.weeks | wc -l)" 7
check "json honours -n" eq "$("$G" history service-a -n 1 -o json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["changes"]))')" 1
refuses "--since that is no time" . "--since 'last tuesday' is not a time" "$G" history service-a --since 'last tuesday'
refuses "--since with an impossible month" . "--since '2026-13-01' is not a time" "$G" history service-a --since 2026-13-01
refuses "-n 0" . "-n '0' is not a count from 1 to 1000000" "$G" history service-a -n 0

case_ "a name that is no service, now or ever, is an error; a removed service keeps its history"
refuses "never a service" . "'ghost' is no service of the platform, now or in its history" "$G" history ghost
"$G" remove-service service-b -q
check "a removed service's history ends in (removed)" eq "$("$G" history service-b --env dev | awk '{ print $4, $6 }' | tr '\n' ' ')" "1.0.0 (removed) (created) 1.0.0 "
check "a service with no change since then is no error" eq "$("$G" history service-a --since 2030-01-01)" "No image changes of service-a in the history."

case_ "a renamed chart: history follows the value files, as git log --follow does"
before=$("$G" history service-a --env dev | cut -c1-12)
"$G" migrate rename-chart vsf-miniapp shop -q
"$G" set-image service-a --env dev --tag 2.0.1 -q
after=$("$G" history service-a --env dev)
check "the new change and every earlier one" eq "$(echo "$after" | sed 1d | cut -c1-12)" "$before"
check "the creation is still the first, not the rename" eq "$(echo "$after" | tail -1 | awk '{ print $4, $6 }')" "(created) 1.0.0"
follow=$(git log --follow --format=%h --abbrev=12 -- charts/shop/ci/service-a-dev.yaml)
for c in $(echo "$after" | cut -c1-12); do
  check "commit $c is in git log --follow" contains "$follow" "$c"
done

finish
