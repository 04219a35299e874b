#!/usr/bin/env bash
# The shared chart's values.schema.json with the real Helm: init ships it, it names every key the
# templates read, every value file gitopsgen writes (and the guide's) passes helm lint --strict and
# helm template, and a mistyped key or a value of the wrong type makes both fail, naming it.
. "$(dirname "$0")/lib.sh"
need_tools
G=$GITOPSGEN
SCHEMA=$SOURCE_DIR/scaffolds/chart/values.schema.json

"$G" init --repo-url "$GUIDE_REPO" demo -q
chart=demo/charts/vsf-miniapp

case_ "init scaffolds the schema byte for byte: valid JSON, a valid draft-07 schema"
check "written and identical to scaffolds/chart/values.schema.json" cmp "$SCHEMA" "$chart/values.schema.json"
check "committed" contains "$(git -C demo ls-tree -r --name-only HEAD)" "charts/vsf-miniapp/values.schema.json"
check "a draft-07 schema, closed at the top" python3 - "$chart/values.schema.json" <<'PY'
import json, sys, jsonschema
def unique(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys: {keys}"
    return dict(pairs)
schema = json.load(open(sys.argv[1]), object_pairs_hook=unique)
assert schema["$schema"] == "http://json-schema.org/draft-07/schema#", schema["$schema"]
jsonschema.Draft7Validator.check_schema(schema)
assert schema["type"] == "object" and schema["additionalProperties"] is False
PY
check "values.yaml passes it by another validator than Helm's" python3 - "$chart/values.schema.json" "$chart/values.yaml" <<'PY'
import json, sys, yaml, jsonschema
jsonschema.Draft7Validator(json.load(open(sys.argv[1]))).validate(yaml.safe_load(open(sys.argv[2])))
PY

case_ "the schema names every key the templates read, and closes every fixed-shape object"
check "every .Values path of templates/ is a property" python3 - "$chart/values.schema.json" "$chart/templates" <<'PY'
import json, pathlib, re, sys
schema = json.load(open(sys.argv[1]))
def resolve(node):
    while "$ref" in node:
        target = schema
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node
read, missing = set(), []
for f in sorted(pathlib.Path(sys.argv[2]).iterdir()):
    read.update(re.findall(r"\.Values\.([A-Za-z0-9_.]+)", f.read_text()))
for path in sorted(read):
    node = schema
    for key in path.split("."):
        node = resolve(node)
        if key in node.get("properties", {}):
            node = node["properties"][key]
        elif node.get("additionalProperties", True) is False:
            missing.append(path)
            break
        else:
            break  # a free-form map: any key
assert len(read) > 40, sorted(read)
assert not missing, missing
PY
check "additionalProperties false wherever properties are listed (but the AWS provider's objects)" \
  python3 - "$chart/values.schema.json" <<'PY'
import json, sys
schema = json.load(open(sys.argv[1]))
open_ok = {"/properties/secretsManager/properties/objects/items"}
bad = []
def walk(node, where):
    if isinstance(node, dict):
        if "properties" in node and node.get("additionalProperties") is not False and where not in open_ok:
            bad.append(where)
        for k, v in node.items():
            walk(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{where}/{i}")
walk(schema, "")
assert not bad, bad
PY

quiet() { "$@" >/dev/null; }

# lint_all CHART: helm lint --strict and helm template on each of the chart's ci/ value files.
lint_all() {
  local chart=$1 f env
  for f in "$chart"/ci/*.yaml; do
    env=${f##*-}; env=${env%.yaml}
    check "lint --strict $f" quiet "$HELM" lint --strict "$chart" -f "$f" --namespace "$env"
    check "template $f" quiet "$HELM" template "x-$env" "$chart" -f "$f" --namespace "$env" \
      --api-versions monitoring.coreos.com/v1 --output-dir "$WORK/rendered/$(basename "$f" .yaml)"
  done
}

case_ "every language and option of add-service: each value file passes lint --strict and template"
for lang in java nodejs python go; do
  "$G" -C demo add-service "$lang-basic" -l "$lang" -q
  "$G" -C demo add-service "$lang-full" -l "$lang" --secret db:url,username,password --secret cache:host \
    --host "$lang.shop.example.test" --path "/api/$lang" --port 9090 --tag 1.10 \
    --image "registry.example.test/$lang-full" --replicas production=6 --replicas staging=3 --replicas dev=1 \
    --env LOG_LEVEL=debug --env PORT=9090 --iam-role-arn 'arn:aws:iam::123456789012:role/{service}-{env}' -q
done
"$G" -C demo add-service early -l go --envs dev,staging --replicas staging=4 -q
cat >catalog.yaml <<'YAML'
name: catalog
language: python
tag: "3.2.1"
host: catalog.example.test
replicas:
  production: 7
secrets:
  - name: db
    keys: [dsn]
env:
  WORKERS: "8"
YAML
"$G" -C demo add-service --from-file "$WORK/catalog.yaml" -q
# With autoscaling off (replicas in the Deployment), and with its floor, memory target and labels.
"$G" -C demo set java-basic --env dev autoscaling.enabled=false replicaCount=3 -q
"$G" -C demo set go-full --env production autoscaling.minReplicas=4 autoscaling.targetMemoryUtilizationPercentage=80 -q
"$G" -C demo set nodejs-basic --all-envs --string podAnnotations.build=1234 serviceMonitor.labels.release=kps -q
check "29 value files" eq "$(find "$chart/ci" -name '*.yaml' | wc -l)" "29"
check "15 with secrets" eq "$(grep -l '^  syncToKubernetesSecret: true' "$chart"/ci/*.yaml | wc -l)" "15"
check "the --tag 1.10 stays a string" eq "$(grep -hc '^  tag: "1.10"$' "$chart"/ci/*-full-*.yaml | sort -u)" "1"
check "the certificate from the ClusterIssuer" eq "$(grep -l '^      name: letsencrypt' "$chart"/ci/*.yaml | wc -l)" "29"
check "one with the HPA off" eq "$(grep -l '^  enabled: false' "$chart"/ci/*.yaml)" "$chart/ci/java-basic-dev.yaml"
lint_all "$chart"
check "replicas without the HPA" grep -q 'replicas: 3' "$WORK/rendered/java-basic-dev/vsf-miniapp/templates/deployment.yaml"
check "the HPA's floor" grep -q 'minReplicas: 4' "$WORK/rendered/go-full-production/vsf-miniapp/templates/hpa.yaml"
check "validate --render passes" "$G" -C demo validate --render -q --helm "$HELM"
# A render on each core, each helm on one core (Go takes every core otherwise); the user's own
# GOMAXPROCS goes through as it is, and renders on one thread leave it unset.
printf '#!/bin/sh\necho "${GOMAXPROCS-unset}" >>"%s"\nexec "%s" "$@"\n' "$WORK/gomaxprocs" "$HELM" >"$WORK/helm-env"
chmod +x "$WORK/helm-env"
gomaxprocs_of() {
  rm -f "$WORK/gomaxprocs"
  env "$@" "$G" -C demo validate --render -q --helm "$WORK/helm-env" >/dev/null
  echo "$(wc -l <"$WORK/gomaxprocs") $(sort -u "$WORK/gomaxprocs" | tr '\n' ' ')"
}
check "every helm with GOMAXPROCS=1" eq "$(gomaxprocs_of -u GOMAXPROCS GITOPSGEN_THREADS=2)" "30 1 "
check "the user's GOMAXPROCS" eq "$(gomaxprocs_of GITOPSGEN_THREADS=2 GOMAXPROCS=3)" "30 3 "
check "on one thread, unset" eq "$(gomaxprocs_of -u GOMAXPROCS GITOPSGEN_THREADS=1)" "30 unset "

case_ "a platform with its own name and environments and Traefik's certificate resolver"
"$G" init --repo-url "$GUIDE_REPO" --platform shop --envs dev,prod --tls-cert-resolver le shop -q
check "its schema is the same" cmp "$SCHEMA" shop/charts/shop/values.schema.json
for lang in java nodejs python go; do
  "$G" -C shop add-service "$lang-svc" -l "$lang" --secret store:token --host "$lang.example.test" \
    --replicas prod=2 -q
done
check "8 value files, each with the resolver" eq "$(grep -l '^    certResolver: le' shop/charts/shop/ci/*.yaml | wc -l)" "8"
lint_all shop/charts/shop
check "validate --render passes" "$G" -C shop validate --render -q --helm "$HELM"

case_ "the guide's value files pass lint --strict and template"
for f in "$SOURCE_DIR"/tests/fixtures/guide/*.yaml; do
  check "lint --strict $(basename "$f")" quiet "$HELM" lint --strict "$chart" -f "$f"
  check "template $(basename "$f")" quiet "$HELM" template x "$chart" -f "$f" --api-versions monitoring.coreos.com/v1
done

# accepts NAME VALUES: helm lint --strict and helm template pass on a value file holding VALUES.
accepts() {
  printf '%s\n' "$2" >"$WORK/$1.yaml"
  check "$1: lint --strict passes" quiet "$HELM" lint --strict "$chart" -f "$WORK/$1.yaml"
  check "$1: template passes" quiet "$HELM" template x "$chart" -f "$WORK/$1.yaml"
}
# rejects NAME VALUES EXPECTED: helm lint --strict and helm template both fail on a value file
# holding VALUES, each reporting EXPECTED (path and reason) as its check of the values against the
# chart's schema does.
rejects() {
  local name=$1 file=$WORK/$1.yaml expected=$3 rc out
  printf '%s\n' "$2" >"$file"
  rc=0; out=$("$HELM" lint --strict "$chart" -f "$file" 2>&1) || rc=$?
  check "$name: lint fails" test "$rc" -ne 0
  check "$name: lint's schema check names it" contains "$out" "[ERROR] values.yaml: - $expected"
  rc=0; out=$("$HELM" template x "$chart" -f "$file" 2>&1 >/dev/null) || rc=$?
  check "$name: template fails" test "$rc" -ne 0
  check "$name: template blames the schema" contains "$out" "values don't meet the specifications of the schema"
  check "$name: template names it" contains "$out" "
- $expected"
}

case_ "a mistyped key, top-level or nested, is refused by name; the right one passes"
rejects top-typo 'replicaCont: 3' "at '': additional properties 'replicaCont' not allowed"
accepts top-right 'replicaCount: 3'
rejects nested-typo $'image:\n  tagg: "1.0"' "at '/image': additional properties 'tagg' not allowed"
accepts nested-right $'image:\n  tag: "1.0"'
rejects host-typo $'ingress:\n  enabled: true\n  hosts:\n    - hots: a.example.test' \
  "at '/ingress/hosts/0': additional properties 'hots' not allowed"
rejects secret-typo $'secretsManager:\n  secretData:\n    - objectName: a\n      key: A\n      kye: B' \
  "at '/secretsManager/secretData/0': additional properties 'kye' not allowed"

case_ "a value of the wrong type is refused at its path; the right type passes"
rejects count-string 'replicaCount: "three"' "at '/replicaCount': got string, want integer"
rejects tag-float $'image:\n  tag: 1.10' "at '/image/tag': got number, want null or string"
accepts tag-string $'image:\n  tag: "1.10"'
rejects port-string $'service:\n  port: "8080"' "at '/service/port': got string, want integer"
accepts port-integer $'service:\n  port: 8080'
rejects flag-string $'autoscaling:\n  enabled: "false"' "at '/autoscaling/enabled': got string, want boolean"
rejects env-no-name $'env:\n  - value: debug' "at '/env/0': missing property 'name'"
rejects env-number $'env:\n  - name: PORT\n    value: 8080' "at '/env/0/value': got number, want string"
accepts env-right $'env:\n  - name: PORT\n    value: "8080"\n  - name: TOKEN\n    valueFrom:\n      secretKeyRef: {name: s, key: token}'
rejects object-dropped 'image: null' "at '': missing property 'image'"

case_ "free-form maps stay free-form"
accepts free-form "$(cat <<'YAML'
podAnnotations:
  linkerd.io/inject: null
  example.test/any-key: 3
config:
  ANY_KEY: 1
  OTHER: true
resources:
  limits:
    example.test/gpu: 1
livenessProbe:
  httpGet: null
  exec:
    command: [cat, /tmp/healthy]
startupProbe:
  tcpSocket:
    port: http
nodeSelector:
  kubernetes.io/arch: arm64
tolerations:
  - key: dedicated
    operator: Equal
    value: api
    effect: NoSchedule
affinity:
  nodeAffinity:
    preferredDuringSchedulingIgnoredDuringExecution: []
securityContext:
  privileged: false
ingress:
  enabled: true
  hosts:
    - host: a.example.test
  tls:
    certResolver: le
    domains:
      - main: example.test
autoscaling:
  minReplicas: 2
  targetCPUUtilizationPercentage: ""
podDisruptionBudget:
  maxUnavailable: 25%
YAML
)"

finish
