#!/usr/bin/env bash
# What the upstream charts and controllers require of the platform, beyond what the schemas
# accept (issue 11): each case names the controller behaviour it guards against. The upstream
# facts and where they were read are in scaffolds/platform/chart-versions.md.
. "$(dirname "$0")/lib.sh"
need_tools

"$GITOPSGEN" init demo -q --repo-url https://git.example.test/platform.git
cd demo
chart=charts/vsf-miniapp
"$GITOPSGEN" add-service svc-java --language java --secret database:url,password -q
"$GITOPSGEN" add-service svc-node --language nodejs -q
"$GITOPSGEN" add-service svc-python --language python --secret postgres:host,password -q
"$GITOPSGEN" add-service svc-go --language go -q

# yq-like reads with python3-yaml: value FILE EXPR evaluates EXPR on the first document `d`.
value() { /usr/bin/python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
kinds() { /usr/bin/python3 -c 'import sys, yaml; print(" ".join(sorted(d["kind"] for d in yaml.safe_load_all(open(sys.argv[1])) if d)))' "$1"; }

case_ "a ServiceMonitor renders only where the cluster serves monitoring.coreos.com/v1, for every language and tier"
# Without the Prometheus Operator's CRD a ServiceMonitor fails the whole sync, and automated sync
# does not retry a failed sync of the same commit.
for svc in svc-java svc-node svc-python svc-go; do
  for env in dev staging production; do
    values=$chart/ci/$svc-$env.yaml
    "$HELM" template "vsf-miniapp-$svc-$env" $chart -f "$values" --namespace "$env" >../without.yaml
    "$HELM" template "vsf-miniapp-$svc-$env" $chart -f "$values" --namespace "$env" \
      --api-versions monitoring.coreos.com/v1 >../with.yaml
    check "$svc/$env: no ServiceMonitor without the API" not_contains "$(kinds ../without.yaml)" ServiceMonitor
    check "$svc/$env: one ServiceMonitor with the API" eq \
      "$(kinds ../with.yaml | tr ' ' '\n' | grep -c '^ServiceMonitor$')" 1
    check "$svc/$env: objects without the API" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" \
      "$values" ../without.yaml
    check "$svc/$env: objects with the API" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" \
      "$values" ../with.yaml --monitoring-api
    check "$svc/$env: schema-valid with the API" node "$VALIDATOR" ../with.yaml
  done
done
check "serviceMonitor.enabled=false renders none even with the API" not_contains \
  "$("$HELM" template x $chart -f $chart/ci/svc-go-dev.yaml --set serviceMonitor.enabled=false \
      --api-versions monitoring.coreos.com/v1 | grep '^kind:')" ServiceMonitor

case_ "every generated service reads the ConfigMap the chart renders for it, with or without secrets"
# Without envFrom the ConfigMap is read by no container, and its checksum still restarts the pods.
for svc in svc-java svc-node svc-python svc-go; do
  for env in dev production; do
    "$HELM" template "vsf-miniapp-$svc-$env" $chart -f "$chart/ci/$svc-$env.yaml" --namespace "$env" >../r.yaml
    check "$svc/$env: the container's envFrom names the rendered ConfigMap" /usr/bin/python3 -c '
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
cm = [d["metadata"]["name"] for d in docs if d["kind"] == "ConfigMap"]
dep = [d for d in docs if d["kind"] == "Deployment"][0]
refs = [e["configMapRef"]["name"] for e in dep["spec"]["template"]["spec"]["containers"][0].get("envFrom", []) if "configMapRef" in e]
sys.exit(0 if cm and refs == cm else f"ConfigMaps {cm}, envFrom configMapRefs {refs}")' ../r.yaml
  done
done
check "a service without secrets gets no secretRef" eq \
  "$(value $chart/ci/svc-node-production.yaml 'd["envFrom"]')" "[{'configMapRef': {'name': 'svc-node-config'}}]"
check "a service with secrets reads both" eq \
  "$(value $chart/ci/svc-java-production.yaml 'd["envFrom"]')" \
  "[{'configMapRef': {'name': 'svc-java-config'}}, {'secretRef': {'name': 'svc-java-secrets'}}]"

finish
