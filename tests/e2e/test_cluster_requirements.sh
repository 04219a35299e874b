#!/usr/bin/env bash
# What the upstream charts and controllers require of the platform, beyond what the schemas
# accept (issue 11): each case names the controller behaviour it guards against. The upstream
# facts and where they were read are in scaffolds/platform/chart-versions.md.
. "$(dirname "$0")/lib.sh"
need_tools

"$GITOPSGEN" init demo -q --repo-url https://git.example.test/platform.git
cd demo
chart=charts/vsf-miniapp
"$GITOPSGEN" add-service svc-java --language java --secret database:url,password -q
"$GITOPSGEN" add-service svc-node --language nodejs -q
"$GITOPSGEN" add-service svc-python --language python --secret postgres:host,password -q
"$GITOPSGEN" add-service svc-go --language go -q

# yq-like reads with python3-yaml: value FILE EXPR evaluates EXPR on the first document `d`.
value() { /usr/bin/python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
kinds() { /usr/bin/python3 -c 'import sys, yaml; print(" ".join(sorted(d["kind"] for d in yaml.safe_load_all(open(sys.argv[1])) if d)))' "$1"; }

case_ "a ServiceMonitor renders only where the cluster serves monitoring.coreos.com/v1, for every language and tier"
# Without the Prometheus Operator's CRD a ServiceMonitor fails the whole sync, and automated sync
# does not retry a failed sync of the same commit.
for svc in svc-java svc-node svc-python svc-go; do
  for env in dev staging production; do
    values=$chart/ci/$svc-$env.yaml
    "$HELM" template "vsf-miniapp-$svc-$env" $chart -f "$values" --namespace "$env" >../without.yaml
    "$HELM" template "vsf-miniapp-$svc-$env" $chart -f "$values" --namespace "$env" \
      --api-versions monitoring.coreos.com/v1 >../with.yaml
    check "$svc/$env: no ServiceMonitor without the API" not_contains "$(kinds ../without.yaml)" ServiceMonitor
    check "$svc/$env: one ServiceMonitor with the API" eq \
      "$(kinds ../with.yaml | tr ' ' '\n' | grep -c '^ServiceMonitor$')" 1
    check "$svc/$env: objects without the API" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" \
      "$values" ../without.yaml
    check "$svc/$env: objects with the API" /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_rendered.py" \
      "$values" ../with.yaml --monitoring-api
    check "$svc/$env: schema-valid with the API" node "$VALIDATOR" ../with.yaml
  done
done
check "serviceMonitor.enabled=false renders none even with the API" not_contains \
  "$("$HELM" template x $chart -f $chart/ci/svc-go-dev.yaml --set serviceMonitor.enabled=false \
      --api-versions monitoring.coreos.com/v1 | grep '^kind:')" ServiceMonitor

case_ "every generated service reads the ConfigMap the chart renders for it, with or without secrets"
# Without envFrom the ConfigMap is read by no container, and its checksum still restarts the pods.
for svc in svc-java svc-node svc-python svc-go; do
  for env in dev production; do
    "$HELM" template "vsf-miniapp-$svc-$env" $chart -f "$chart/ci/$svc-$env.yaml" --namespace "$env" >../r.yaml
    check "$svc/$env: the container's envFrom names the rendered ConfigMap" /usr/bin/python3 -c '
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
cm = [d["metadata"]["name"] for d in docs if d["kind"] == "ConfigMap"]
dep = [d for d in docs if d["kind"] == "Deployment"][0]
refs = [e["configMapRef"]["name"] for e in dep["spec"]["template"]["spec"]["containers"][0].get("envFrom", []) if "configMapRef" in e]
sys.exit(0 if cm and refs == cm else f"ConfigMaps {cm}, envFrom configMapRefs {refs}")' ../r.yaml
  done
done
check "a service without secrets gets no secretRef" eq \
  "$(value $chart/ci/svc-node-production.yaml 'd["envFrom"]')" "[{'configMapRef': {'name': 'svc-node-config'}}]"
check "a service with secrets reads both" eq \
  "$(value $chart/ci/svc-java-production.yaml 'd["envFrom"]')" \
  "[{'configMapRef': {'name': 'svc-java-config'}}, {'secretRef': {'name': 'svc-java-secrets'}}]"

infra=applications/infrastructure
# app FILE: the Application's spec.source, or its first chart source, as YAML-read Python.
chart_source() { value "$1" '[s for s in (d["spec"].get("sources") or [d["spec"].get("source")]) if s.get("chart")][0]'; }
chart_values() { value "$1" '[s for s in (d["spec"].get("sources") or [d["spec"].get("source")]) if s.get("chart")][0]["helm"]["valuesObject"]'; }

case_ "the CSI driver's CSIDriver requests the service-account tokens the AWS provider authenticates with"
# Without tokenRequests the AWS provider (chart 3.x) fails every mount: "CSI token error".
check "tokenRequests: IRSA and Pod Identity audiences" eq \
  "$(value $infra/secrets-store-csi-driver.yaml 'd["spec"]["source"]["helm"]["valuesObject"]["tokenRequests"]')" \
  "[{'audience': 'sts.amazonaws.com'}, {'audience': 'pods.eks.amazonaws.com'}]"
check "the provider does not install a second driver" eq \
  "$(value $infra/secrets-store-csi-driver-provider-aws.yaml 'd["spec"]["source"]["helm"]["valuesObject"]["secrets-store-csi-driver"]["install"]')" False

case_ "every injected Linkerd proxy requests CPU, so an HPA on CPU utilisation can compute it"
check "proxy requests and memory limit" eq \
  "$(value $infra/linkerd-control-plane.yaml 'd["spec"]["sources"][0]["helm"]["valuesObject"]["proxy"]')" \
  "{'resources': {'cpu': {'request': '100m'}, 'memory': {'request': '20Mi', 'limit': '250Mi'}}}"
check "linkerd-crds installs the Gateway API CRDs Linkerd requires" eq \
  "$(chart_values $infra/linkerd-crds.yaml)" "{'installGatewayAPI': True}"
for app in linkerd-crds linkerd-control-plane linkerd-viz; do
  check "$app from the edge channel" eq "$(chart_source $infra/$app.yaml | grep -o "'repoURL': '[^']*'")" "'repoURL': 'https://helm.linkerd.io/edge'"
done
check "the AppProject allows the edge channel, not stable" eq \
  "$(value $infra/00-project.yaml '[r for r in d["spec"]["sourceRepos"] if "linkerd" in r]')" "['https://helm.linkerd.io/edge']"

case_ "Linkerd's identity issuer and trust roots are provisioned from git by cert-manager and trust-manager"
# With identity.externalCA and the kubernetes.io/tls issuer scheme, the control plane waits for
# the Secret linkerd-identity-issuer and the ConfigMap linkerd-identity-trust-roots: nothing else
# creates them, so without these Linkerd's identity never starts.
certs=infrastructure/linkerd/base/linkerd-certificates.yaml
check "the control plane deploys the file (its second source)" eq \
  "$(value $infra/linkerd-control-plane.yaml '[s.get("path") for s in d["spec"]["sources"]]')" "[None, 'infrastructure/linkerd/base']"
check "kustomize lists it" contains "$(cat infrastructure/linkerd/base/kustomization.yaml)" "- linkerd-certificates.yaml"
check "the objects of Linkerd's cert-manager guide, in the namespaces it names" eq "$(/usr/bin/python3 -c '
import sys, yaml
for d in yaml.safe_load_all(open(sys.argv[1])):
    print(d["kind"], d["metadata"].get("namespace", "-"), d["metadata"]["name"])' $certs)" \
"ClusterIssuer - linkerd-identity-issuer
Certificate linkerd linkerd-identity-issuer
Issuer cert-manager linkerd-trust-root-issuer
Certificate cert-manager linkerd-trust-anchor
Bundle - linkerd-identity-trust-roots"
check "the issuer certificate: a CA from the anchor's ClusterIssuer, into the Secret Linkerd reads, new key every renewal" \
  /usr/bin/python3 - $certs <<'PY'
import sys, yaml
docs = {(d["kind"], d["metadata"]["name"]): d for d in yaml.safe_load_all(open(sys.argv[1]))}
c = docs[("Certificate", "linkerd-identity-issuer")]["spec"]
assert c["secretName"] == "linkerd-identity-issuer" and c["isCA"] is True, c
assert c["issuerRef"] == {"name": "linkerd-identity-issuer", "kind": "ClusterIssuer"}, c
assert c["privateKey"] == {"rotationPolicy": "Always", "algorithm": "ECDSA"}, c
assert c["duration"] == "48h0m0s" and c["renewBefore"] == "25h0m0s", c
assert docs[("ClusterIssuer", "linkerd-identity-issuer")]["spec"] == {"ca": {"secretName": "linkerd-trust-anchor"}}
anchor = docs[("Certificate", "linkerd-trust-anchor")]["spec"]
assert anchor["isCA"] is True and anchor["secretName"] == "linkerd-trust-anchor", anchor
assert anchor["issuerRef"] == {"name": "linkerd-trust-root-issuer", "kind": "Issuer"}, anchor
b = docs[("Bundle", "linkerd-identity-trust-roots")]["spec"]
assert b["sources"] == [{"secret": {"name": "linkerd-trust-anchor", "key": "tls.crt"}}], b
assert b["target"] == {"configMap": {"key": "ca-bundle.crt"},
                       "namespaceSelector": {"matchLabels": {"linkerd.io/is-control-plane": "true"}}}, b
PY
check "the Bundle's selector matches the linkerd namespace's labels" eq \
  "$(value $infra/linkerd-control-plane.yaml 'd["spec"]["syncPolicy"]["managedNamespaceMetadata"]["labels"]["linkerd.io/is-control-plane"]')" "true"
check "the Linkerd objects are schema-valid" node "$VALIDATOR" $certs
check "cert-manager installs its CRDs" eq "$(chart_values $infra/cert-manager.yaml)" "{'crds': {'enabled': True}}"
check "trust-manager reads sources in cert-manager's namespace" eq \
  "$(chart_values $infra/trust-manager.yaml)" "{'app': {'trust': {'namespace': 'cert-manager'}}}"
for app in cert-manager trust-manager; do
  check "$app in the cert-manager namespace" eq "$(value $infra/$app.yaml 'd["spec"]["destination"]["namespace"]')" cert-manager
done
check "the project may deploy there, from Jetstack's repository, the cluster-scoped kinds" /usr/bin/python3 - $infra/00-project.yaml <<'PY'
import sys, yaml
s = yaml.safe_load(open(sys.argv[1]))["spec"]
assert "https://charts.jetstack.io" in s["sourceRepos"], s["sourceRepos"]
assert "cert-manager" in [d["namespace"] for d in s["destinations"]], s["destinations"]
kinds = {(k["group"], k["kind"]) for k in s["clusterResourceWhitelist"]}
assert {("cert-manager.io", "ClusterIssuer"), ("trust.cert-manager.io", "Bundle")} <= kinds, kinds
PY
check "no private key in the platform" eq "$(git grep -c 'PRIVATE KEY' HEAD -- infrastructure applications || true)" ""
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ../anchor.key -out ../anchor.crt \
  -subj "/CN=root.linkerd.cluster.local" -days 365 2>/dev/null
"$GITOPSGEN" init ../external -q --repo-url https://git.example.test/platform.git --linkerd-trust-anchor ../anchor.crt
check "an external trust anchor: its ConfigMap replaces cert-manager's anchor and the Bundle" eq "$(/usr/bin/python3 -c '
import sys, yaml
for d in yaml.safe_load_all(open(sys.argv[1])):
    print(d["kind"], d["metadata"]["name"])' ../external/$certs)" \
"ClusterIssuer linkerd-identity-issuer
Certificate linkerd-identity-issuer
ConfigMap linkerd-identity-trust-roots"
check "... and its key is nowhere in git" eq "$(git -C ../external grep -c 'PRIVATE KEY' HEAD || true)" ""

case_ "Argo CD assesses Applications' health, so sync waves wait for each wave to be healthy"
check "argocd-self-managed reads bootstrap/argocd-values.yaml from this repository" eq \
  "$(value $infra/argocd-self-managed.yaml '[(s.get("ref"), s["helm"]["valueFiles"] if "helm" in s else None) for s in d["spec"]["sources"]]')" \
  "[(None, ['\$values/bootstrap/argocd-values.yaml']), ('values', None)]"
check "the values give argocd-cm the Application health check of Argo CD's docs" /usr/bin/python3 -c '
import sys, yaml
lua = yaml.safe_load(open("bootstrap/argocd-values.yaml"))["configs"]["cm"]["resource.customizations.health.argoproj.io_Application"]
want = ["hs = {}", "hs.status = \"Progressing\"", "hs.status = obj.status.health.status", "return hs"]
sys.exit(0 if all(w in lua for w in want) else lua)'
check "the bootstrap command installs with the same values and version" contains \
  "$(cat $infra/argocd-self-managed.yaml)" "--version $(chart_source $infra/argocd-self-managed.yaml | grep -o "'targetRevision': '[^']*'" | cut -d"'" -f4)"
check "... and -f bootstrap/argocd-values.yaml" contains "$(cat $infra/argocd-self-managed.yaml)" "-f bootstrap/argocd-values.yaml"
check "validate follows \$values to the file" contains "$("$GITOPSGEN" validate 2>&1)" "0 error(s)"
mv bootstrap/argocd-values.yaml ../
check "validate reports a missing \$values file" contains "$("$GITOPSGEN" validate 2>&1 || true)" \
  "argocd-self-managed.yaml:$(grep -n '[$]values/bootstrap/argocd-values.yaml$' $infra/argocd-self-managed.yaml | cut -d: -f1): error: Application argocd-self-managed: value file 'bootstrap/argocd-values.yaml' does not exist"
mv ../argocd-values.yaml bootstrap/

case_ "sync waves: CRDs before what uses them, the driver before its provider, infrastructure before services"
waves=$(/usr/bin/python3 - <<'PY'
import glob, yaml
for f in sorted(glob.glob("applications/infrastructure/*.yaml") + glob.glob("applications/app-of-apps-*.yaml")):
    d = yaml.safe_load(open(f))
    print(f.rsplit("/", 1)[1][:-5], int(d["metadata"].get("annotations", {}).get("argocd.argoproj.io/sync-wave", "0")))
PY
)
wave() { echo "$waves" | awk -v n="$1" '$1 == n { print $2 }'; }
before() { [ "$(wave "$1")" -lt "$(wave "$2")" ] || { echo "  $1 (wave $(wave "$1")) is not before $2 (wave $(wave "$2"))" >&2; return 1; }; }
for crds in linkerd-crds secrets-store-csi-driver traefik prometheus-operator-crds cert-manager trust-manager; do
  check "$crds before the Linkerd control plane" before "$crds" linkerd-control-plane
  for env in dev staging production; do check "$crds before app-of-apps-$env" before "$crds" "app-of-apps-$env"; done
done
check "the AppProject first" before 00-project linkerd-crds
check "the driver before its AWS provider" before secrets-store-csi-driver secrets-store-csi-driver-provider-aws
check "the control plane before viz" before linkerd-control-plane linkerd-viz
for app in linkerd-viz reloader secrets-store-csi-driver-provider-aws argocd-self-managed; do
  check "$app before the services" before "$app" app-of-apps-production
done
check "a service retries for longer than a cold start" eq \
  "$(value applications/dev/vsf-miniapp-svc-go.yaml 'd["spec"]["syncPolicy"]["retry"]')" \
  "{'limit': 10, 'backoff': {'duration': '5s', 'factor': 2, 'maxDuration': '5m'}}"

case_ "the monitoring CRDs are an infrastructure Application, so ServiceMonitors have their API"
check "prometheus-operator-crds chart" eq "$(chart_source $infra/prometheus-operator-crds.yaml | grep -o "'chart': '[^']*'")" "'chart': 'prometheus-operator-crds'"
check "its repository is an allowed source" contains "$(value $infra/00-project.yaml 'd["spec"]["sourceRepos"]')" \
  "https://prometheus-community.github.io/helm-charts"
check "deleting it never deletes the CRDs (no resources finalizer)" eq \
  "$(value $infra/prometheus-operator-crds.yaml 'd["metadata"].get("finalizers")')" None

case_ "Traefik is meshed in ingress mode, redirects HTTP, and no client steers it inside the mesh"
check "linkerd.io/inject: ingress on Traefik's pods" eq \
  "$(value $infra/traefik.yaml 'd["spec"]["source"]["helm"]["valuesObject"]["deployment"]["podAnnotations"]')" "{'linkerd.io/inject': 'ingress'}"
check "web redirects to websecure over https" eq \
  "$(value $infra/traefik.yaml 'd["spec"]["source"]["helm"]["valuesObject"]["ports"]["web"]["http"]["redirections"]')" \
  "{'entryPoint': {'to': 'websecure', 'scheme': 'https'}}"
"$HELM" template x $chart -f $chart/ci/svc-java-production.yaml --namespace production >../java.yaml
check "every route passes the service's Middleware, which removes l5d-dst-override" /usr/bin/python3 -c '
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
mw = [d for d in docs if d["kind"] == "Middleware"]
route = [d for d in docs if d["kind"] == "IngressRoute"][0]
assert len(mw) == 1 and mw[0]["spec"] == {"headers": {"customRequestHeaders": {"l5d-dst-override": ""}}}, mw
assert mw[0]["metadata"]["namespace"] == route["metadata"]["namespace"]
assert all(r["middlewares"] == [{"name": mw[0]["metadata"]["name"]}] for r in route["spec"]["routes"]), route' ../java.yaml
check "Middleware and IngressRoute schema-valid" node "$VALIDATOR" ../java.yaml
check "no Middleware without ingress" not_contains \
  "$("$HELM" template x $chart -f $chart/ci/svc-go-dev.yaml --set ingress.enabled=false | grep '^kind:')" Middleware

case_ "public HTTPS serves a real certificate: cert-manager's from the platform's issuer, or Traefik's resolver"
# websecure has TLS on; without a certificate source Traefik answers with its self-signed default.
check "the platform's setting" eq "$(value gitopsgen.yaml 'd["tls"]')" "{'issuer': 'letsencrypt'}"
check "every value file names that ClusterIssuer" eq \
  "$(for f in $chart/ci/svc-*.yaml; do value $f 'd["ingress"]["certificate"]'; done | sort -u)" \
  "{'issuerRef': {'name': 'letsencrypt', 'kind': 'ClusterIssuer'}}"
check "the Certificate covers the hosts, and the IngressRoute serves its Secret" /usr/bin/python3 - ../java.yaml \
  "$(value $chart/ci/svc-java-production.yaml 'd["ingress"]["hosts"][0]["host"]')" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
cert = [d for d in docs if d["kind"] == "Certificate"]
route = [d for d in docs if d["kind"] == "IngressRoute"][0]
assert len(cert) == 1, cert
spec = cert[0]["spec"]
assert spec["dnsNames"] == [sys.argv[2]], spec
assert spec["issuerRef"] == {"name": "letsencrypt", "kind": "ClusterIssuer", "group": "cert-manager.io"}, spec
assert route["spec"]["tls"] == {"secretName": spec["secretName"]}, route["spec"].get("tls")
assert cert[0]["metadata"]["namespace"] == route["metadata"]["namespace"] == "production"
PY
check "the Certificate is schema-valid" node "$VALIDATOR" ../java.yaml
check "no Certificate without ingress" not_contains \
  "$("$HELM" template x $chart -f $chart/ci/svc-go-dev.yaml --set ingress.enabled=false | grep '^kind:')" Certificate
check "an explicit ingress.tls wins over the Certificate's Secret" eq \
  "$("$HELM" template x $chart -f $chart/ci/svc-go-dev.yaml --set ingress.tls.secretName=own \
     --show-only templates/ingressroute.yaml | grep -A1 '^  tls:' | tail -1 | tr -d ' ')" "secretName:own"
issuer=infrastructure/cert-manager/cluster-issuer.yaml
check "the ClusterIssuer: Let's Encrypt over HTTP-01 through Traefik's IngressClass" eq \
  "$(value $issuer '[d["metadata"]["name"], d["spec"]["acme"]["server"], d["spec"]["acme"]["solvers"]]')" \
  "['letsencrypt', 'https://acme-v02.api.letsencrypt.org/directory', [{'http01': {'ingress': {'ingressClassName': 'traefik'}}}]]"
check "Traefik's IngressClass is that one and serves Ingresses" eq \
  "$(value $infra/traefik.yaml '[d["metadata"]["name"], d["spec"]["source"]["helm"]["valuesObject"]["providers"]["kubernetesIngress"]]')" \
  "['traefik', {'enabled': True}]"
check "the ClusterIssuer is schema-valid" node "$VALIDATOR" $issuer
check "the cert-manager Application deploys it" eq \
  "$(value $infra/cert-manager.yaml '[s.get("path") for s in d["spec"]["sources"]]')" "[None, 'infrastructure/cert-manager']"
"$GITOPSGEN" init ../resolver -q --repo-url https://git.example.test/platform.git --tls-cert-resolver le
"$GITOPSGEN" -C ../resolver add-service svc -l go -q
check "with a Traefik resolver: the IngressRoute asks it, no Certificate, no ClusterIssuer" /usr/bin/python3 - \
  <("$HELM" template x ../resolver/$chart -f ../resolver/$chart/ci/svc-production.yaml --namespace production) <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
assert not [d for d in docs if d["kind"] == "Certificate"]
route = [d for d in docs if d["kind"] == "IngressRoute"][0]
assert route["spec"]["tls"] == {"certResolver": "le"}, route["spec"].get("tls")
PY
check "... nor a second source for cert-manager" test ! -e ../resolver/$issuer
check "... and the setting says so" eq "$(value ../resolver/gitopsgen.yaml 'd["tls"]')" "{'certResolver': 'le'}"

case_ "each language's ServiceMonitor scrapes where its runtime serves metrics"
# Spring Boot Actuator serves Prometheus metrics at /actuator/prometheus, not /metrics.
for pair in svc-java:/actuator/prometheus svc-node:/metrics svc-python:/metrics svc-go:/metrics; do
  svc=${pair%%:*} want=${pair#*:}
  check "$svc: value file path" eq "$(value $chart/ci/$svc-production.yaml 'd["serviceMonitor"]["path"]')" "$want"
  check "$svc: rendered ServiceMonitor path" eq "$("$HELM" template x $chart -f $chart/ci/$svc-production.yaml \
    --api-versions monitoring.coreos.com/v1 --show-only templates/servicemonitor.yaml | grep 'path:' | tr -d ' ')" "path:$want"
done
check "ServiceMonitor labels are settable (kube-prometheus-stack selects on release)" contains \
  "$("$HELM" template x $chart -f $chart/ci/svc-go-dev.yaml --set serviceMonitor.labels.release=kps \
     --api-versions monitoring.coreos.com/v1 --show-only templates/servicemonitor.yaml)" 'release: "kps"'

case_ "availability: a startup probe for the JVM, a PodDisruptionBudget, spread across zones and nodes, a preStop drain"
# avail RENDERED ENV SERVICE VALUES: the availability settings of one rendered service.
avail() { /usr/bin/python3 - "$@" <<'PY'
import sys, yaml
path, env, svc = sys.argv[1], sys.argv[2], sys.argv[3]
docs = [d for d in yaml.safe_load_all(open(path)) if d]
dep = [d for d in docs if d["kind"] == "Deployment"][0]
pod = dep["spec"]["template"]["spec"]
c = pod["containers"][0]
sel = dep["spec"]["selector"]["matchLabels"]
pdbs = [d for d in docs if d["kind"] == "PodDisruptionBudget"]
values = yaml.safe_load(open(sys.argv[4]))
floor = values["replicaCount"]
errors = []
if floor > 1:
    if len(pdbs) != 1 or pdbs[0]["spec"] != {"maxUnavailable": 1, "selector": {"matchLabels": sel}}:
        errors.append(f"{floor} replicas want one PDB of maxUnavailable 1 on the Deployment's selector: {pdbs}")
elif pdbs:
    errors.append(f"one replica must not get a PDB (it would block drains): {pdbs}")
spread = pod.get("topologySpreadConstraints", [])
if sorted(t["topologyKey"] for t in spread) != ["kubernetes.io/hostname", "topology.kubernetes.io/zone"] or \
   any(t["whenUnsatisfiable"] != "ScheduleAnyway" or t["labelSelector"] != {"matchLabels": sel} for t in spread):
    errors.append(f"topology spread: {spread}")
if c.get("lifecycle") != {"preStop": {"sleep": {"seconds": 5}}} or pod.get("terminationGracePeriodSeconds") != 30:
    errors.append(f"preStop drain: {c.get('lifecycle')}, grace {pod.get('terminationGracePeriodSeconds')}")
java = svc == "svc-java"
startup = c.get("startupProbe")
if java != bool(startup) or (java and startup["httpGet"]["path"] != "/actuator/health/liveness"):
    errors.append(f"startupProbe: {startup}")
sys.exit("; ".join(errors) if errors else 0)
PY
}
for svc in svc-java svc-node svc-python svc-go; do
  for env in dev staging production; do
    "$HELM" template "vsf-miniapp-$svc-$env" $chart -f "$chart/ci/$svc-$env.yaml" --namespace "$env" >../a.yaml
    check "$svc/$env" avail ../a.yaml "$env" "$svc" "$chart/ci/$svc-$env.yaml"
  done
done
"$HELM" template x $chart -f $chart/ci/svc-go-production.yaml --set preStopSleepSeconds=0 \
  --set-json 'topologySpreadConstraints=[{"topologyKey":"kubernetes.io/hostname","maxSkew":2,"whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"service":"svc-go"}}}]' \
  --set podDisruptionBudget.enabled=false >../b.yaml
check "preStopSleepSeconds=0 drops the drain" not_contains "$(cat ../b.yaml)" "preStop"
check "topologySpreadConstraints replaces the defaults" eq "$(grep -c 'topologyKey' ../b.yaml)" 1
check "podDisruptionBudget.enabled=false drops the PDB" not_contains "$(cat ../b.yaml)" "PodDisruptionBudget"
check "overrides stay schema-valid" node "$VALIDATOR" ../b.yaml

case_ "each service and environment assumes an IAM role of its own"
# One role for all would let dev pods read production's secrets.
for env in dev staging production; do
  check "svc-java/$env's ServiceAccount" eq \
    "$("$HELM" template x $chart -f $chart/ci/svc-java-$env.yaml --show-only templates/serviceaccount.yaml | grep 'role-arn' | tr -d ' "')" \
    "eks.amazonaws.com/role-arn:arn:aws:iam::ACCOUNT_ID:role/vsf-miniapp-svc-java-$env"
done
out=$("$GITOPSGEN" add-service svc-ruby --language python --secret cache:token 2>&1)
for env in dev staging production; do
  check "the $env role may read only $env's secrets" contains "$out" \
    "--role-name vsf-miniapp-svc-ruby-$env --policy-name vsf-miniapp-svc-ruby-$env-secrets --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\",\"secretsmanager:DescribeSecret\"],\"Resource\":[\"arn:aws:secretsmanager:us-east-1:ACCOUNT_ID:secret:$env/vsf-miniapp/svc-ruby/cache-*\"]}]}'"
done
check "validate has no shared-role warning" not_contains "$("$GITOPSGEN" validate 2>&1)" "share an IAM role"
sed -i 's|irsaRoleArn: .*|irsaRoleArn: arn:aws:iam::123456789012:role/vsf-miniapp-secrets-reader|' gitopsgen.yaml
check "a single role for everything is warned about" contains "$("$GITOPSGEN" validate 2>&1)" \
  "gitopsgen.yaml: warning: irsaRoleArn names no {service} or no {env}: services or environments share an IAM role, so dev pods can read production's secrets"
git checkout -q -- gitopsgen.yaml
sed -i 's|irsaRoleArn: .*|irsaRoleArn: "arn:aws:iam::123456789012:role/{platform}-{service}-{env}-reads-its-secrets-from-aws-secrets-manager"|' gitopsgen.yaml
git commit -qam "long role names"
refuses "a role name IAM would refuse" . "IAM role name 'vsf-miniapp-svc-long-dev-reads-its-secrets-from-aws-secrets-manager' (irsaRoleArn for svc-long in dev) is longer than IAM's 64 characters" \
  "$GITOPSGEN" add-service svc-long --language go --secret s:k
git reset -q --hard HEAD~1
cd ..
cd demo
base=$(git rev-parse HEAD)
cp gitopsgen.yaml ../settings.before
out=$("$GITOPSGEN" add-service pay --language go --secret db:url --iam-role-arn 'arn:aws:iam::123456789012:role/payments-{env}' 2>&1)
check "a service's own role pattern is recorded: two lines added to gitopsgen.yaml, every other byte kept" eq \
  "$(diff ../settings.before gitopsgen.yaml | grep '^[<>]')" \
  ">   serviceRoles:
>     pay: \"arn:aws:iam::123456789012:role/payments-{env}\""
check "... in the same commit as the service" contains "$(git show --name-only --format= HEAD)" gitopsgen.yaml
for env in dev staging production; do
  check "pay/$env's ServiceAccount assumes its own role" eq \
    "$("$HELM" template x $chart -f $chart/ci/pay-$env.yaml --show-only templates/serviceaccount.yaml | grep 'role-arn' | tr -d ' "')" \
    "eks.amazonaws.com/role-arn:arn:aws:iam::123456789012:role/payments-$env"
  check "... and the policy command names it" contains "$out" "--role-name payments-$env --policy-name payments-$env-secrets"
done
"$GITOPSGEN" add-service pay --language go --secret db:url --force -q
check "--force without the flag keeps the recorded role" eq \
  "$(grep -h 'role-arn' $chart/ci/pay-dev.yaml | tr -d ' ')" "eks.amazonaws.com/role-arn:arn:aws:iam::123456789012:role/payments-dev"
"$GITOPSGEN" migrate add-env qa --from dev -q
check "a new environment's copy assumes that environment's role" eq \
  "$(grep -h 'role-arn' $chart/ci/pay-qa.yaml | tr -d ' ')" "eks.amazonaws.com/role-arn:arn:aws:iam::123456789012:role/payments-qa"
sed -i 's|payments-{env}|payments|' gitopsgen.yaml
check "a service role without {env} is warned about" contains "$("$GITOPSGEN" validate 2>&1)" \
  "gitopsgen.yaml: warning: aws.serviceRoles.pay names no {env}: its environments share an IAM role"
git checkout -q -- gitopsgen.yaml
refuses "a service role that is no role ARN" . "IAM role of bad 'arn:aws:iam::1:user/x' is not an IAM role ARN" \
  "$GITOPSGEN" add-service bad --language go --iam-role-arn arn:aws:iam::1:user/x
git reset -q --hard "$base"
cd ..
mkdir roles
refuses "an unknown placeholder" roles "whose name may use {platform}, {service} and {env}" \
  "$GITOPSGEN" init roles/x --repo-url https://git.example.test/r.git --irsa-role-arn 'arn:aws:iam::123456789012:role/{team}-x'
cd demo

case_ "least privilege: an AppProject per environment, one for infrastructure, the default project locked"
check "each environment's project: this repository, its own namespace, no cluster kind but Namespace" /usr/bin/python3 - <<'PY'
import yaml
for env in ["dev", "staging", "production"]:
    p = yaml.safe_load(open(f"applications/infrastructure/00-project-{env}.yaml"))
    assert p["metadata"]["name"] == f"vsf-miniapp-{env}", p["metadata"]
    assert p["spec"]["sourceRepos"] == ["https://git.example.test/platform.git"], p["spec"]
    assert p["spec"]["destinations"] == [{"server": "https://kubernetes.default.svc", "namespace": env}], p["spec"]
    assert p["spec"]["clusterResourceWhitelist"] == [{"group": "", "kind": "Namespace"}], p["spec"]
infra = yaml.safe_load(open("applications/infrastructure/00-project.yaml"))
assert not {"dev", "staging", "production"} & {d["namespace"] for d in infra["spec"]["destinations"]}, infra
default = yaml.safe_load(open("applications/infrastructure/00-default-project.yaml"))
assert default["metadata"]["name"] == "default"
assert default["spec"]["sourceRepos"] == [] and default["spec"]["destinations"] == [], default
root = yaml.safe_load(open("bootstrap/root-app.yaml"))
rp = yaml.safe_load(open("bootstrap/root-project.yaml"))
assert root["spec"]["project"] == rp["metadata"]["name"] == "vsf-miniapp-root"
assert rp["spec"]["destinations"] == [{"server": "https://kubernetes.default.svc", "namespace": "argocd"}]
assert rp["spec"]["namespaceResourceWhitelist"] == [{"group": "argoproj.io", "kind": "Application"},
                                                   {"group": "argoproj.io", "kind": "AppProject"}], rp
assert "clusterResourceWhitelist" not in rp["spec"]
PY
for env in dev staging production; do
  check "svc-go/$env is in $env's project" eq "$(value applications/$env/vsf-miniapp-svc-go.yaml 'd["spec"]["project"]')" "vsf-miniapp-$env"
done
check "the projects are schema-valid AppProjects" node "$VALIDATOR" applications/infrastructure/00-*.yaml bootstrap/root-project.yaml
sed -i 's/^  project: vsf-miniapp-dev$/  project: vsf-miniapp-production/' applications/dev/vsf-miniapp-svc-go.yaml
check "validate: a service Application outside its environment's project" contains "$("$GITOPSGEN" validate 2>&1 || true)" \
  "applications/dev/vsf-miniapp-svc-go.yaml:3: error: Application vsf-miniapp-svc-go-dev of environment dev is in AppProject 'vsf-miniapp-production', not vsf-miniapp-dev, the only one that keeps it to namespace dev"
sed -i 's/^  project: vsf-miniapp-production$/  project: default/' applications/dev/vsf-miniapp-svc-go.yaml
check "validate: the locked default project" contains "$("$GITOPSGEN" validate 2>&1 || true)" \
  "Application vsf-miniapp-svc-go-dev: AppProject 'default' is locked down (applications/infrastructure/00-default-project.yaml): it deploys nothing"
sed -i 's/^  project: default$/  project: nowhere/' applications/dev/vsf-miniapp-svc-go.yaml
check "validate: a project defined nowhere" contains "$("$GITOPSGEN" validate 2>&1 || true)" \
  "Application vsf-miniapp-svc-go-dev: AppProject 'nowhere' is defined nowhere in this repository"
git checkout -q -- applications/dev/vsf-miniapp-svc-go.yaml

finish
