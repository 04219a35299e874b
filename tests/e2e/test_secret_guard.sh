#!/usr/bin/env bash
# The secret-leak guard: every command's new or changed files are scanned before anything is
# written (commit, --no-commit and --dry-run alike); a secret is refused with file, line, rule and
# fingerprint, never printed; waivers by fingerprint file or inline comment; private keys never.
. "$(dirname "$0")/lib.sh"

PW='q7N#vR2$kL9@xW4z'
fp() { printf '%s' "$1" | sha256sum | cut -c1-12; }
CI=charts/vsf-miniapp/ci
never_printed() {  # WHAT SECRET: the secret is in neither stdout nor stderr of the last refusal
  check "$1: secret not on stderr" not_contains "$(cat "$WORK/err")" "$2"
  check "$1: secret not on stdout" not_contains "$(cat "$WORK/out")" "$2"
}

"$GITOPSGEN" init --repo-url "$GUIDE_REPO" repo -q
head0=$(git -C repo rev-parse HEAD)

case_ "a high-entropy --env password is refused, naming file, line and fingerprint"
refuses "DB_PASSWORD" repo "refusing to commit: $CI/svc-dev.yaml:" \
  "$GITOPSGEN" -C repo add-service svc -l go --env "DB_PASSWORD=$PW"
err=$(cat "$WORK/err")
check "rule and key named" contains "$err" ": high-entropy secret under DB_PASSWORD (fingerprint $(fp "$PW"); waive it in .gitopsgen-allow-secrets)"
check "the other environments counted" contains "$err" ") and 2 more"
never_printed "commit" "$PW"
refused_line=$(sed -n "s|.*$CI/svc-dev.yaml:\([0-9]*\):.*|\1|p" <<<"$err")
refuses "with --dry-run too" repo "high-entropy secret under DB_PASSWORD" \
  "$GITOPSGEN" -C repo add-service svc -l go --env "DB_PASSWORD=$PW" --dry-run
never_printed "dry run" "$PW"
refuses "with --no-commit too" repo "high-entropy secret under DB_PASSWORD" \
  "$GITOPSGEN" -C repo add-service svc -l go --env "DB_PASSWORD=$PW" --no-commit
never_printed "no-commit" "$PW"
check "no commit made" eq "$(git -C repo rev-parse HEAD)" "$head0"

case_ "AWS keys in --env are refused"
refuses "access key id" repo "$CI/svc-dev.yaml:$refused_line: AWS access key id (fingerprint $(fp AKIAIOSFODNN7EXAMPLE);" \
  "$GITOPSGEN" -C repo add-service svc -l go --env AWS_KEY_ID=AKIAIOSFODNN7EXAMPLE
never_printed "access key id" AKIAIOSFODNN7EXAMPLE
aws_secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
refuses "secret access key" repo "AWS secret access key under AWS_SECRET_ACCESS_KEY (fingerprint $(fp "$aws_secret");" \
  "$GITOPSGEN" -C repo add-service svc -l go --env "AWS_SECRET_ACCESS_KEY=$aws_secret"
never_printed "secret access key" "$aws_secret"

case_ "a low-entropy reference to a secret is allowed"
"$GITOPSGEN" -C repo add-service svc -l go --env PASSWORD_FILE=/mnt/secrets/db -q
check "committed" eq "$(git -C repo log -1 --format=%s)" "feat: add svc (go) to dev, staging, production"
check "value written" contains "$(git -C repo show HEAD:$CI/svc-dev.yaml)" "value: /mnt/secrets/db"

case_ "a waiver by fingerprint lets the same command commit"
printf '# test fixture, not a real password\n%s  # svc DB_PASSWORD\n' "$(fp "$PW")" >repo/.gitopsgen-allow-secrets
git -C repo add .gitopsgen-allow-secrets && git -C repo commit -qm "waive the fixture password"
"$GITOPSGEN" -C repo add-service svc2 -l go --env "DB_PASSWORD=$PW" -q
check "committed" eq "$(git -C repo log -1 --format=%s)" "feat: add svc2 (go) to dev, staging, production"
check "the refused line is where the value is" eq \
  "$(git -C repo show HEAD:$CI/svc2-dev.yaml | grep -nF "$PW" | cut -d: -f1)" "$refused_line"
check "the line before names it" eq \
  "$(git -C repo show HEAD:$CI/svc2-dev.yaml | sed -n "$((refused_line - 1))p")" "  - name: DB_PASSWORD"
printf 'not a fingerprint\n' >>repo/.gitopsgen-allow-secrets
git -C repo commit -qam "break the waiver file"
refuses "a malformed waiver file" repo ".gitopsgen-allow-secrets:3: expected a 12-hex-digit secret fingerprint" \
  "$GITOPSGEN" -C repo add-service svc3 -l go --env "API_TOKEN=$PW"
git -C repo revert --no-edit HEAD >/dev/null

case_ "a hand-committed private key blocks edits of its file; no waiver helps"
openssl genpkey -algorithm ed25519 -out key.pem 2>/dev/null
{ echo "tlsKey: |"; sed 's/^/  /' key.pem; } >>repo/$CI/svc-dev.yaml
git -C repo commit -qam "hand edit: a key by mistake"
key_line=$(grep -n "BEGIN PRIVATE KEY" repo/$CI/svc-dev.yaml | cut -d: -f1)
refuses "set-image" repo "refusing to commit: $CI/svc-dev.yaml:$key_line: it would hold a private key (fingerprint " \
  "$GITOPSGEN" -C repo set-image svc --env dev --tag 2.0.0
check "cannot be waived" contains "$(cat "$WORK/err")" "private keys can never be waived)"
never_printed "key" "$(sed -n 2p key.pem)"
key_fp=$(sed -n "s/.*(fingerprint \([0-9a-f]*\);.*/\1/p" "$WORK/err")
echo "$key_fp" >>repo/.gitopsgen-allow-secrets
git -C repo commit -qam "try to waive the key"
refuses "set-image, key fingerprint listed" repo "it would hold a private key" \
  "$GITOPSGEN" -C repo set-image svc --env dev --tag 2.0.0
refuses "set-image --dry-run" repo "it would hold a private key" \
  "$GITOPSGEN" -C repo set-image svc --env dev --tag 2.0.0 --dry-run
"$GITOPSGEN" -C repo set-image svc --env staging --tag 2.0.0 -q
check "other files still edit" eq "$(git -C repo log -1 --format=%s)" "chore(release): set svc to 2.0.0 in staging"

case_ "an inline comment waives a hand-written secret on its line"
token=Zx8Kq2Lm9Pw4Rt7Y
echo "apiToken: $token  # gitopsgen:allow-secret" >>repo/$CI/svc2-dev.yaml
echo "apiToken: $token" >>repo/$CI/svc2-staging.yaml
git -C repo commit -qam "hand edit: tokens"
"$GITOPSGEN" -C repo set-image svc2 --env dev --tag 2.0.0 -q
check "waived line commits" eq "$(git -C repo log -1 --format=%s)" "chore(release): set svc2 to 2.0.0 in dev"
check "tag set" contains "$(git -C repo show HEAD:$CI/svc2-dev.yaml)" "tag: 2.0.0"
refuses "the same token without the comment" repo \
  "$CI/svc2-staging.yaml:$(wc -l <repo/$CI/svc2-staging.yaml): high-entropy secret under apiToken (fingerprint $(fp "$token");" \
  "$GITOPSGEN" -C repo set-image svc2 --env staging --tag 2.0.0
never_printed "token" "$token"

# Real keys of every kind openssl and ssh-keygen make, in a scratch directory.
mkdir -p keys
openssl genrsa -traditional -out keys/rsa-pkcs1.pem 2048 2>/dev/null
openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:2048 -out keys/rsa-pkcs8.pem 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out keys/ec-sec1.pem 2>/dev/null
openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:secp384r1 -out keys/ec-pkcs8.pem 2>/dev/null
openssl genpkey -algorithm ed25519 -out keys/ed25519.pem 2>/dev/null
openssl genpkey -algorithm ed448 -out keys/ed448.pem 2>/dev/null
openssl genpkey -algorithm x25519 -out keys/x25519.pem 2>/dev/null
openssl dsaparam -genkey -noout -out keys/dsa.pem 2048 2>/dev/null
openssl genpkey -algorithm ed25519 -aes-256-cbc -pass pass:hunter2 -out keys/pkcs8-encrypted.pem 2>/dev/null
openssl rsa -in keys/rsa-pkcs1.pem -traditional -aes256 -passout pass:hunter2 -out keys/rsa-legacy-encrypted.pem 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -f keys/openssh -C test >/dev/null && mv keys/openssh keys/openssh.pem
check "every kind was made" eq "$(ls keys/*.pem | wc -l)" "11"
check "the legacy-encrypted one is" grep -q "Proc-Type: 4,ENCRYPTED" keys/rsa-legacy-encrypted.pem

case_ "every real private key is refused: bare, commented, indented or in a JSON string"
"$GITOPSGEN" -C repo add-service keys -l go -q
for key in keys/*.pem; do
  name=$(basename "$key" .pem)
  for form in commented indented json; do
    case $form in
      commented) { echo "## an example that is no example:"; sed 's/^/##   /' "$key"; } >frag ;;
      indented) { echo "tlsKey: |"; sed 's/^/  /' "$key"; } >frag ;;
      json) printf 'tlsJson: %s\n' "$(python3 -c 'import json,sys; print(json.dumps(json.dumps({"key": open(sys.argv[1]).read()})))' "$key")" >frag ;;
    esac
    cp repo/$CI/keys-dev.yaml keep.yaml
    cat frag >>repo/$CI/keys-dev.yaml
    git -C repo commit -qam "hand edit: $name, $form"
    refuses "$name $form" repo "it would hold a private key" \
      "$GITOPSGEN" -C repo set-image keys --env dev --tag 9.0.0
    never_printed "$name $form" "$(sed -n 2p "$key")"
    cp keep.yaml repo/$CI/keys-dev.yaml
    git -C repo commit -qam "undo $name, $form"
  done
done

case_ "placeholders of published values files are not keys"
# The shapes published charts document a TLS key option with: commented headers around an
# ellipsis, a line of dots or prose, and a header with nothing after it.
cat >>repo/$CI/keys-dev.yaml <<'YAML'
## TLS key for the ingress (optional):
##   key: |-
##       -----BEGIN RSA PRIVATE KEY-----
##       ...
##       -----END RSA PRIVATE KEY-----
# tlsKey: |
#   -----BEGIN PRIVATE KEY-----
#   ................................................................
#   -----END PRIVATE KEY-----
# exampleKey: "-----BEGIN EC PRIVATE KEY-----\n<your key here>\n-----END EC PRIVATE KEY-----"
# truncated: -----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA... -----END RSA PRIVATE KEY-----
# headerOnly: -----BEGIN OPENSSH PRIVATE KEY-----
YAML
git -C repo commit -qam "hand edit: the chart collection's documented placeholders"
before_bytes=$(sed 's/^  tag: .*$/TAG/' repo/$CI/keys-dev.yaml)
"$GITOPSGEN" -C repo set-image keys --env dev --tag 9.1.0 >"$WORK/out" 2>"$WORK/err" || true
check "set-image commits" eq "$(git -C repo log -1 --format=%s)" "chore(release): set keys to 9.1.0 in dev"
check "no refusal" eq "$(cat "$WORK/err")" ""
check "only the tag changed" eq "$(sed 's/^  tag: .*$/TAG/' repo/$CI/keys-dev.yaml)" "$before_bytes"
check "validate does not call them keys" not_contains "$("$GITOPSGEN" -C repo validate 2>&1 || true)" "keys-dev.yaml: error: holds a private key"
check "but still finds the real one" contains "$("$GITOPSGEN" -C repo validate 2>&1 || true)" "svc-dev.yaml: error: holds a private key"

case_ "the demo platform of the guide is never flagged"
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" demo -q
"$GITOPSGEN" -C demo add-service service-a --language java --secret database:url,username,password \
  --secret kafka:brokers,username,password -q
"$GITOPSGEN" -C demo add-service service-b --language nodejs --secret mongodb:connectionString \
  --secret redis:host,password -q
"$GITOPSGEN" -C demo add-service service-c --language python \
  --secret postgres:host,database,username,password -q
check "four commits" eq "$(git -C demo rev-list --count HEAD)" "4"
check "nothing waived" test ! -e demo/.gitopsgen-allow-secrets
check "work tree clean" eq "$(git -C demo status --porcelain)" ""
check "value files with secretsManager blocks were scanned" eq \
  "$(git -C demo grep -l secretsManager HEAD -- "$CI" | wc -l)" "9"

finish
