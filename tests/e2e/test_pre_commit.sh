#!/usr/bin/env bash
# .pre-commit-hooks.yaml: the real pre-commit (Debian's) runs gitopsgen validate as a hook in a
# platform repository; a good platform passes, a broken one fails with validate's message.
. "$(dirname "$0")/lib.sh"
need_tools
command -v pre-commit >/dev/null || { echo "FAIL: pre-commit is not installed (.ci/setup)" >&2; exit 1; }

# gitopsgen (language: system) and helm for --render, from PATH, as a user would have them.
mkdir bin
ln -s "$GITOPSGEN" bin/gitopsgen
export PATH="$WORK/bin:$TOOLS_DIR:$PATH"
export PRE_COMMIT_HOME="$WORK/pre-commit-home"

# try-repo needs a git repository whose hook file is committed: a fresh copy, whatever state the
# checkout is in.
mkdir hooks && cp "$SOURCE_DIR/.pre-commit-hooks.yaml" hooks/
git -C hooks init -q && git -C hooks add .pre-commit-hooks.yaml && git -C hooks commit -qm hooks

gitopsgen init --repo-url "$GUIDE_REPO" demo -q
gitopsgen -C demo add-service service-a --language java -q
cd demo

# hook ID: runs the hook on every file of the platform; output in $WORK/hook.out, exit code in rc.
hook() {
  rc=0
  pre-commit try-repo "$WORK/hooks" "$1" --all-files >"$WORK/hook.out" 2>&1 || rc=$?
}

case_ "a good platform passes both hooks"
hook gitopsgen-validate
check "validate passes" eq "$rc" 0
check "the hook ran" grep -qE '^gitopsgen validate\.+Passed' "$WORK/hook.out"
hook gitopsgen-validate-render
check "render passes" eq "$rc" 0
check "the render hook ran" grep -qE '^gitopsgen validate --render\.+Passed' "$WORK/hook.out"

case_ "a missing value file fails the validate hook with validate's message"
mv charts/vsf-miniapp/ci/service-a-dev.yaml "$WORK/kept.yaml"
hook gitopsgen-validate
check "fails" test "$rc" -ne 0
check "hook failed" grep -qE '^gitopsgen validate\.+Failed' "$WORK/hook.out"
check "validate's message" grep -qF "applications/dev/vsf-miniapp-service-a.yaml:23: error: Application vsf-miniapp-service-a-dev: value file 'charts/vsf-miniapp/ci/service-a-dev.yaml' does not exist" "$WORK/hook.out"
mv "$WORK/kept.yaml" charts/vsf-miniapp/ci/service-a-dev.yaml

case_ "a value Helm cannot render fails the render hook, naming the value file"
python3 - charts/vsf-miniapp/ci/service-a-staging.yaml <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
at = text.index("\ningress:")
open(path, "w").write(text[:at] + "\ningress:\n  enabled: true\n  hosts: []\n")
PY
hook gitopsgen-validate
check "plain validate does not see it" eq "$rc" 0
hook gitopsgen-validate-render
check "fails" test "$rc" -ne 0
check "hook failed" grep -qE '^gitopsgen validate --render\.+Failed' "$WORK/hook.out"
check "names the value file" grep -qE "^charts/vsf-miniapp/ci/service-a-staging.yaml:[0-9]+: error: helm template vsf-miniapp-service-a-staging: " "$WORK/hook.out"
check "Helm's whole reason" grep -qF "ingress.hosts must list at least one host when ingress.enabled is true" "$WORK/hook.out"

case_ "the render hook is skipped when no platform file changed"
git stash -q
echo "notes" >NOTES.txt
git add NOTES.txt
rc=0; pre-commit try-repo "$WORK/hooks" gitopsgen-validate-render --files NOTES.txt >"$WORK/hook.out" 2>&1 || rc=$?
check "skipped" grep -qE '^gitopsgen validate --render\.+\(no files to check\)Skipped' "$WORK/hook.out"

finish
