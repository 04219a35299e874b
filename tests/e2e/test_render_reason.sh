#!/usr/bin/env bash
# validate --render: a value file Helm cannot render is reported at that value file and the line
# of the value, with Helm's whole reason under the finding (text and JSON).
. "$(dirname "$0")/lib.sh"
need_tools
export PATH="$TOOLS_DIR:$PATH"
G=$GITOPSGEN

"$G" init --repo-url "$GUIDE_REPO" demo -q
"$G" -C demo add-service service-a --language java -q
values=charts/vsf-miniapp/ci/service-a-dev.yaml
# set_ingress TEXT: replaces the ingress: block at the end of the value file with TEXT.
set_ingress() {
  python3 - "demo/$values" "$1" <<'PY'
import sys
path, block = sys.argv[1], sys.argv[2]
text = open(path).read()
open(path, "w").write(text[:text.index("\ningress:")] + "\n" + block)
PY
}

case_ "a value of the wrong type: Helm's whole reason, at the value file's line"
check "renders before" "$G" -C demo validate --render -q
# Without the chart's values.schema.json (a platform scaffolded before it had one), the template
# itself fails on the value; with it, Helm's schema check refuses it first (the next case).
mv demo/charts/vsf-miniapp/values.schema.json values.schema.json
set_ingress $'ingress:\n  enabled: true\n  hosts: oops\n'
line=$(grep -n '^  hosts: oops' "demo/$values" | cut -d: -f1)
rc=0; "$G" -C demo validate --render >out.txt || rc=$?
out=$(cat out.txt)
check "fails" eq "$rc" 1
check "at the value file and the key's line, naming the value and the Application" contains "$out" \
  "$values:$line: error: helm template vsf-miniapp-service-a-dev: the value 'ingress.hosts' set here fails, for the Application at applications/dev/vsf-miniapp-service-a.yaml:18"
check "every line of Helm's reason, indented under it" contains "$out" "
    Error: vsf-miniapp/templates/ingressroute.yaml:"
check "the executing line" grep -qE '^      executing "vsf-miniapp/templates/ingressroute.yaml" at <.Values.ingress.hosts>:$' out.txt
check "the reason itself" grep -qE "^        range can't iterate over oops$" out.txt
check "no --debug hint" not_contains "$out" "Use --debug"
check "staging and production unaffected" not_contains "$out" "service-a-staging:"
"$G" -C demo validate --render -o json >out.json || true
check "json: file, line and detail" python3 - "$values" "$line" <<'PY'
import json, sys
d = json.load(open("out.json"))
found = [f for f in d["findings"] if f["file"] == sys.argv[1]]
assert len(found) == 1, d["findings"]
f = found[0]
assert f["line"] == int(sys.argv[2]), f
assert any("range can't iterate over oops" in l for l in f["detail"]), f
assert f["detail"][0].startswith("Error: vsf-miniapp/templates/ingressroute.yaml:"), f
assert all(isinstance(g["detail"], list) for g in d["findings"])
PY
mv values.schema.json demo/charts/vsf-miniapp/values.schema.json

case_ "a value of the wrong type with the chart's schema: Helm's schema check, on the Application"
rc=0; "$G" -C demo validate --render >out.txt || rc=$?
out=$(cat out.txt)
check "fails" eq "$rc" 1
check "on the Application, for the environment" contains "$out" \
  "applications/dev/vsf-miniapp-service-a.yaml:18: error: helm template vsf-miniapp-service-a-dev: "
check "Helm's schema reason, naming the value's path" grep -qxF "    - at '/ingress/hosts': got string, want null or array" out.txt
check "staging and production unaffected" not_contains "$out" "service-a-staging:"

case_ "a value the chart's own check refuses: the value read above the failing template line"
set_ingress $'ingress:\n  enabled: true\n  hosts: []\n'
line=$(grep -n '^  hosts: \[\]' "demo/$values" | cut -d: -f1)
rc=0; out=$("$G" -C demo validate --render) || rc=$?
check "fails" eq "$rc" 1
check "at the value file and line" contains "$out" "$values:$line: error: helm template vsf-miniapp-service-a-dev: the value 'ingress.hosts' set here fails, for the Application"
check "the chart's message" contains "$out" "ingress.hosts must list at least one host"

case_ "a template error no value file causes stays on the Application"
set_ingress $'ingress:\n  enabled: false\n'
check "renders again" "$G" -C demo validate --render -q
echo '{{ .Values.nope.deeper }}' >>demo/charts/vsf-miniapp/templates/service.yaml
rc=0; out=$("$G" -C demo validate --render) || rc=$?
check "fails" eq "$rc" 1
check "on the Application" contains "$out" "applications/dev/vsf-miniapp-service-a.yaml:"
check "the defaults render on values.yaml" contains "$out" "charts/vsf-miniapp/values.yaml: error: helm template vsf-miniapp: "
check "whole reason" contains "$out" "nil pointer evaluating interface {}.deeper"
check "not pinned on a value file" not_contains "$out" "set here"

finish
