#!/usr/bin/env bash
# Every upstream chart the platform pins is in gitopsgen's record (scaffolds/records/chart-pins.yaml,
# with where each fact was confirmed), every pin supports the platform's kubernetesVersion, and
# `validate` and `init` teach what a cluster otherwise would: a pin gitopsgen never confirmed, a
# chart that does not support the clusters' Kubernetes version.
. "$(dirname "$0")/lib.sh"
need_tools
G=$GITOPSGEN
record=$SOURCE_DIR/scaffolds/records/chart-pins.yaml
fails() { ! "$@" >/dev/null 2>&1; }

"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo

case_ "every chart pin of the generated platform is a recorded version, and the record is all used"
check "pins == record" /usr/bin/python3 - "$record" <<'PY'
import glob, sys, yaml
record = {(p["repoURL"].rstrip("/"), p["chart"], str(p["version"])) for p in yaml.safe_load(open(sys.argv[1]))["charts"]}
pins = set()
for f in glob.glob("applications/infrastructure/*.yaml"):
    d = yaml.safe_load(open(f))
    for s in d["spec"].get("sources") or [d["spec"].get("source")]:
        if s and s.get("chart"):
            pins.add((s["repoURL"].rstrip("/"), s["chart"], str(s["targetRevision"])))
sys.exit(0 if pins == record else f"only pinned: {sorted(pins - record)}; only recorded: {sorted(record - pins)}")
PY
check "every record entry says where it was confirmed" /usr/bin/python3 -c '
import sys, yaml
for p in yaml.safe_load(open(sys.argv[1]))["charts"]:
    assert len(p["confirmed"]) > 40, p["chart"]
    assert "kubernetes" not in p or len(p["kubernetesSource"]) > 20, p["chart"]' "$record"
check "the AppProject allows exactly this repository and the recorded chart repositories" /usr/bin/python3 - "$record" <<'PY'
import sys, yaml
record = {p["repoURL"] for p in yaml.safe_load(open(sys.argv[1]))["charts"]}
repos = yaml.safe_load(open("applications/infrastructure/00-project.yaml"))["spec"]["sourceRepos"]
want = {yaml.safe_load(open("gitopsgen.yaml"))["repoURL"]} | record
sys.exit(0 if set(repos) == want and len(repos) == len(want) else f"{repos} != {sorted(want)}")
PY
check "the default kubernetesVersion is within every recorded range" /usr/bin/python3 - "$record" <<'PY'
import sys, yaml
k = int(yaml.safe_load(open("gitopsgen.yaml"))["kubernetesVersion"].split(".")[1])
for p in yaml.safe_load(open(sys.argv[1]))["charts"]:
    r = p.get("kubernetes")
    if r:
        assert int(r["min"].split(".")[1]) <= k, (p["chart"], r)
        assert "max" not in r or k <= int(r["max"].split(".")[1]), (p["chart"], r)
PY
check "kubernetesVersion is a string in the settings" grep -qx 'kubernetesVersion: "1.34"' gitopsgen.yaml
out=$("$G" validate 2>&1)
check "validate: no chart finding on a fresh platform" not_contains "$out" "chart "
check "validate: 0 errors" contains "$out" "0 error(s)"

case_ "validate: a pin gitopsgen never confirmed is a warning at its line"
git commit -qam base --allow-empty
sed -i 's/targetRevision: 9.7.1/targetRevision: 9.6.1/' applications/infrastructure/argocd-self-managed.yaml
line=$(grep -n 'repoURL: https://argoproj.github.io/argo-helm' applications/infrastructure/argocd-self-managed.yaml | cut -d: -f1)
out=$("$G" validate 2>&1)
check "warning names file, line and the confirmed version" contains "$out" \
  "applications/infrastructure/argocd-self-managed.yaml:$line: warning: Application argocd-self-managed: chart argo-cd 9.6.1 from https://argoproj.github.io/argo-helm is not the version gitopsgen confirmed (9.7.1)"
check "still 0 errors (a newer real release is allowed)" contains "$out" "0 error(s)"
sed -i 's|chart: reloader|chart: reloader-fork|' applications/infrastructure/reloader.yaml
check "an unrecorded chart is a warning too" contains "$("$G" validate 2>&1)" \
  "chart reloader-fork 2.2.17 from https://stakater.github.io/stakater-charts is not a chart gitopsgen has a record of"
git checkout -q -- .

case_ "validate: a chart that does not support kubernetesVersion is an error"
sed -i 's/^kubernetesVersion: .*/kubernetesVersion: "1.28"/' gitopsgen.yaml
out=$("$G" validate 2>&1 || true)
line=$(grep -n 'repoURL: https://kubernetes-sigs.github.io' applications/infrastructure/secrets-store-csi-driver.yaml | cut -d: -f1)
check "the CSI driver needs 1.30" contains "$out" \
  "applications/infrastructure/secrets-store-csi-driver.yaml:$line: error: Application secrets-store-csi-driver: chart secrets-store-csi-driver 1.6.1 supports Kubernetes 1.30 or later, not the platform's kubernetesVersion 1.28"
check "Linkerd names its range" contains "$out" "chart linkerd-crds 2025.11.3 supports Kubernetes 1.29 to 1.34"
check "validate exits non-zero" fails "$G" validate -q
sed -i 's/^kubernetesVersion: .*/kubernetesVersion: "1.35"/' gitopsgen.yaml
check "above Linkerd's maximum" contains "$("$G" validate 2>&1 || true)" "not the platform's kubernetesVersion 1.35"
sed -i 's/^kubernetesVersion: .*/kubernetesVersion: 1.x/' gitopsgen.yaml
check "a malformed version is refused by name" contains "$("$G" validate 2>&1 || true)" \
  "gitopsgen.yaml: error: gitopsgen.yaml: Kubernetes version '1.x' is not a Kubernetes minor version such as 1.34"
sed -i '/^kubernetesVersion:/d; /clusters. Kubernetes minor version/d' gitopsgen.yaml
check "a settings file from before the setting reads as the default" contains "$("$G" validate 2>&1)" "0 error(s)"
git checkout -q -- .
cd ..

case_ "init refuses a Kubernetes version a pinned chart does not support, and writes nothing"
mkdir ws
refuses "1.28: below the CSI driver and Linkerd" ws "supports Kubernetes" "$G" init --repo-url "$GUIDE_REPO" ws/old --kubernetes-version 1.28
refuses "1.35: above Linkerd" ws "not the platform's kubernetesVersion 1.35 (choose another --kubernetes-version)" \
  "$G" init --repo-url "$GUIDE_REPO" ws/new --kubernetes-version 1.35
refuses "not a minor version" ws "Kubernetes version '1.30.2' is not a Kubernetes minor version" \
  "$G" init --repo-url "$GUIDE_REPO" ws/patch --kubernetes-version 1.30.2
check "nothing was created" eq "$(ls -A ws)" ""
refuses "1.31: below cert-manager 1.20" ws "chart cert-manager v1.20.3 supports Kubernetes 1.32 to 1.35" \
  "$G" init --repo-url "$GUIDE_REPO" ws/k131 --kubernetes-version 1.31
check "1.32, the lowest every pin supports, is accepted" "$G" init --repo-url "$GUIDE_REPO" k132 --kubernetes-version 1.32 -q
check "and recorded" grep -qx 'kubernetesVersion: "1.32"' k132/gitopsgen.yaml

finish
