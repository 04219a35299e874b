#!/usr/bin/env bash
# Local work is never overwritten: a change to a file that holds uncommitted changes (modified,
# staged, deleted, or untracked where gitopsgen would write) is refused, listing the files, unless
# --allow-dirty. And no write leaves the repository through a symbolic link.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
"$G" add-service orders --language java -q
"$G" add-service cart --language nodejs -q
ci=charts/vsf-miniapp/ci

case_ "a modified file is refused, listing it"
echo "# my local note" >>$ci/orders-dev.yaml
refuses "modified" . "refusing to overwrite uncommitted changes in $ci/orders-dev.yaml (commit or stash them, or pass --allow-dirty)" \
  "$G" set-image orders --env dev --tag 2.0.0
refuses "--no-commit too" . "uncommitted changes in $ci/orders-dev.yaml" "$G" set-image orders --env dev --tag 2.0.0 --no-commit
out=$("$G" set-image orders --env dev --tag 2.0.0 --dry-run)
check "a dry run still shows the diff" contains "$out" "+  tag: 2.0.0"

case_ "changes to other files are fine and the local work stays uncommitted"
out=$("$G" set-image cart --env dev --tag 2.0.0)
check "committed" contains "$out" "Commit"
check "the local note is still there" grep -qx "# my local note" $ci/orders-dev.yaml
check "and still uncommitted" eq "$(git status --porcelain)" " M $ci/orders-dev.yaml"
check "the commit holds only cart" eq "$(git show --name-only --format= HEAD)" "$ci/cart-dev.yaml"

case_ "--allow-dirty edits the file as it is now"
out=$("$G" set-image orders --env dev --tag 2.0.0 --allow-dirty)
check "committed" contains "$out" "Commit"
check "the local note is kept" grep -qx "# my local note" $ci/orders-dev.yaml
check "the tag is set" grep -q "tag: 2.0.0" $ci/orders-dev.yaml
check "clean afterwards (the note went into the commit)" eq "$(git status --porcelain)" ""

case_ "staged, deleted and untracked files are refused too; every one is listed"
echo "# staged" >>$ci/orders-staging.yaml
git add $ci/orders-staging.yaml
echo "# also modified" >>$ci/cart-staging.yaml
refuses "two dirty files in one promote" . "uncommitted changes in $ci/cart-staging.yaml, $ci/orders-staging.yaml" \
  "$G" promote --all --from dev --to staging
git reset -q --hard
rm $ci/cart-production.yaml
refuses "deleted" . "uncommitted changes in $ci/cart-production.yaml" "$G" add-service cart --language nodejs --force
git checkout -q -- .
echo "mine: true" >$ci/search-dev.yaml
refuses "untracked file where add-service writes" . "uncommitted changes in $ci/search-dev.yaml" \
  "$G" add-service search --language go --force
rm $ci/search-dev.yaml
check "clean" eq "$(git status --porcelain)" ""

case_ "line-ending filters: a file git sees as clean is not dirty"
git config core.autocrlf true
out=$("$G" set-image orders --env staging --tag 2.1.0)
check "committed with autocrlf on" contains "$out" "Commit"
git config --unset core.autocrlf

case_ "no write leaves the repository through a symbolic link"
outside=$WORK/outside
mkdir -p "$outside"
mv $ci "$WORK/ci-moved"
ln -s "$outside" $ci
git add -A >/dev/null 2>&1 || true
git commit -qm "ci is a link (hostile)" || true
refuses "a directory linking outside" . "is a symbolic link leading outside the repository" \
  "$G" add-service search --language go
check "nothing written outside" eq "$(ls -A "$outside")" ""
rm $ci && mv "$WORK/ci-moved" $ci && git add -A && git commit -qm "ci is a directory again"
ln -s /etc/hostname $ci/search-dev.yaml
git add $ci/search-dev.yaml && git commit -qm "a value file linking outside (hostile)"
refuses "a file linking outside is not even read" . \
  "refusing to read $ci/search-dev.yaml: it is a symbolic link leading outside the repository" \
  "$G" add-service search --language go --force
check "the link's target untouched" eq "$(readlink $ci/search-dev.yaml)" "/etc/hostname"
rm $ci/search-dev.yaml
ln -s cart-dev.yaml $ci/search-dev.yaml
git add $ci/search-dev.yaml && git commit -qm "a value file linking inside"
refuses "a file that is a link is not written through" . "refusing to write $ci/search-dev.yaml: it is a symbolic link" \
  "$G" add-service search --language go --force
check "the link is still a link" eq "$(readlink $ci/search-dev.yaml)" "cart-dev.yaml"

finish
