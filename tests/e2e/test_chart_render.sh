#!/usr/bin/env bash
# The generated chart with the real Helm: lint --strict, and the guide's Java, Node.js and Python
# value files render into the objects the guide shows, valid against the real schemas.
. "$(dirname "$0")/lib.sh"
need_tools

"$GITOPSGEN" init --repo-url "$GUIDE_REPO" demo -q
chart=demo/charts/vsf-miniapp

case_ "helm lint --strict passes on the chart's defaults and with each guide value file"
check "lint defaults" "$HELM" lint --strict "$chart"
for svc in service-a service-b service-c; do
  cp "$SOURCE_DIR/tests/fixtures/guide/$svc-production.yaml" "$chart/ci/"
  check "lint $svc" "$HELM" lint --strict "$chart" -f "$chart/ci/$svc-production.yaml"
done

case_ "each guide service renders the guide's objects"
for svc in service-a service-b service-c; do
  "$HELM" template "vsf-miniapp-$svc-production" "$chart" -f "$chart/ci/$svc-production.yaml" \
    --namespace production --api-versions monitoring.coreos.com/v1 >"$svc.rendered.yaml"
  check "$svc objects match its value file" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" \
    "$chart/ci/$svc-production.yaml" "$svc.rendered.yaml" --monitoring-api
  check "$svc valid against the Kubernetes, Traefik, Prometheus and CSI schemas" \
    node "$VALIDATOR" "$svc.rendered.yaml"
done
check "the language ports differ as the guide says" eq \
  "$(grep -h 'containerPort:' service-a.rendered.yaml service-b.rendered.yaml service-c.rendered.yaml | tr -d ' ')" \
  "$(printf 'containerPort:8080\ncontainerPort:3000\ncontainerPort:8000')"
check "service-a's ServiceAccount carries the IRSA role" \
  grep -q 'eks.amazonaws.com/role-arn: "\?arn:aws:iam::ACCOUNT_ID:role/vsf-miniapp-secrets-reader' service-a.rendered.yaml

case_ "the checker itself catches a wrong render"
sed 's/containerPort: 8080/containerPort: 9999/' service-a.rendered.yaml >broken.yaml
if /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" "$chart/ci/service-a-production.yaml" broken.yaml --monitoring-api >/dev/null; then
  fail "check_rendered.py accepted a wrong container port"
else ok; fi
sed 's/name: http$/nmae: http/' service-a.rendered.yaml >broken2.yaml
if node "$VALIDATOR" broken2.yaml >/dev/null 2>&1; then fail "validator accepted a misspelled field"; else ok; fi

case_ "secrets, ingress and autoscaling off still render valid objects"
cat >"$chart/ci/minimal-dev.yaml" <<'YAML'
serviceName: minimal
image:
  repository: registry.example.test/minimal
  tag: "1.10"
autoscaling:
  enabled: false
YAML
"$HELM" template minimal "$chart" -f "$chart/ci/minimal-dev.yaml" --namespace dev >minimal.yaml
check "minimal valid" node "$VALIDATOR" minimal.yaml
check "no SecretProviderClass" not_contains "$(cat minimal.yaml)" "SecretProviderClass"
check "no IngressRoute" not_contains "$(cat minimal.yaml)" "IngressRoute"
check "replicas set when HPA is off" contains "$(cat minimal.yaml)" "replicas: 1"
check "tag 1.10 stays a string" contains "$(cat minimal.yaml)" "image: \"registry.example.test/minimal:1.10\""

finish
