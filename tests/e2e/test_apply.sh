#!/usr/bin/env bash
# apply -f: the platform holds exactly the listed services, in one commit; updates are byte-exact
# edits; one invalid entry among many changes nothing and every invalid entry is named.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo

case_ "a file of services becomes one commit"
cat >../services.yaml <<'YAML'
# The shop's services
services:
  - name: orders
    language: java
    tag: "2.1.0"
    secrets:
      - name: database
        keys: [url, username, password]
  - name: cart
    language: nodejs
  - name: search
    language: go
    replicas:
      production: 4
YAML
out=$("$G" apply -f ../services.yaml)
check "summary" contains "$out" "3 added, 0 updated, 0 removed, 0 unchanged: 21 files"
check "one commit" eq "$(git rev-list --count HEAD)" "2"
check "message" eq "$(git log -1 --format=%s)" "feat: apply services.yaml: 3 added, 0 updated, 0 removed"
check "same files as add-service" eq "$(git show --name-only --format= HEAD | grep -v '^.gitopsgen/' | grep -c 'orders')" "6"
check "and the same record" test -f .gitopsgen/record/services/orders
check "replicas" grep -qx "replicaCount: 4" charts/vsf-miniapp/ci/search-production.yaml
check "validate passes" "$G" validate -q
out=$("$G" apply -f ../services.yaml)
check "re-applying changes nothing, said once" eq "$out" "Nothing to change: 3 unchanged."
check "no new commit" eq "$(git rev-list --count HEAD)" "2"

case_ "changes are byte-exact edits; other bytes and hand edits stay"
sed -i 's/^  pullPolicy: IfNotPresent$/  pullPolicy: IfNotPresent  # hand-tuned/' charts/vsf-miniapp/ci/orders-dev.yaml
git commit -qam "hand edit"
sed -i 's/tag: "2.1.0"/tag: "2.2.0"/; s/production: 4/production: 6/' ../services.yaml
cat >>../services.yaml <<'YAML'
  - name: billing
    language: python
YAML
"$G" apply -f ../services.yaml -q
check "one line per edited file" eq "$(git show --numstat --format= HEAD -- charts/vsf-miniapp/ci/orders-dev.yaml | cut -f1,2)" "$(printf '1\t1')"
check "hand edit kept" grep -q "# hand-tuned" charts/vsf-miniapp/ci/orders-dev.yaml
check "tag updated everywhere, plain as it was" eq "$(grep -h 'tag:' charts/vsf-miniapp/ci/orders-*.yaml | sort -u)" '  tag: 2.2.0'
check "replicas updated" grep -qx "replicaCount: 6" charts/vsf-miniapp/ci/search-production.yaml
check "billing added" test -f applications/production/vsf-miniapp-billing.yaml
check "message counts" eq "$(git log -1 --format=%s)" "feat: apply services.yaml: 1 added, 2 updated, 0 removed"

case_ "--prune removes services the file no longer lists"
sed -i '/name: cart/,+1d' ../services.yaml
"$G" apply -f ../services.yaml -q
check "without --prune cart stays" test -f charts/vsf-miniapp/ci/cart-dev.yaml
"$G" apply -f ../services.yaml --prune -o json >../prune.json
check "with --prune cart is gone" test ! -e charts/vsf-miniapp/ci/cart-dev.yaml
check "json names it" /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["services"]["removed"] == ["cart"] and len(d["files"]) == 0 and all("cart" in f for f in d["removed"]) and len(d["removed"]) == 7 and ".gitopsgen/record/services/cart" in d["removed"], d' ../prune.json
check "validate still passes" "$G" validate -q

case_ "one invalid entry changes nothing, and every invalid entry is named with file and line"
cp ../services.yaml ../bad.yaml
cat >>../bad.yaml <<'YAML'
  - name: Bad_Name
    language: go
  - name: fine
    language: go
  - name: noport
    language: go
    port: 0
  - name: orders
    language: java
YAML
before=$(fingerprint .)
rc=0; "$G" apply -f ../bad.yaml >../out 2>../err || rc=$?
check "exit non-zero" test "$rc" -ne 0
check "headline" contains "$(head -1 ../err)" "gitopsgen: error: 3 of 7 entries of bad.yaml are invalid; nothing was changed"
check "bad name with its line" grep -q "bad.yaml:15: service Bad_Name: service name 'Bad_Name' is not a DNS-1123 label" ../err
check "bad port with its line" grep -q "bad.yaml:19: service noport: port '0' is not a whole number" ../err
check "duplicate" grep -q "bad.yaml:22: service orders: listed twice" ../err
check "nothing changed" eq "$(fingerprint .)" "$before"
cat >../clash.yaml <<'YAML'
services:
  - name: one
    language: go
    host: shared.example.test
    path: /x
  - name: two
    language: go
    host: shared.example.test
    path: /x
YAML
refuses_multi() { local rc=0; "$@" >../out 2>../err || rc=$?; [ "$rc" -ne 0 ]; }
check "a clash inside the batch is refused" refuses_multi "$G" apply -f ../clash.yaml
check "named" grep -q "clash.yaml:6: service two: ingress host shared.dev.example.test with path /x is already taken by service 'one'" ../err
check "still nothing changed" eq "$(fingerprint .)" "$before"
printf 'services: {}\n' >../shape.yaml
refuses "not a list" "$WORK/demo" "expected a mapping with a 'services' list" "$G" apply -f ../shape.yaml
refuses "no file" "$WORK/demo" "give the services file with -f FILE" "$G" apply

case_ "--schema prints the JSON Schema, which describes the file"
check "schema" /usr/bin/python3 -c '
import json,subprocess,sys
s = json.loads(subprocess.run([sys.argv[1], "apply", "--schema"], capture_output=True, check=True).stdout)
assert s["required"] == ["services"]
assert set(s["$defs"]["service"]["properties"]) >= {"name","language","image","tag","port","host","path","envs","replicas","secrets","env"}' "$G"

case_ "a progress bar on a terminal, none with -q or when piped"
printf '[["planning [", null], ["3/3", null]]' >../progress.json
check "bar on a pty" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" ../progress.json "$G" apply -f ../services.yaml --dry-run
check "none when piped" not_contains "$("$G" apply -f ../services.yaml --dry-run 2>&1)" "planning ["

case_ "100 entries: rendered on every core, the same commit as on one thread, errors in order"
cd "$WORK"
"$G" init --repo-url "$GUIDE_REPO" many -q
python3 "$SOURCE_DIR/tests/bench/gen.py" services-yaml 100 "$WORK/many.yaml"
cp -a many many-1
export GIT_AUTHOR_DATE="1767225600 +0000" GIT_COMMITTER_DATE="1767225600 +0000"
"$G" -C many apply -f "$WORK/many.yaml" -q
GITOPSGEN_THREADS=1 "$G" -C many-1 apply -f "$WORK/many.yaml" -q
check "300 value files, 300 Applications and 100 records" eq "$(git -C many show --name-only --format= HEAD | wc -l)" "700"
check "the same commit as on one thread" eq "$(git -C many rev-parse HEAD)" "$(git -C many-1 rev-parse HEAD)"
check "status of the 300 files, parsed on every core, as on one thread" eq "$("$G" -C many status -o json)" "$(GITOPSGEN_THREADS=1 "$G" -C many status -o json)"
check "and it lists all 100" eq "$("$G" -C many status | wc -l)" "101"
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE

case_ "700 new blobs are stored as one pack that git verifies, reads and repacks"
cd "$WORK"
packs=("$WORK"/many/.git/objects/pack/pack-*.pack)
check "one pack" eq "${#packs[@]}" "1"
check "git's count agrees" contains "$(git -C many count-objects -v)" "packs: 1"
check "index-pack recomputes every id, CRC and offset and finds the same index" \
  git -C many index-pack --verify "${packs[0]}"
blobs=$(git -C many diff-tree -r --no-renames HEAD~1 HEAD | awk '{print $4}' | sort -u)
in_pack=$(git -C many verify-pack -v "${packs[0]%.pack}.idx" | awk '$2 == "blob" {print $1}' | sort)
check "it holds exactly the commit's new blobs" eq "$in_pack" "$blobs"
check "fsck --strict finds nothing wrong" git -C many fsck --strict --full --no-dangling
check "git reads each file back as written" eq "$(git -C many cat-file blob HEAD:charts/vsf-miniapp/ci/svc-0042-staging.yaml)" "$(cat many/charts/vsf-miniapp/ci/svc-0042-staging.yaml)"
check "the work tree is clean" eq "$(git -C many status --porcelain)" ""
"$G" -C many set-image svc-0042 --env dev --tag 9.9.9 -q
check "a one-file change is stored loose, not in a second pack" eq "$(ls many/.git/objects/pack/*.pack | wc -l)" "1"
check "git gc repacks it all" git -C many gc -q
check "and fsck is still clean" git -C many fsck --strict --full --no-dangling
case_ "1,000 entries: contents past the first 8 MiB wait on disk, and come back byte for byte"
cd "$WORK"
# About 10 MB of new files: the ChangeSet spills those past ChangeSet::kHeldBytes to a file.
python3 "$SOURCE_DIR/tests/bench/gen.py" services-yaml 1000 "$WORK/thousand.yaml"
"$G" init --repo-url "$GUIDE_REPO" thousand -q
"$G" -C thousand apply -f "$WORK/thousand.yaml" -q
check "7,000 files in the commit" eq "$(git -C thousand show --name-only --format= HEAD | wc -l)" "7000"
check "fsck --strict finds every blob whole" git -C thousand fsck --strict --full --no-dangling
rm thousand/.git/index
git -C thousand reset -q
check "every work-tree file, hashed again, is the blob committed" eq "$(git -C thousand status --porcelain)" ""
check "the last file planned reads back as it was rendered" eq "$(git -C thousand cat-file blob HEAD:charts/vsf-miniapp/ci/svc-1000-production.yaml | sed -n 's/^ *tag: //p')" "1.0.6"
rm -rf thousand
# Two ingress clashes, at entries 31 and 91: found by the ordered checks, listed in file order.
python3 - "$WORK/many.yaml" "$WORK/clash.yaml" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines(keepends=True)
out = []
n = 0
for line in lines:
    if line.startswith("  - name: "):
        n += 1
        if n in (31, 91):
            out += ["  - name: clash-%d\n" % n, "    language: go\n", "    host: svc-0001.vsf-miniapp.com\n", "    path: /api/v1/svc-0001\n"]
    out.append(line)
open(sys.argv[2], "w").write("".join(out))
PY
cp -a many-1 clash
before=$(fingerprint clash)
rc=0; "$G" -C clash apply -f "$WORK/clash.yaml" >"$WORK/out" 2>"$WORK/err" || rc=$?
check "refused" test "$rc" -ne 0
check "headline counts both" contains "$(head -1 "$WORK/err")" "2 of 102 entries of clash.yaml cannot be applied; nothing was changed"
check "the first, then the second" eq "$(grep -o 'service clash-[0-9]*' "$WORK/err" | tr '\n' ' ')" "service clash-31 service clash-91 "
check "nothing changed" eq "$(fingerprint clash)" "$before"
cd "$WORK/demo"

case_ "tags: per environment, moved only where the entry names one"
cd "$WORK"
"$G" init --repo-url "$GUIDE_REPO" tags -q
cd tags
cat >../tags.yaml <<'YAML'
services:
  - name: web
    language: go
    tag: "1.0.0"
    tags:
      production: "0.9.0"
YAML
"$G" apply -f ../tags.yaml -q
check "a new service takes tag, and tags where named" eq "$(grep -h '^  tag:' charts/vsf-miniapp/ci/web-dev.yaml charts/vsf-miniapp/ci/web-staging.yaml charts/vsf-miniapp/ci/web-production.yaml | tr '\n' ' ')" "  tag: 1.0.0   tag: 1.0.0   tag: 0.9.0 "
"$G" set-image web --env dev --tag 1.1.0 -q
cat >../tags.yaml <<'YAML'
services:
  - name: web
    language: go
    tags:
      staging: "1.1.0"
YAML
"$G" apply -f ../tags.yaml -q
check "only staging moved" eq "$(git show --name-only --format= HEAD | grep -c ci/web-)" "1"
check "staging at its tag" grep -qx '  tag: 1.1.0' charts/vsf-miniapp/ci/web-staging.yaml
check "dev keeps what set-image gave it" grep -qx '  tag: 1.1.0' charts/vsf-miniapp/ci/web-dev.yaml
check "production keeps its own" grep -qx '  tag: 0.9.0' charts/vsf-miniapp/ci/web-production.yaml
check "no tag in the record" not_contains "$(cat .gitopsgen/record/services/web)" "1.1.0"
out=$("$G" apply -f ../tags.yaml)
check "applied again: nothing to change" eq "$out" "Nothing to change: 1 unchanged."
printf 'services:\n  - name: web\n    language: go\n    envs: [dev]\n    tags: {production: "2.0"}\n' >../tags-bad.yaml
before=$(fingerprint .)
rc=0; "$G" apply -f ../tags-bad.yaml >../out 2>../err || rc=$?
check "a tag for an environment the entry leaves out is refused" contains "$(cat ../err)" "tags-bad.yaml:2: service web: 'production' in tags is not one of its environments"
check "and nothing changed" eq "$(fingerprint .)" "$before"
printf 'services:\n  - name: web\n    language: go\n    tags: {dev: "bad tag"}\n' >../tags-bad.yaml
rc=0; "$G" apply -f ../tags-bad.yaml >../out 2>../err || rc=$?
check "an invalid per-environment tag is refused" contains "$(cat ../err)" "image tag 'bad tag' is not a valid tag"
check "still nothing changed" eq "$(fingerprint .)" "$before"
cd "$WORK/demo"

finish
