#!/usr/bin/env bash
# Bad input to add-service and remove-service: one clear error line, non-zero exit, nothing changed.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"

"$G" init --repo-url "$GUIDE_REPO" demo -q
"$G" -C demo add-service service-a -l java -q
R="$WORK/demo"
add() { "$G" -C demo add-service "$@"; }

case_ "names"
refuses "not a DNS label" "$R" "service name 'Bad_Svc' is not a DNS-1123 label" add Bad_Svc -l go
refuses "too long for Helm once prefixed" "$R" "is too long: the Application 'vsf-miniapp-$(printf 'a%.0s' {1..35})-production' has 58 characters, Helm allows 53" \
  add "$(printf 'a%.0s' {1..35})" -l go
refuses "exists" "$R" "service 'service-a' already exists in dev (charts/vsf-miniapp/ci/service-a-dev.yaml); use --force" add service-a -l java
refuses "unknown language" "$R" "unknown language 'rust' (supported: java, nodejs, python, go)" add svc -l rust
refuses "unknown environment" "$R" "unknown environment 'qa' (the platform has dev, staging, production)" add svc -l go --envs dev,qa
refuses "repeated environment" "$R" "environment 'dev' is listed twice" add svc -l go --envs dev,dev
refuses "empty env list entry" "$R" "has an empty entry" add svc -l go --envs dev,

case_ "image, host, path, port, replicas, secrets, env"
refuses "uppercase image" "$R" "image repository 'Registry/UPPER' is not a valid container image reference" add svc -l go --image Registry/UPPER
refuses "image with a tag" "$R" "is not a valid container image reference" add svc -l go --image registry.example.test/svc:1.0
refuses "bad tag" "$R" "image tag '-bad' is not a valid tag" add svc -l go --tag=-bad
refuses "tag with a space" "$R" "is not a valid tag" add svc -l go --tag "1 0"
refuses "bad host" "$R" "host 'Not A Host' is not a valid DNS name" add svc -l go --host "Not A Host"
refuses "path without slash" "$R" "ingress path 'api' must start with '/'" add svc -l go --path api
refuses "path with a backtick" "$R" "may hold only letters" add svc -l go --path '/a`) || Host(`evil'
refuses "port zero" "$R" "port '0' is not a whole number from 1 to 65535" add svc -l go --port 0
refuses "port too big" "$R" "port '70000' is not a whole number from 1 to 65535" add svc -l go --port 70000
refuses "port not a number" "$R" "port 'http' is not a whole number" add svc -l go --port http
refuses "replicas zero" "$R" "replica count '0' is not a whole number from 1 to 1000" add svc -l go --replicas production=0
refuses "replicas not a number" "$R" "replica count 'many'" add svc -l go --replicas production=many
refuses "replicas malformed" "$R" "--replicas 'production' is not ENV=N" add svc -l go --replicas production
refuses "replicas for an env not written" "$R" "--replicas names environment 'production', which this run does not write" add svc -l go --envs dev --replicas production=2
refuses "a tag for an env not written" "$R" "--tag names environment 'production', which this run does not write" add svc -l go --envs dev --tag production=2.0
refuses "a tag for no env" "$R" "--tag '=2.0' names no environment (ENV=TAG)" add svc -l go --tag =2.0
refuses "a bad per-environment tag" "$R" "image tag '-x' is not a valid tag" add svc -l go --tag dev=-x
refuses "secret without keys" "$R" "secret 'database' needs at least one key" add svc -l go --secret database:
refuses "secret without colon" "$R" "is not NAME:key[,key...]" add svc -l go --secret database
refuses "secret bad key" "$R" "secret key 'pass word' of 'database' must be a JSON identifier" add svc -l go --secret "database:url,pass word"
refuses "secret repeated key" "$R" "lists key 'url' twice" add svc -l go --secret database:url,url
refuses "secret given twice" "$R" "secret 'db' is given twice" add svc -l go --secret db:a --secret db:b
refuses "bad env name" "$R" "environment variable name '1X' must be letters" add svc -l go --env 1X=y
refuses "env without =" "$R" "--env 'X' is not NAME=VALUE" add svc -l go --env X

case_ "ingress routes another service holds"
refuses "same host and path" "$R" "ingress host service-a.dev.vsf-miniapp.com with path /api/v1/service-a is already taken by service 'service-a' (charts/vsf-miniapp/ci/service-a-dev.yaml)" \
  add svc -l go --host service-a.vsf-miniapp.com --path /api/v1/service-a
check "same host, other path is fine" "$G" -C demo add-service svc2 -l go --host service-a.vsf-miniapp.com --dry-run -o json >/dev/null
# add-service parses only the value files whose text names its host, or that hold an escape: a
# host spelt with one is still found.
sed -i 's/^    - host: service-a.dev.vsf-miniapp.com$/    - host: "service-a\\x2edev.vsf-miniapp.com"/' demo/charts/vsf-miniapp/ci/service-a-dev.yaml
check "the host is spelt with an escape" grep -qF 'host: "service-a\x2edev' demo/charts/vsf-miniapp/ci/service-a-dev.yaml
git -C demo commit -qam "a host spelt with an escape"
refuses "same host spelt with an escape" "$R" "ingress host service-a.dev.vsf-miniapp.com with path /api/v1/service-a is already taken by service 'service-a'" \
  add svc -l go --host service-a.vsf-miniapp.com --path /api/v1/service-a

case_ "missing values without a terminal or with --yes"
refuses "no name, no terminal" "$R" "missing the service NAME" add -l go </dev/null
refuses "no language with --yes" "$R" "missing --language (java|nodejs|python|go)" add svc --yes </dev/null

case_ "spec files"
printf 'name: svc\nlanguage: go\nport: [1]\n' >bad1.yaml
refuses "spec field of wrong type" "$R" "bad1.yaml:3: 'port' must be a string" add --from-file "$WORK/bad1.yaml"
printf 'name: svc\nlanguage: go\ncolour: red\n' >bad2.yaml
refuses "unknown spec field" "$R" "bad2.yaml:3: unknown field 'colour'" add --from-file "$WORK/bad2.yaml"
printf 'name: svc\nlanguage: [go\n' >bad3.yaml
refuses "spec not YAML" "$R" "bad3.yaml:" add --from-file "$WORK/bad3.yaml"
refuses "spec missing" "$R" "cannot read" add --from-file "$WORK/none.yaml"

case_ "outside a platform"
mkdir plain && git -C plain init -q
refuses "no platform" "$WORK/plain" "no platform here: gitopsgen.yaml is missing" "$G" -C plain add-service svc -l go

case_ "remove-service"
refuses "unknown service" "$R" "service 'ghost' is not on the platform" "$G" -C demo remove-service ghost
refuses "not in that env" "$R" "unknown environment 'qa'" "$G" -C demo remove-service service-a --envs qa
refuses "bad name" "$R" "is not a DNS-1123 label" "$G" -C demo remove-service Bad_Name

case_ "a failure at commit time leaves nothing behind"
(
  unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
  refuses "no identity" "$R" "no commit identity" add svc -l go
  echo "$PASSED $FAILED" >"$WORK/sub-counts"
)
read -r PASSED FAILED <"$WORK/sub-counts"

finish
