#!/usr/bin/env bash
# Bad input to init: one clear error line, non-zero exit, and nothing changed.
. "$(dirname "$0")/lib.sh"

"$GITOPSGEN" init --repo-url "$GUIDE_REPO" platform -q
mkdir empty

case_ "invalid values are refused before anything is created"
refuses "invalid platform name" "$WORK/new1" "platform name 'Bad_Name' is not a DNS-1123 label" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --platform Bad_Name
refuses "too long platform name" "$WORK/new1" "not a DNS-1123 label" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --platform "$(printf 'a%.0s' {1..64})"
refuses "empty environment list" "$WORK/new1" "has an empty entry" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --envs ""
refuses "empty environment in list" "$WORK/new1" "has an empty entry" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --envs "dev,,prod"
refuses "duplicate environment" "$WORK/new1" "environment 'dev' is listed twice" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --envs dev,staging,dev
refuses "reserved environment" "$WORK/new1" "reserved" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --envs dev,infrastructure
refuses "namespace of unknown env" "$WORK/new1" "unknown environment 'qa'" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --namespace qa=x
refuses "shared namespace" "$WORK/new1" "used by two environments" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --namespace staging=dev
refuses "bad repo URL" "$WORK/new1" "repository URL" "$GITOPSGEN" init new1 --repo-url "not a url"
refuses "bad domain" "$WORK/new1" "domain" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --domain "Bad Domain"
refuses "bad region" "$WORK/new1" "AWS region" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --region moon-1
refuses "bad role ARN" "$WORK/new1" "IRSA role ARN" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --irsa-role-arn arn:aws:iam::1:user/x
refuses "unknown output format" "$WORK/new1" "--output" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 -o xml
refuses "dry-run with no-commit" "$WORK/new1" "cannot be combined" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --dry-run --no-commit
refuses "missing scaffolds dir" "$WORK/new1" "scaffolds directory" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new1 --scaffolds "$WORK/nope"

case_ "an existing platform is refused without --force"
refuses "existing platform" "$WORK/platform" "a platform already exists here" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" platform
refuses "existing platform via -C" "$WORK/platform" "a platform already exists here" "$GITOPSGEN" -C platform init

case_ "a private key is never accepted as trust anchor"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
  -subj "/CN=root.linkerd.cluster.local" -days 365 2>/dev/null
cat ca.crt ca.key >bundle.pem
refuses "key file as anchor" "$WORK/new2" "holds a private key" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new2 --linkerd-trust-anchor ca.key
refuses "cert+key bundle as anchor" "$WORK/new2" "holds a private key" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new2 --linkerd-trust-anchor bundle.pem
refuses "key into existing repo" "$WORK/empty" "holds a private key" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" empty --linkerd-trust-anchor bundle.pem
echo "garbage" >garbage.pem
refuses "not a certificate" "$WORK/new2" "only PEM certificates" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new2 --linkerd-trust-anchor garbage.pem
refuses "missing anchor file" "$WORK/new2" "cannot read" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new2 --linkerd-trust-anchor nowhere.pem

case_ "a directory that cannot be written"
mkdir locked && chmod 755 locked
refuses "unwritable parent" "$WORK/locked" "permission denied" setpriv --reuid=65534 --regid=65534 --clear-groups "$GITOPSGEN" init --repo-url "$GUIDE_REPO" locked/sub
refuses "unwritable directory" "$WORK/locked" "permission denied" setpriv --reuid=65534 --regid=65534 --clear-groups "$GITOPSGEN" init --repo-url "$GUIDE_REPO" locked
echo "a file" >afile
refuses "a file, not a directory" "$WORK/afile" "is not a directory" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" afile

case_ "no identity: clear error, no repository left behind"
(
  unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
  refuses "no identity, new directory" "$WORK/noident" "no commit identity" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" noident
  refuses "no identity, existing empty directory" "$WORK/empty" "no commit identity" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" empty
  echo "$PASSED $FAILED" >"$WORK/sub-counts"
)
read -r PASSED FAILED <"$WORK/sub-counts"

case_ "init inside another repository's subdirectory is refused"
refuses "inside a repository" "$WORK/platform" "is inside the repository" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" platform/charts

case_ "a broken organisation template is refused with its name"
cp -r "$SOURCE_DIR/scaffolds" myscaffolds
sed -i 's/{{platform}}/{{platfrom}}/' myscaffolds/chart/Chart.yaml.mustache
refuses "unknown template variable" "$WORK/new3" "uses 'platfrom'" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new3 --scaffolds myscaffolds
cp "$SOURCE_DIR/scaffolds/chart/Chart.yaml.mustache" myscaffolds/chart/
printf 'a: [1,\n' >myscaffolds/platform/applications/infrastructure/broken.yaml
refuses "template rendering invalid YAML" "$WORK/new3" "is not valid YAML" "$GITOPSGEN" init --repo-url "$GUIDE_REPO" new3 --scaffolds myscaffolds

finish
