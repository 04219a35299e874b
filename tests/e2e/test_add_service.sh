#!/usr/bin/env bash
# add-service: the guide's service-a, service-b and service-c onboarded with their secrets; every
# service in every environment rendered by the real Helm into schema-valid objects.
. "$(dirname "$0")/lib.sh"
need_tools
export PATH="$TOOLS_DIR:$PATH"
G="$GITOPSGEN"

"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo

case_ "onboarding the guide's three services: one commit each"
"$G" add-service service-a --language java --secret database:url,username,password \
  --secret kafka:brokers,username,password >../a.out
"$G" add-service service-b --language nodejs --secret mongodb:connectionString --secret redis:host,password -q
"$G" add-service service-c --language python --secret postgres:host,database,username,password -o json >../c.json
check "four commits" eq "$(git rev-list --count HEAD)" "4"
check "conventional message" eq "$(git log -1 --format=%s HEAD~2)" "feat: add service-a (java) to dev, staging, production"
check "message of c" eq "$(git log -1 --format=%s)" "feat: add service-c (python) to dev, staging, production"
check "six files per service, and its generation record" eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
  ".gitopsgen/record/services/service-c applications/dev/vsf-miniapp-service-c.yaml applications/production/vsf-miniapp-service-c.yaml applications/staging/vsf-miniapp-service-c.yaml charts/vsf-miniapp/ci/service-c-dev.yaml charts/vsf-miniapp/ci/service-c-production.yaml charts/vsf-miniapp/ci/service-c-staging.yaml "
check "status clean" eq "$(git status --porcelain)" ""
check "fsck" git fsck --strict --no-dangling
check "json: commit is HEAD, files and secrets listed" /usr/bin/python3 -c '
import json,sys
d = json.load(open("../c.json"))
assert d["commit"] == sys.argv[1], d
assert len(d["files"]) == 7
assert {"name": "production/vsf-miniapp/service-c/postgres", "region": "us-east-1",
        "role": "arn:aws:iam::ACCOUNT_ID:role/vsf-miniapp-service-c-production",
        "keys": ["host", "database", "username", "password"]} in d["secrets"], d["secrets"]' "$(git rev-parse HEAD)"

case_ "the secrets to create are printed, with keys and no values"
check "create-secret command" contains "$(cat ../a.out)" \
  "aws secretsmanager create-secret --region us-east-1 --name production/vsf-miniapp/service-a/database --secret-string '{\"url\":\"\",\"username\":\"\",\"password\":\"\"}'"
check "one per secret and environment" eq "$(grep -c 'create-secret' ../a.out)" "6"

case_ "production value files carry the guide's runtime facts"
for svc in service-a service-b service-c; do
  check "$svc equals the guide" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_against_guide.py" \
    "charts/vsf-miniapp/ci/$svc-production.yaml" "$SOURCE_DIR/tests/fixtures/guide/$svc-production.yaml"
done

case_ "environments differ as a platform team sets them"
check "dev runs one replica" grep -qx "replicaCount: 1" charts/vsf-miniapp/ci/service-a-dev.yaml
check "staging two" grep -qx "replicaCount: 2" charts/vsf-miniapp/ci/service-a-staging.yaml
check "production five" grep -qx "replicaCount: 5" charts/vsf-miniapp/ci/service-a-production.yaml
check "dev is smaller" grep -q "memory: 512Mi" <(sed -n '/limits:/,+2p' charts/vsf-miniapp/ci/service-a-dev.yaml)
check "Spring profile per environment" grep -A1 SPRING_PROFILES_ACTIVE charts/vsf-miniapp/ci/service-a-staging.yaml -q
check "profile is staging" eq "$(grep -A1 SPRING_PROFILES_ACTIVE charts/vsf-miniapp/ci/service-a-staging.yaml | tail -1 | tr -d ' ')" "value:staging"
check "NODE_ENV development in dev" eq "$(grep -A1 NODE_ENV charts/vsf-miniapp/ci/service-b-dev.yaml | tail -1 | tr -d ' ')" "value:development"
check "host per environment" grep -q "host: service-a.staging.vsf-miniapp.com" charts/vsf-miniapp/ci/service-a-staging.yaml
check "secrets per environment" grep -q "objectName: dev/vsf-miniapp/service-c/postgres" charts/vsf-miniapp/ci/service-c-dev.yaml

case_ "every service in every environment renders the guide's objects with the real Helm"
for svc in service-a service-b service-c; do
  for env in dev staging production; do
    "$HELM" template "vsf-miniapp-$svc-$env" charts/vsf-miniapp -f "charts/vsf-miniapp/ci/$svc-$env.yaml" \
      --namespace "$env" --api-versions monitoring.coreos.com/v1 >"../$svc-$env.rendered.yaml"
    check "$svc/$env objects" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" \
      "charts/vsf-miniapp/ci/$svc-$env.yaml" "../$svc-$env.rendered.yaml" --monitoring-api >/dev/null
    check "$svc/$env lint" "$HELM" lint --strict --quiet charts/vsf-miniapp -f "charts/vsf-miniapp/ci/$svc-$env.yaml"
  done
done
check "rendered objects are schema-valid" node "$VALIDATOR" ../service-*.rendered.yaml
check "Applications are valid Argo CD Applications" node "$VALIDATOR" applications/*/vsf-miniapp-service-*.yaml
check "validate --render passes" "$G" validate --render -q
check "yamllint passes" yamllint -s -c "$SOURCE_DIR/.yamllint.yaml" .

case_ "the Application is the guide's"
check "Application fields" /usr/bin/python3 - <<'PY'
import yaml
a = yaml.safe_load(open("applications/production/vsf-miniapp-service-c.yaml"))
assert a["metadata"]["name"] == "vsf-miniapp-service-c-production"
assert a["metadata"]["namespace"] == "argocd"
assert a["metadata"]["finalizers"] == ["resources-finalizer.argocd.argoproj.io"]
assert a["metadata"]["labels"] == {"environment": "production", "app": "vsf-miniapp", "service": "service-c"}
assert a["spec"]["project"] == "vsf-miniapp-production"  # the environment's own AppProject
s = a["spec"]["source"]
assert (s["repoURL"], s["targetRevision"], s["path"]) == ("https://github.com/oNddleo/gitops.git", "HEAD", "charts/vsf-miniapp")
assert s["helm"]["valueFiles"] == ["ci/service-c-production.yaml"]
assert a["spec"]["destination"] == {"server": "https://kubernetes.default.svc", "namespace": "production"}
sp = a["spec"]["syncPolicy"]
assert sp["automated"] == {"prune": True, "selfHeal": True}
assert sp["syncOptions"] == ["CreateNamespace=true"]
# Longer than the guide's 5 tries over 3 minutes: a first sync must outlast a cold cluster.
assert sp["retry"] == {"limit": 10, "backoff": {"duration": "5s", "factor": 2, "maxDuration": "5m"}}
PY

case_ "odd values survive YAML and Helm exactly"
"$G" add-service odd -l go --tag 1.10 --env 'HASH=#' --env 'COLON=a: b' --env "QUOTE=it's \"q\"" \
  --env 'BS=C:\path\n' --env 'UNI=ünïcødé ✓' --env 'YES=yes' --env 'NO=no' --env 'ON=on' --env 'NUL=null' \
  --env 'OCT=012' --env 'SCI=1e3' --env 'GOMAXPROCS=4' --envs production -q
"$HELM" template odd charts/vsf-miniapp -f charts/vsf-miniapp/ci/odd-production.yaml >../odd.yaml
check "Helm (YAML 1.1) sees every value as given" /usr/bin/python3 - ../odd.yaml <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
c = [d for d in docs if d["kind"] == "Deployment"][0]["spec"]["template"]["spec"]["containers"][0]
env = {e["name"]: e["value"] for e in c["env"]}
want = {"HASH": "#", "COLON": "a: b", "QUOTE": "it's \"q\"", "BS": "C:\\path\\n", "UNI": "ünïcødé ✓",
        "YES": "yes", "NO": "no", "ON": "on", "NUL": "null", "OCT": "012", "SCI": "1e3", "GOMAXPROCS": "4"}
for k, v in want.items():
    assert env.get(k) == v, (k, env.get(k), v)
assert c["image"].endswith(":1.10"), c["image"]
PY
for tag in 012 1e3 yes null on; do
  "$G" add-service odd -l go --tag "$tag" --envs production --force -q
  check "tag $tag stays a string for Helm" eq "$("$HELM" template odd charts/vsf-miniapp -f charts/vsf-miniapp/ci/odd-production.yaml | grep -m1 'image:' | tr -d ' ')" \
    "image:\"YOUR_ECR_REGISTRY/vsf-miniapp-odd:$tag\""
done

case_ "--force updates in place and keeps the deployed tags"
sed -i 's/tag: 1.0.0/tag: "2.4.0"/' charts/vsf-miniapp/ci/service-b-production.yaml
git commit -qam "release service-b 2.4.0"
"$G" add-service service-b -l nodejs --port 3100 --force -q
check "commit says update" eq "$(git log -1 --format=%s)" "feat: update service-b (nodejs) in dev, staging, production"
check "tag kept, spelt as it was" grep -qx '  tag: "2.4.0"' charts/vsf-miniapp/ci/service-b-production.yaml
check "port changed" grep -q 'targetPort: 3100' charts/vsf-miniapp/ci/service-b-production.yaml
head_before=$(git rev-parse HEAD)
"$G" add-service service-b -l nodejs --port 3100 --force -q
check "nothing changed, no commit" eq "$(git rev-parse HEAD)" "$head_before"

case_ "--dry-run shows the diff and writes nothing; --envs and --replicas; --from-file"
before=$(fingerprint .)
out=$("$G" add-service payments -l java --dry-run)
check "diff names the value file" contains "$out" "+++ b/charts/vsf-miniapp/ci/payments-production.yaml"
check "nothing written" eq "$(fingerprint .)" "$before"
"$G" add-service search -l go --envs dev,staging --replicas staging=4 -q
check "only dev and staging" eq "$(git show --name-only --format= HEAD | grep -v '^.gitopsgen/' | grep -c search)" "4"
check "its record lists the two" eq "$(grep -c '^file ' .gitopsgen/record/services/search)" "4"
check "replicas override" grep -qx "replicaCount: 4" charts/vsf-miniapp/ci/search-staging.yaml
"$G" add-service search --force --tag staging=4.1.0 -q
check "--tag ENV=TAG moves that environment's tag only" eq "$(git show --name-only --format= HEAD | grep -v '^.gitopsgen/')" "charts/vsf-miniapp/ci/search-staging.yaml"
check "to the tag given" grep -qx '  tag: 4.1.0' charts/vsf-miniapp/ci/search-staging.yaml
check "the update keeps the recorded environments" test ! -e charts/vsf-miniapp/ci/search-production.yaml
before=$(fingerprint .)
refuses "--replicas outside the recorded environments" "$WORK/demo" "--replicas names environment 'production', which this run does not write" "$G" add-service search --force --replicas production=3
"$G" add-service tagged -l go --tag 2.0.0 --tag production=1.9.0 -q
check "--tag and --tag ENV=TAG together" eq "$(grep -h '^  tag:' charts/vsf-miniapp/ci/tagged-dev.yaml charts/vsf-miniapp/ci/tagged-production.yaml | tr '\n' ' ')" "  tag: 2.0.0   tag: 1.9.0 "
cat >../catalog.yaml <<'YAML'
name: catalog
language: python
tag: "3.2.1"
host: shop.example.test
path: /catalog
replicas:
  production: 7
secrets:
  - name: db
    keys: [dsn]
env:
  LOG_LEVEL: debug
YAML
"$G" add-service --from-file ../catalog.yaml --path /api/catalog -q
check "file values" grep -qx "replicaCount: 7" charts/vsf-miniapp/ci/catalog-production.yaml
check "flag beats file" grep -q "path: /api/catalog" charts/vsf-miniapp/ci/catalog-production.yaml
check "production host from the file" grep -q "host: shop.example.test" charts/vsf-miniapp/ci/catalog-production.yaml
check "dev host derived" grep -q "host: shop.dev.example.test" charts/vsf-miniapp/ci/catalog-dev.yaml
check "extra env" grep -q "value: debug" charts/vsf-miniapp/ci/catalog-dev.yaml
check "validate --render still passes" "$G" validate --render -q

case_ "remove-service removes exactly what add-service wrote"
added=$(git show --name-only --format= HEAD | sort)
"$G" remove-service catalog -q
check "message" eq "$(git log -1 --format=%s)" "chore: remove catalog from dev, staging, production"
check "the same files" eq "$(git show --name-only --format= HEAD | sort)" "$added"
check "tree back to before add" eq "$(git rev-parse HEAD^{tree})" "$(git rev-parse HEAD~2^{tree})"
"$G" remove-service search --envs dev -q
check "one env only, and its record" eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
  ".gitopsgen/record/services/search applications/dev/vsf-miniapp-search.yaml charts/vsf-miniapp/ci/search-dev.yaml "
check "validate passes after removals" "$G" validate -q
cp gitopsgen.yaml ../settings-before
"$G" add-service ledger -l go --iam-role-arn 'arn:aws:iam::123456789012:role/ledger-{env}' --envs dev,staging -q
"$G" remove-service ledger --envs dev -q
check "its own IAM role stays while it is still somewhere" grep -q "ledger: " gitopsgen.yaml
"$G" remove-service ledger -q
check "and leaves with its last environment, the settings as before it" diff ../settings-before gitopsgen.yaml

case_ "remove-service of a service with secrets prints the commands that delete them"
"$G" add-service pay -l go --secret db:url --envs dev,staging -q
out=$("$G" remove-service pay --envs dev)
check "the summary, then the reminder" eq "$(tail -n +2 <<<"$out")" "$(cat <<'T'
Its secrets stay in AWS Secrets Manager. Once nothing reads them, delete them (restorable for 30 days):
  aws secretsmanager delete-secret --secret-id dev/vsf-miniapp/pay/db --region us-east-1 --recovery-window-in-days 30
T
)"
check "never a deletion without recovery" not_contains "$out" "force-delete"
json=$("$G" remove-service pay -o json)
check "-o json: the secrets left in AWS" eq \
  "$(python3 -c 'import json,sys; print([(s["name"], s["region"]) for s in json.loads(sys.argv[1])["secrets_to_delete"]])' "$json")" \
  "[('staging/vsf-miniapp/pay/db', 'us-east-1')]"

case_ "remove-service asks on a terminal before taking a service out of its last environment"
"$G" add-service last -l go --envs dev,staging -q
echo '[["Remove last from", null]]' >"$WORK/none.json"
rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" "$WORK/none.json" "$G" remove-service last --envs dev >"$WORK/t0" || rc=$?
check "not its last environment: no question" eq "$rc" "99"
"$G" add-service last -l go --envs dev,staging --force -q
echo '[["Remove last from its last environments (dev, staging)? [y/N]", "n"]]' >"$WORK/no.json"
before=$(fingerprint .)
rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" "$WORK/no.json" "$G" remove-service last >"$WORK/t1" || rc=$?
check "declined: exit 1" eq "$rc" "1"
check "declined: one line" contains "$(cat "$WORK/t1")" "gitopsgen: error: not removed: last stays (answer y, or pass --yes)"
check "declined: nothing changed" eq "$(fingerprint .)" "$before"
echo '[["Remove last from its last environments (dev, staging)? [y/N]", "y"]]' >"$WORK/yes.json"
rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" "$WORK/yes.json" "$G" remove-service last >"$WORK/t2" || rc=$?
check "accepted: exit 0" eq "$rc" "0"
check "accepted: removed" eq "$(git log -1 --format=%s)" "chore: remove last from dev, staging"
"$G" add-service last -l go --envs dev -q
echo '[["Removed last", null]]' >"$WORK/y.json"
rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" "$WORK/y.json" "$G" remove-service last --yes >"$WORK/t3" || rc=$?
check "--yes: no question" not_contains "$(cat "$WORK/t3")" "[y/N]"
check "--yes: removed" eq "$(git log -1 --format=%s)" "chore: remove last from dev"
check "a service without secrets: no reminder" eq "$("$G" add-service plain -l go -q && "$G" remove-service plain | wc -l)" "1"

finish
