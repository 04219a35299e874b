#!/usr/bin/env bash
# set-image, promote, status and history on a local platform: byte-exact edits, one commit per
# run, the matrix, and the history read back from git.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
for s in service-a:java service-b:nodejs service-c:python; do "$G" add-service "${s%%:*}" -l "${s##*:}" -q; done
A=charts/vsf-miniapp/ci/service-a-dev.yaml

case_ "set-image changes only the tag's bytes and keeps the comment on its line"
sed -i 's/^  tag: 1.0.0$/  tag: 1.0.0   # pinned: see TICKET-12/' "$A"
git commit -qam "pin comment"
cp "$A" ../before.yaml
out=$("$G" set-image service-a --env dev --tag 1.10)
check "summary" contains "$out" "service-a (dev): 1.0.0 → 1.10"
check "one commit" eq "$(git log -1 --format=%s)" "chore(release): set service-a to 1.10 in dev"
check "body lists the change" contains "$(git log -1 --format=%b)" "service-a: 1.0.0 → 1.10"
check "only that file" eq "$(git show --name-only --format= HEAD)" "$A"
check "one line changed" eq "$(git show --numstat --format= HEAD | cut -f1,2)" "$(printf '1\t1')"
check "comment kept, 1.10 quoted" grep -qx '  tag: "1.10"   # pinned: see TICKET-12' "$A"
check "every other byte identical" /usr/bin/python3 - ../before.yaml "$A" <<'PY'
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
i = a.index(b"1.0.0")
assert b == a[:i] + b'"1.10"' + a[i + len(b"1.0.0"):], "bytes outside the tag changed"
PY
check "status clean" eq "$(git status --porcelain)" ""

case_ "awkward files: CRLF, flow mapping, anchors, no final newline, a missing tag"
printf 'serviceName: service-b\r\n# header\r\nimage: {repository: r.example/b, tag: "1.0"}  # flow\r\nreplicaCount: 1' \
  >charts/vsf-miniapp/ci/service-b-dev.yaml
printf 'serviceName: service-c\nconfig: &img\n  repository: r.example/c\nimage:\n  repository: r.example/c\n\n# trailing comment\n' \
  >charts/vsf-miniapp/ci/service-c-dev.yaml
git commit -qam "awkward files"
cp charts/vsf-miniapp/ci/service-b-dev.yaml ../b.yaml
"$G" set-image service-b --env dev --tag 2.0 -q
check "CRLF flow mapping edited in place" eq "$(cat -A charts/vsf-miniapp/ci/service-b-dev.yaml | sed -n 3p)" \
  'image: {repository: r.example/b, tag: "2.0"}  # flow^M$'
check "still no final newline" eq "$(tail -c 1 charts/vsf-miniapp/ci/service-b-dev.yaml | od -An -c | tr -d ' ')" "1"
"$G" set-image service-c --env dev --tag 3.1.4 -q
check "missing tag inserted in the file's style" eq "$(sed -n 4,6p charts/vsf-miniapp/ci/service-c-dev.yaml)" \
  "$(printf 'image:\n  repository: r.example/c\n  tag: 3.1.4')"
check "trailing comment kept" grep -q "# trailing comment" charts/vsf-miniapp/ci/service-c-dev.yaml
check "Helm reads the inserted tag" "$TOOLS_DIR/helm" template x charts/vsf-miniapp -f charts/vsf-miniapp/ci/service-c-dev.yaml --show-only templates/deployment.yaml
check "tag rendered" contains "$("$TOOLS_DIR/helm" template x charts/vsf-miniapp -f charts/vsf-miniapp/ci/service-c-dev.yaml --show-only templates/deployment.yaml)" 'image: "r.example/c:3.1.4"'
"$G" set-image service-c --env dev --tag 3.1.5 --repository registry.example.test/team/c -q
check "repository edited too" grep -q "repository: registry.example.test/team/c" charts/vsf-miniapp/ci/service-c-dev.yaml
check "anchor untouched" grep -q "config: &img" charts/vsf-miniapp/ci/service-c-dev.yaml

case_ "setting the same tag again changes nothing"
head=$(git rev-parse HEAD)
out=$("$G" set-image service-c --env dev --tag 3.1.5 --repository registry.example.test/team/c)
check "no commit" eq "$(git rev-parse HEAD)" "$head"
check "says so" contains "$out" "Nothing to change."

case_ "promote copies tags forward in one commit and skips what is equal"
"$G" promote service-a --from dev --to staging -q
check "one service" eq "$(git log -1 --format=%s)" "chore(release): promote 1 service(s) from dev to staging"
out=$("$G" promote --all --from staging --to production)
check "skipped ones reported" contains "$out" "(already there, skipped)"
check "message lists each service" contains "$(git log -1 --format=%b)" "service-a: 1.0.0 → 1.10"
check "one file per promoted service" eq "$(git show --name-only --format= HEAD)" "charts/vsf-miniapp/ci/service-a-production.yaml"
json=$("$G" promote --all --from dev --to staging -o json)
check "json promote" /usr/bin/python3 -c '
import json,sys
d = json.loads(sys.argv[1])
assert d["commit"] == sys.argv[2]
changed = {(c["service"], c["from"]["tag"], c["to"]["tag"], c["to"]["repository"]) for c in d["changed"]}
assert ("service-b", "1.0.0", "2.0", "r.example/b") in changed, changed
assert ("service-c", "1.0.0", "3.1.5", "registry.example.test/team/c") in changed, changed
assert any(s["service"] == "service-a" and s["env"] == "staging" for s in d["skipped"]), d["skipped"]' "$json" "$(git rev-parse HEAD)"
check "repository promoted where it differed" grep -q "repository: registry.example.test/team/c" charts/vsf-miniapp/ci/service-c-staging.yaml

case_ "status: the matrix, behind marked"
out=$("$G" status)
check "header" contains "$out" "SERVICE    dev    staging  production"
check "service-b behind in production" contains "$out" "service-b  2.0    2.0      1.0.0 *"
check "json matrix" /usr/bin/python3 -c '
import json,sys
d = json.loads(sys.argv[1])
assert d["environments"] == ["dev", "staging", "production"]
b = [s for s in d["services"] if s["service"] == "service-b"][0]["images"]
assert b["production"] == {"repository": "YOUR_ECR_REGISTRY/vsf-miniapp-service-b", "tag": "1.0.0", "drift": "behind", "behind": True}
assert b["staging"]["behind"] is False and b["staging"]["drift"] == "same"
assert d["platform"] == "vsf-miniapp" and d["head"] == sys.argv[2], d["head"]' "$("$G" status -o json)" "$(git rev-parse HEAD)"

case_ "status: versions compare as versions; ahead and differs are not behind"
cp -a "$WORK/demo" "$WORK/drift"
(
  cd "$WORK/drift"
  "$G" set-image service-c --env production --tag 1.2.0 -q   # staging 3.1.5 > production 1.2.0
  "$G" set-image service-c --env dev --tag 1.0.0-rc.1 -q     # a pre-release is below its release
  "$G" set-image service-a --env production --tag latest -q  # no version: it differs
  "$G" add-service service-d -l go -q
  "$G" set-image service-d --env production --tag 1.2.0 -q   # the report: staging 1.0.0, production 1.2.0
  out=$("$G" status)
  check "the reported case: production ahead" eq "$(grep '^service-d' <<<"$out")" "service-d  1.0.0       1.0.0    1.2.0 +"
  check "ahead, not behind" contains "$(grep '^service-c' <<<"$out")" "3.1.5 +  1.2.0 *"
  check "a pre-release below its release: staging is ahead of dev" contains "$(grep '^service-c' <<<"$out")" "1.0.0-rc.1  3.1.5 +"
  check "latest differs" contains "$(grep '^service-a' <<<"$out")" "latest ~"
  check "legend for each mark shown" contains "$out" "+ ahead of the environment before it: a newer version"
  check "json" /usr/bin/python3 -c '
import json,sys
d = json.loads(sys.argv[1])
c = [s for s in d["services"] if s["service"] == "service-c"][0]["images"]
assert c["staging"]["drift"] == "ahead" and c["staging"]["behind"] is False, c
assert c["production"]["drift"] == "behind" and c["production"]["behind"] is True, c
a = [s for s in d["services"] if s["service"] == "service-a"][0]["images"]
assert a["production"]["drift"] == "differs" and a["production"]["behind"] is False, a' "$("$G" status -o json)"
  check "status SERVICE filters" eq "$("$G" status service-c | tail -n +2 | grep -c .)" "3"
  check "only it" not_contains "$("$G" status service-c)" "service-a"
  refuses "status of no service" "$WORK/drift" "service 'ghost' is not on the platform" "$G" status ghost
)

case_ "history: every tag change with commit, author and date, from git"
out=$("$G" history service-a --env dev)
check "newest first" eq "$(echo "$out" | head -1 | cut -c1-12)" "$(git log -1 --format=%h --abbrev=12 -- "$A")"
check "old → new, padded to the widest value" contains "$(echo "$out" | head -1)" "dev  1.0.0     → 1.10   Ada Platform <ada@example.test>"
check "creation" contains "$out" "(created) → 1.0.0 "
check "the comment-only commit is not a tag change" eq "$(echo "$out" | wc -l)" "2"
check "json history" /usr/bin/python3 -c '
import json,sys
d = json.loads(sys.argv[1])
envs = [(c["env"], c["from"], c["to"]) for c in d["changes"]]
assert ("production", "1.0.0", "1.10") in envs and ("staging", "1.0.0", "1.10") in envs, envs
assert all(len(c["commit"]) == 40 for c in d["changes"])' "$("$G" history service-a -o json)"

case_ "--branch commits on a new branch and leaves HEAD, index and work tree alone"
local_state() { git rev-parse HEAD; git symbolic-ref HEAD; git status --porcelain; sha256sum .git/index; find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; }
before=$(local_state)
"$G" set-image service-a --env production --tag 5.0.0 --branch release/a-5 -q
check "HEAD, index and work tree untouched" eq "$(local_state)" "$before"
check "branch holds the edit (quote style of the file kept)" eq "$(git show release/a-5:charts/vsf-miniapp/ci/service-a-production.yaml | grep 'tag:')" '  tag: "5.0.0"'
check "main does not" eq "$(git show main:charts/vsf-miniapp/ci/service-a-production.yaml | grep 'tag:')" '  tag: "1.10"' 
check "branch is one commit ahead" eq "$(git rev-list --count main..release/a-5)" "1"
refuses "existing branch" "$WORK/demo" "branch 'release/a-5' already exists" "$G" set-image service-a --env production --tag 5.0.1 --branch release/a-5
refuses "bad branch name" "$WORK/demo" "is not a valid branch name" "$G" set-image service-a --env production --tag 5.0.1 --branch "a..b"

case_ "bad input changes nothing"
R="$WORK/demo"
refuses "unknown service" "$R" "service 'ghost' has no value file in dev" "$G" set-image ghost --env dev --tag 1.0
refuses "unknown env" "$R" "unknown environment 'qa'" "$G" set-image service-a --env qa --tag 1.0
refuses "bad tag" "$R" "image tag 'a b' is not a valid tag" "$G" set-image service-a --env dev --tag "a b"
refuses "bad repository" "$R" "is not a valid container image reference" "$G" set-image service-a --env dev --tag 1 --repository "UP/per"
refuses "same envs" "$R" "--from and --to name the same environment" "$G" promote --all --from dev --to dev
refuses "services and --all" "$R" "give services or --all, not both" "$G" promote service-a --all --from dev --to staging
refuses "nothing named" "$R" "name the services to promote, or --all" "$G" promote --from dev --to staging
refuses "missing --tag" "$R" "--tag is required" "$G" set-image service-a --env dev
refuses "history of a bad name" "$R" "is not a DNS-1123 label" "$G" history Bad_Name
refuses "push without a remote" "$R" "is not a remote of this repository, a URL or an existing path" "$G" set-image service-a --env dev --tag 7.7.7 --push --remote "$WORK/no-such-remote"
check "dry run prints the one-line diff" contains "$("$G" set-image service-a --env dev --tag 8.0 --dry-run)" '+  tag: "8.0"   # pinned: see TICKET-12'

case_ "promote goes to the next environment only, unless --skip-order"
R="$WORK/demo"
refuses "skipping staging" "$R" "promotion goes to the next environment: after dev comes staging, not production (--skip-order promotes dev → production anyway)" \
  "$G" promote service-a --from dev --to production
refuses "backwards" "$R" "promotion runs forward: dev comes before staging (--skip-order promotes staging → dev anyway)" \
  "$G" promote --all --from staging --to dev
check "a refusal exits 1" eq "$(rc=0; "$G" promote --all --from staging --to dev 2>/dev/null || rc=$?; echo $rc)" "1"
"$G" set-image service-b --env dev --tag 6.1.0 -q
"$G" promote service-b --from dev --to production --skip-order -q
check "--skip-order promotes dev → production" eq "$(git show HEAD:charts/vsf-miniapp/ci/service-b-production.yaml | grep 'tag:')" "  tag: 6.1.0"
check "in one commit" eq "$(git log -1 --format=%s)" "chore(release): promote 1 service(s) from dev to production"
check "staging untouched" eq "$(git show --name-only --format= HEAD)" "charts/vsf-miniapp/ci/service-b-production.yaml"

case_ "promote --all of many services: edits made on every core, errors exactly as in order"
# 70 services pass kParallelMinItems (64), so their files are parsed and edited on several threads.
cd "$WORK"
"$G" init --repo-url "$GUIDE_REPO" many -q
cd many
for i in $(seq -w 1 70); do "$G" add-service "svc-$i" -l go -q; done
for f in charts/vsf-miniapp/ci/svc-*-staging.yaml; do
  n=${f#*svc-}; n=${n%%-*}
  sed -i "s/^  tag: .*/  tag: 2.$((10#$n)).0/" "$f"
done
git commit -qam "new staging tags"
P5=charts/vsf-miniapp/ci/svc-05-production.yaml
S50=charts/vsf-miniapp/ci/svc-50-staging.yaml
cp "$P5" "$WORK/p5"; cp "$S50" "$WORK/s50"
printf 'image: [\n' >"$P5"
sed -i 's/^  tag: .*/  tag: ""/' "$S50"
git commit -qam "two broken files"
refuses "the first broken file in order is named" . "$P5:" "$G" promote --all --from staging --to production
cp "$WORK/p5" "$P5"; git commit -qam "one fixed"
refuses "then the next one" . "$S50 has no image.tag to promote" "$G" promote --all --from staging --to production
cp "$WORK/s50" "$S50"; sed -i "s/^  tag: .*/  tag: 2.50.0/" "$S50"; git commit -qam "both fixed"
"$G" promote --all --from staging --to production -q
check "one commit for all 70" eq "$(git show --name-only --format= HEAD | wc -l)" "70"
check "its subject counts them" eq "$(git log -1 --format=%s)" "chore(release): promote 70 service(s) from staging to production"
wrong=0
for i in $(seq -w 1 70); do
  want=$(grep -m1 '^  tag:' "charts/vsf-miniapp/ci/svc-$i-staging.yaml")
  got=$(grep -m1 '^  tag:' "charts/vsf-miniapp/ci/svc-$i-production.yaml")
  [ "$want" = "$got" ] || wrong=$((wrong + 1))
done
check "every production tag is its staging tag" eq "$wrong" "0"
check "each file changed by its tag line only" eq "$(git show --numstat --format= HEAD | cut -f1,2 | sort -u)" "$(printf '1\t1')"
check "the body lists them in order" eq "$(git log -1 --format=%b | head -2)" "$(printf 'svc-01: 1.0.0 → 2.1.0\nsvc-02: 1.0.0 → 2.2.0')"
check "status clean" eq "$(git status --porcelain)" ""

finish
