#!/usr/bin/env bash
# docs/ci/: the GitHub Actions workflow and the GitLab CI job pass yamllint (the repository's
# config), run on pull/merge requests, their shell is valid (bash -n, shellcheck), and every
# gitopsgen command line in them parses and does its job on a real demo platform.
. "$(dirname "$0")/lib.sh"
need_tools
GH=$SOURCE_DIR/docs/ci/github-actions.yml
GL=$SOURCE_DIR/docs/ci/gitlab-ci.yml
mkdir bin && ln -s "$GITOPSGEN" bin/gitopsgen
export PATH="$WORK/bin:$TOOLS_DIR:$PATH"

case_ "yamllint, with the repository's config, warnings included"
check "github" yamllint -s -c "$SOURCE_DIR/.yamllint.yaml" "$GH"
check "gitlab" yamllint -s -c "$SOURCE_DIR/.yamllint.yaml" "$GL"

case_ "each recipe installs every library package the build needs (.ci/setup's -dev packages)"
# The fuzzers' clang runtime is not a library of the build.
for pkg in $(grep -o 'lib[a-z0-9.+-]*-dev' "$SOURCE_DIR/.ci/setup" | grep -v '^libclang' | sort -u); do
  check "github installs $pkg" grep -qw -- "$pkg" "$GH"
  check "gitlab installs $pkg" grep -qw -- "$pkg" "$GL"
done

# scripts FILE DIR: writes each shell script of FILE (a step's run:, a job's before_script and
# script joined) to DIR/N.sh, and its gitopsgen command lines to DIR/commands.
scripts() {
  mkdir -p "$2"
  python3 - "$1" "$2" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
out, blocks = sys.argv[2], []
if "jobs" in doc:  # GitHub Actions
    assert "pull_request" in doc["on"], "the workflow does not run on pull requests"
    for job in doc["jobs"].values():
        blocks += [step["run"] for step in job["steps"] if "run" in step]
else:  # GitLab CI
    for name, job in doc.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        rules = [r.get("if", "") for r in job.get("rules", [])]
        assert any("merge_request_event" in r for r in rules), name + " skips merge requests"
        blocks.append("\n".join(job.get("before_script", []) + job["script"]))
commands = []
for i, block in enumerate(blocks):
    open("%s/%d.sh" % (out, i), "w").write("#!/usr/bin/env bash\nset -euo pipefail\n" + block + "\n")
    commands += [l.strip() for l in block.splitlines() if l.strip().startswith("gitopsgen ")]
open(out + "/commands", "w").write("\n".join(commands) + "\n")
PY
}

for recipe in "$GH" "$GL"; do
  name=$(basename "$recipe" .yml)
  case_ "$name: its shell, its gitopsgen command lines"
  check "runs on pull/merge requests; scripts extracted" scripts "$recipe" "$WORK/$name"
  for script in "$WORK/$name"/*.sh; do
    check "$(basename "$script") parses" bash -n "$script"
    check "$(basename "$script") passes shellcheck" shellcheck -s bash "$script"
  done
  check "validate --render is run" grep -qE '^gitopsgen validate .*--render' "$WORK/$name/commands"
  check "gitopsgen --version is run" grep -qx 'gitopsgen --version' "$WORK/$name/commands"
  while read -r line; do
    check "'$line --help' parses" bash -c "$line --help >/dev/null"
  done <"$WORK/$name/commands"
done

case_ "the validate lines, run for real on a demo platform (checked out as each CI would)"
mkdir gh && gitopsgen init --repo-url "$GUIDE_REPO" gh/platform -q
gitopsgen -C gh/platform add-service service-a --language java -q
gh_line=$(grep '^gitopsgen validate' "$WORK/github-actions/commands")
gl_line=$(grep '^gitopsgen validate' "$WORK/gitlab-ci/commands")
run_line() {  # DIR LINE: runs LINE in DIR as the CI would (CI_PROJECT_DIR for GitLab)
  rc=0
  (cd "$1" && CI_PROJECT_DIR="$WORK/gh/platform" bash -c "$2") >"$WORK/run.out" 2>&1 || rc=$?
}
run_line "$WORK/gh" "$gh_line"
check "github line passes a good platform" eq "$rc" 0
check "github line validated" grep -q '^0 error(s)' "$WORK/run.out"
run_line "$WORK" "$gl_line"
check "gitlab line passes a good platform" eq "$rc" 0
check "gitlab line validated" grep -q '^0 error(s)' "$WORK/run.out"
# A value only Helm rejects: the lines fail, so they really render.
python3 - gh/platform/charts/vsf-miniapp/ci/service-a-dev.yaml <<'PY'
import sys
text = open(sys.argv[1]).read()
open(sys.argv[1], "w").write(text[:text.index("\ningress:")] + "\ningress:\n  enabled: true\n  hosts: oops\n")
PY
run_line "$WORK/gh" "$gh_line"
check "github line fails a chart Helm cannot render" test "$rc" -ne 0
# Helm's schema check of the value (values.schema.json) refuses it before any template runs.
check "with Helm's reason" grep -qF "at '/ingress/hosts': got string, want null or array" "$WORK/run.out"
run_line "$WORK" "$gl_line"
check "gitlab line fails it too" test "$rc" -ne 0

finish
