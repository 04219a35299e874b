#!/usr/bin/env bash
# The add-service wizard on a pseudo-terminal: missing values are asked for with their defaults,
# a bad answer is explained and asked again, a summary comes before anything is written.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q

case_ "answering every question onboards the service"
cat >answers.json <<'JSON'
[["Service name: ", "Bad_Name"],
 ["is not a DNS-1123 label", null],
 ["Service name: ", "wiz"],
 ["Language (java, nodejs, python, go): ", "cobol"],
 ["unknown language 'cobol'", null],
 ["Language (java, nodejs, python, go): ", "python"],
 ["Image repository [YOUR_ECR_REGISTRY/vsf-miniapp-wiz]: ", ""],
 ["Image tag [1.0.0]: ", "1.10"],
 ["Container port [8000]: ", "99999"],
 ["is not a whole number from 1 to 65535", null],
 ["Container port [8000]: ", "8001"],
 ["Production host [wiz.vsf-miniapp.com]: ", ""],
 ["Ingress path [/api/v1/wiz]: ", "/wizard"],
 ["Secrets (NAME:key,key ... separated by spaces, '-' for none) [-]: ", "db:dsn cache:url,token"],
 ["image:     YOUR_ECR_REGISTRY/vsf-miniapp-wiz:1.10", null],
 ["secrets:   db:dsn cache:url,token", null],
 ["Write these files and commit? [Y/n]: ", "maybe"],
 ["answer y or n", null],
 ["Write these files and commit? [Y/n]: ", ""],
 ["Added wiz (python) in 3 environment(s)", null]]
JSON
check "wizard exits 0" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" answers.json "$G" -C demo add-service >transcript.txt
check "one commit" eq "$(git -C demo log -1 --format=%s)" "feat: add wiz (python) to dev, staging, production"
check "answers landed" grep -q 'tag: "1.10"' demo/charts/vsf-miniapp/ci/wiz-production.yaml
check "port" grep -q 'targetPort: 8001' demo/charts/vsf-miniapp/ci/wiz-production.yaml
check "path" grep -q 'path: /wizard' demo/charts/vsf-miniapp/ci/wiz-production.yaml
check "secrets" grep -q 'objectName: production/vsf-miniapp/wiz/cache' demo/charts/vsf-miniapp/ci/wiz-production.yaml
check "status clean" eq "$(git -C demo status --porcelain)" ""

case_ "flags given are not asked again; declining writes nothing"
before=$(fingerprint demo)
cat >decline.json <<'JSON'
[["Service name: ", "later"],
 ["Image repository [YOUR_ECR_REGISTRY/vsf-miniapp-later]: ", ""],
 ["Image tag [1.0.0]: ", ""],
 ["Container port [3000]: ", ""],
 ["Production host [later.vsf-miniapp.com]: ", ""],
 ["Ingress path [/api/v1/later]: ", ""],
 ["Secrets (NAME:key,key ... separated by spaces, '-' for none) [-]: ", ""],
 ["Write these files and commit? [Y/n]: ", "n"],
 ["gitopsgen: nothing written", null]]
JSON
rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" decline.json "$G" -C demo add-service -l nodejs >transcript2.txt || rc=$?
check "declining is not an error: exit 0" eq "$rc" "0"
check "no error line" not_contains "$(cat transcript2.txt)" "error"
check "language not asked" not_contains "$(cat transcript2.txt)" "Language ("
check "nothing changed" eq "$(fingerprint demo)" "$before"

case_ "end of input mid-wizard writes nothing"
cat >eof.json <<'JSON'
[["Service name: ", "\u0004"]]
JSON
rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" eof.json "$G" -C demo add-service >transcript3.txt || rc=$?
check "exit 1" eq "$rc" "1"
check "says why" contains "$(cat transcript3.txt)" "no answer to 'Service name': nothing written"
check "nothing changed" eq "$(fingerprint demo)" "$before"

case_ "--yes on a terminal never prompts"
cat >yes.json <<'JSON'
[["missing the service NAME", null]]
JSON
rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" yes.json "$G" -C demo add-service --yes >transcript4.txt || rc=$?
check "a usage error: exit 2" eq "$rc" "2"
check "no question asked" not_contains "$(cat transcript4.txt)" "Service name:"

case_ "-o json on a terminal never prompts: stdout is for the result"
for format in json yaml; do
  rc=0; /usr/bin/python3 "$SOURCE_DIR/tests/e2e/wizard_pty.py" yes.json "$G" -C demo add-service -o "$format" >transcript5.txt || rc=$?
  check "-o $format: a usage error, exit 2" eq "$rc" "2"
  check "-o $format: no question asked" not_contains "$(cat transcript5.txt)" "Service name:"
  check "-o $format: says why" contains "$(cat transcript5.txt)" "without --yes or -o json|yaml"
done

finish
