#!/usr/bin/env bash
# init: the platform of the guide, one commit through libgit2, inspected with the git CLI.
. "$(dirname "$0")/lib.sh"

case_ "init creates a repository on main with one commit of the whole platform"
out=$("$GITOPSGEN" init --repo-url "$GUIDE_REPO" demo)
check "summary names the commit" contains "$out" "Scaffolded platform vsf-miniapp"
check "branch is main" eq "$(git -C demo symbolic-ref HEAD)" "refs/heads/main"
check "exactly one commit" eq "$(git -C demo rev-list --count HEAD)" "1"
check "conventional message" eq "$(git -C demo log -1 --format=%s)" "chore: scaffold vsf-miniapp platform"
check "author from GIT_AUTHOR_*" eq "$(git -C demo log -1 --format='%an <%ae>')" "Ada Platform <ada@example.test>"
check "committer from GIT_COMMITTER_*" eq "$(git -C demo log -1 --format='%cn <%ce>')" "Ci Bot <ci@example.test>"
check "work tree clean and index in sync" eq "$(git -C demo status --porcelain --untracked-files=all)" ""
check "fsck clean" git -C demo fsck --strict --no-dangling
files=$(git -C demo ls-tree -r --name-only HEAD)
for f in gitopsgen.yaml bootstrap/root-app.yaml \
  charts/vsf-miniapp/Chart.yaml charts/vsf-miniapp/values.yaml charts/vsf-miniapp/values.schema.json charts/vsf-miniapp/ci/.gitkeep \
  charts/vsf-miniapp/templates/{_helpers.tpl,deployment.yaml,service.yaml,serviceaccount.yaml,secretproviderclass.yaml,configmap.yaml,ingressroute.yaml,hpa.yaml,servicemonitor.yaml} \
  applications/infrastructure/{00-project,argocd-self-managed,linkerd-crds,linkerd-control-plane,linkerd-viz,secrets-store-csi-driver,secrets-store-csi-driver-provider-aws,traefik,reloader}.yaml \
  applications/app-of-apps-{dev,staging,production}.yaml applications/{dev,staging,production}/.gitkeep \
  infrastructure/linkerd/base/linkerd-certificates.yaml; do
  check "committed: $f" contains "$files" "$f"
done
check "no mustache file leaks" not_contains "$files" ".mustache"
check "committed bytes equal the work tree" eq "$(git -C demo diff HEAD --stat)" ""

case_ "the settings file records the platform"
settings=$(git -C demo show HEAD:gitopsgen.yaml)
for line in "platform: vsf-miniapp" "repoURL: https://github.com/oNddleo/gitops.git" "targetRevision: HEAD" \
  "registry: YOUR_ECR_REGISTRY" "domain: vsf-miniapp.com" "region: us-east-1" \
  "irsaRoleArn: \"arn:aws:iam::ACCOUNT_ID:role/{platform}-{service}-{env}\"" "- name: staging" "namespace: production"; do
  check "settings: $line" contains "$settings" "$line"
done

case_ "values.yaml holds the guide's common defaults"
values=$(cat demo/charts/vsf-miniapp/values.yaml)
check "linkerd inject" contains "$values" "linkerd.io/inject: enabled"
check "skip ports" contains "$values" 'config.linkerd.io/skip-outbound-ports: "5432,3306,6379,27017,9092"'
check "reloader auto" contains "$values" 'reloader.stakater.com/auto: "true"'
check "chart named after the platform" eq "$(grep '^name:' demo/charts/vsf-miniapp/Chart.yaml)" "name: vsf-miniapp"

case_ "flags shape the platform; options work after the subcommand too"
"$GITOPSGEN" init shop --platform shop --envs qa,prod --namespace prod=shop-prod \
  --repo-url https://git.example.test/shop/gitops.git --domain shop.example.test -q >"$WORK/quiet"
check "-q prints nothing" eq "$(cat "$WORK/quiet")" ""
check "chart dir follows the platform" test -f shop/charts/shop/Chart.yaml
check "app-of-apps per environment" test -f shop/applications/app-of-apps-qa.yaml
check "no default environment left" test ! -e shop/applications/app-of-apps-dev.yaml
check "namespace override recorded" contains "$(cat shop/gitopsgen.yaml)" "namespace: shop-prod"
check "prod's AppProject allows the prod namespace" contains "$(cat shop/applications/infrastructure/00-project-prod.yaml)" "namespace: shop-prod"
check "the infrastructure's does not" not_contains "$(cat shop/applications/infrastructure/00-project.yaml)" "shop-prod"
check "AppProject names this repository" contains "$(cat shop/applications/infrastructure/00-project.yaml)" "https://git.example.test/shop/gitops.git"
check "AppProject has no wildcard" not_contains "$(grep -E '^\s*-?\s*(namespace|server|group|kind|sourceRepos)?:? *.\*.?$' shop/applications/infrastructure/00-project.yaml || true)" "*"
"$GITOPSGEN" -C "$WORK" init before --repo-url "$GUIDE_REPO" --dry-run >/dev/null
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" after -C "$WORK" --dry-run >/dev/null
check "--dry-run before or after the subcommand creates nothing" eq "$(ls "$WORK" | grep -c -E '^(before|after)$' || true)" "0"

case_ "--dry-run prints a unified diff and writes nothing"
diff_out=$("$GITOPSGEN" init --repo-url "$GUIDE_REPO" dry --dry-run)
check "diff of a new file" contains "$diff_out" "+++ b/charts/vsf-miniapp/values.yaml"
check "diff content" contains "$diff_out" "+platform: vsf-miniapp"
check "nothing created" test ! -e dry
git init -q -b main applied
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" applied --dry-run >"$WORK/init.diff"
(cd applied && git apply "$WORK/init.diff")
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" real -q
check "the diff, applied with git apply, gives exactly the files init writes" \
  eq "$(cd applied && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum)" \
     "$(cd real && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum)"

case_ "--output json reports files and the commit"
json=$("$GITOPSGEN" init --repo-url "$GUIDE_REPO" jsonrepo -o json)
check "json commit is HEAD" contains "$json" "\"commit\":\"$(git -C jsonrepo rev-parse HEAD)\""
check "json lists files" contains "$json" '"gitopsgen.yaml"'
check "json parses" python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["command"]=="init" and len(d["files"])>30' <<<"$json"

case_ "-v lists every file on stderr; stdout stays pure JSON"
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" verbose -v -o json >"$WORK/v.out" 2>"$WORK/v.err"
check "stdout parses" /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/v.out"
check "stderr names a file" grep -qx "write  charts/vsf-miniapp/values.yaml" "$WORK/v.err"
check "stderr names the commit" grep -qx "commit $(git -C verbose rev-parse HEAD)" "$WORK/v.err"

case_ "--no-commit writes the files and makes no commit"
git init -q -b main nocommit
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" nocommit --no-commit -q
check "files written" test -f nocommit/gitopsgen.yaml
check "no commit" eq "$(git -C nocommit rev-parse -q --verify HEAD || echo none)" "none"

case_ "-m replaces the message; init fills an existing repository on top of its history"
git init -q -b trunk existing
echo "# hello" >existing/README.md
git -C existing add README.md && git -C existing commit -qm "first"
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" existing -m "chore: our platform" -q
check "two commits" eq "$(git -C existing rev-list --count HEAD)" "2"
check "custom message" eq "$(git -C existing log -1 --format=%s)" "chore: our platform"
check "stays on its branch" eq "$(git -C existing symbolic-ref --short HEAD)" "trunk"
check "untouched file kept" eq "$(git -C existing show HEAD:README.md)" "# hello"
check "status clean" eq "$(git -C existing status --porcelain)" ""

case_ "--force scaffolds over a platform and keeps unrelated files; re-running changes nothing"
echo "x: 1" >existing/charts/vsf-miniapp/ci/svc-dev.yaml
git -C existing add . && git -C existing commit -qm "a service"
echo "# edited" >>existing/charts/vsf-miniapp/values.yaml
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" existing --force -q
check "an uncommitted edit is merged, never overwritten" eq "$(tail -1 existing/charts/vsf-miniapp/values.yaml)" "# edited"
check "... and left uncommitted" eq "$(git -C existing status --porcelain)" " M charts/vsf-miniapp/values.yaml"
check "service file kept" test -f existing/charts/vsf-miniapp/ci/svc-dev.yaml
check "no commit for it" eq "$(git -C existing rev-list --count HEAD)" "3"
git -C existing checkout -q charts/vsf-miniapp/values.yaml
head_before=$(git -C existing rev-parse HEAD)
out=$("$GITOPSGEN" init --repo-url "$GUIDE_REPO" existing --force)
check "nothing to change, no empty commit" eq "$(git -C existing rev-parse HEAD)" "$head_before"
check "says nothing changed" contains "$out" "Nothing to change"

case_ "identity falls back to git config"
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
git config --global user.name "Config User"
git config --global user.email "config@example.test"
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" fromconfig -q
check "author from config" eq "$(git -C fromconfig log -1 --format='%an <%ae> / %cn')" "Config User <config@example.test> / Config User"

case_ "repoURL comes from the origin remote, never from a stranger's default"
mkdir empty-parent
refuses "no --repo-url and no origin: one line, nothing created" empty-parent \
  "no repository URL for Argo CD: $WORK/empty-parent/fresh has no \`origin\` remote; pass --repo-url URL" \
  "$GITOPSGEN" init empty-parent/fresh
check "nothing was created" eq "$(ls -A empty-parent)" ""
git init -q -b main noorigin
refuses "an existing repository without origin" noorigin "has no \`origin\` remote" "$GITOPSGEN" init noorigin
git init -q -b main cloned
git -C cloned remote add origin "https://ci-bot:ghp_secret-token-123@git.example.test/team/platform.git"
"$GITOPSGEN" init cloned -q
check "settings take origin's URL without the credentials" grep -qx "repoURL: https://git.example.test/team/platform.git" cloned/gitopsgen.yaml
check "the AppProject allows it" grep -q "^    - https://git.example.test/team/platform.git$" cloned/applications/infrastructure/00-project.yaml
check "the root Application clones it" grep -q "repoURL: https://git.example.test/team/platform.git" cloned/bootstrap/root-app.yaml
check "the token is nowhere in the commit" eq "$(git -C cloned grep -c 'ghp_secret\|ci-bot' HEAD -- . || true)" ""
check "the guide's repository is nowhere either" eq "$(git -C cloned grep -l 'oNddleo' HEAD -- . || true)" ""
check "validate agrees" contains "$("$GITOPSGEN" -C cloned validate 2>&1)" "0 error(s)"
git init -q -b main scp
git -C scp remote add origin git@git.example.test:team/platform.git
"$GITOPSGEN" init scp -q
check "an scp-style origin is kept as it is" grep -qx "repoURL: git@git.example.test:team/platform.git" scp/gitopsgen.yaml
git init -q -b main given
git -C given remote add origin https://git.example.test/ignored.git
"$GITOPSGEN" init given --repo-url https://git.example.test/chosen.git -q
check "--repo-url wins over origin" grep -qx "repoURL: https://git.example.test/chosen.git" given/gitopsgen.yaml
git init -q -b main localpath
git -C localpath remote add origin /srv/git/platform.git
refuses "an origin Argo CD cannot clone" localpath "the origin remote's URL cannot be Argo CD's" "$GITOPSGEN" init localpath

finish
