#!/usr/bin/python3
"""Checks `helm template` output against the value file it was rendered from.

usage: check_rendered.py VALUES.yaml RENDERED.yaml [--monitoring-api]
Every expectation is derived from the value file, so the same check serves every service.
--monitoring-api: the render was given `--api-versions monitoring.coreos.com/v1`, so the
ServiceMonitor is expected (scraping the value file's path); without it, none may be rendered.
Prints one line per failed expectation and exits 1 when any failed.
"""
import sys

import yaml

values_path, rendered_path = sys.argv[1], sys.argv[2]
monitoring_api = "--monitoring-api" in sys.argv[3:]
values = yaml.safe_load(open(values_path))
docs = [d for d in yaml.safe_load_all(open(rendered_path)) if d]
svc = values["serviceName"]
failures = []


def expect(cond, what):
    if not cond:
        failures.append(f"{values_path}: {what}")


def one(kind):
    found = [d for d in docs if d["kind"] == kind]
    expect(len(found) == 1, f"expected one {kind}, found {len(found)}")
    return found[0] if found else {}


dep = one("Deployment")
pod = dep.get("spec", {}).get("template", {})
ann = pod.get("metadata", {}).get("annotations", {})
expect(ann.get("linkerd.io/inject") == "enabled", "pod lacks linkerd.io/inject: enabled")
expect(ann.get("config.linkerd.io/skip-outbound-ports") == "5432,3306,6379,27017,9092", "skip-outbound-ports")
expect(ann.get("reloader.stakater.com/auto") == "true", "pod lacks reloader.stakater.com/auto")
expect(dep["metadata"]["name"] == svc, f"Deployment name {dep['metadata']['name']} != {svc}")
containers = pod.get("spec", {}).get("containers", [])
expect(len(containers) == 1, "one container")
c = containers[0] if containers else {}
image = values["image"]
expect(c.get("image") == f"{image['repository']}:{image['tag']}", f"image {c.get('image')}")
ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
expect(ports.get("http") == values["service"]["targetPort"], f"container port {ports} != {values['service']['targetPort']}")
for probe in ("livenessProbe", "readinessProbe"):
    if probe in values:
        expect(c.get(probe, {}).get("httpGet", {}).get("path") == values[probe]["httpGet"]["path"], f"{probe} path")
        expect(c.get(probe, {}).get("initialDelaySeconds") == values[probe].get("initialDelaySeconds"), f"{probe} delay")
env = {e["name"]: e.get("value") for e in c.get("env", [])}
for e in values.get("env", []):
    expect(env.get(e["name"]) == e["value"], f"env {e['name']}")
expect(c.get("resources") == values.get("resources", c.get("resources")), "resources")
sc = c.get("securityContext", {})
expect(sc.get("readOnlyRootFilesystem") is True and sc.get("allowPrivilegeEscalation") is False, "container securityContext")
expect(sc.get("capabilities", {}).get("drop") == ["ALL"], "capabilities drop ALL")
psc = pod.get("spec", {}).get("securityContext", {})
expect(psc.get("runAsNonRoot") is True and psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", "pod securityContext")

sm = values.get("secretsManager", {})
if sm.get("enabled"):
    vols = {v["name"]: v for v in pod["spec"].get("volumes", [])}
    csi = vols.get("secrets-store", {}).get("csi", {})
    expect(csi.get("driver") == "secrets-store.csi.k8s.io", "CSI volume driver")
    expect(csi.get("volumeAttributes", {}).get("secretProviderClass") == f"{svc}-secrets", "CSI volume class")
    mounts = {m["name"]: m for m in c.get("volumeMounts", [])}
    expect(mounts.get("secrets-store", {}).get("mountPath") == sm.get("mountPath", "/mnt/secrets"), "secrets mounted at /mnt/secrets")
    expect(mounts.get("secrets-store", {}).get("readOnly") is True, "secrets mount read-only")
    spc = one("SecretProviderClass")
    expect(spc.get("apiVersion") == "secrets-store.csi.x-k8s.io/v1", "SPC apiVersion")
    expect(spc["spec"]["provider"] == "aws", "SPC provider aws")
    expect(spc["spec"]["parameters"]["region"] == sm["region"], "SPC region")
    expect(yaml.safe_load(spc["spec"]["parameters"]["objects"]) == sm["objects"], "SPC objects equal the value file's")
    if sm.get("syncToKubernetesSecret"):
        so = spc["spec"].get("secretObjects", [{}])[0]
        expect(so.get("secretName") == f"{svc}-secrets", "secretObjects name")
        expect(so.get("annotations", {}).get("reloader.stakater.com/match") == "true", "reloader match annotation")
        expect(so.get("data") == sm["secretData"], "secretObjects data equal secretData")
else:
    expect(not [d for d in docs if d["kind"] == "SecretProviderClass"], "no SecretProviderClass when disabled")

service = one("Service")
expect(service["spec"]["ports"][0]["port"] == values["service"]["port"], "Service port")
sa = one("ServiceAccount")
for k, v in values.get("serviceAccount", {}).get("annotations", {}).items():
    expect(sa.get("metadata", {}).get("annotations", {}).get(k) == v, f"ServiceAccount annotation {k}")
expect(pod["spec"].get("serviceAccountName") == sa["metadata"]["name"], "pod uses the ServiceAccount")

ing = values.get("ingress", {})
if ing.get("enabled"):
    route = one("IngressRoute")
    matches = [r["match"] for r in route["spec"]["routes"]]
    for h in ing["hosts"]:
        for p in h.get("paths", []):
            want = f"Host(`{h['host']}`) && PathPrefix(`{p['path']}`)"
            expect(want in matches, f"IngressRoute lacks {want}: {matches}")
    for r in route["spec"]["routes"]:
        expect(r["services"][0]["name"] == svc and r["services"][0]["port"] == values["service"]["port"], "route backend")

hpa = one("HorizontalPodAutoscaler")
expect(hpa["spec"]["minReplicas"] == values["replicaCount"], "HPA minReplicas follows replicaCount")
expect(hpa["spec"]["scaleTargetRef"]["name"] == svc, "HPA targets the Deployment")
monitor_values = {"enabled": True, "path": "/metrics", **values.get("serviceMonitor", {})}
if monitoring_api and monitor_values["enabled"]:
    monitor = one("ServiceMonitor")
    endpoint = (monitor.get("spec", {}).get("endpoints") or [{}])[0]
    expect(endpoint.get("path") == monitor_values["path"], f"ServiceMonitor path {endpoint.get('path')}")
    expect(endpoint.get("port") == "http", "ServiceMonitor scrapes the http port")
else:
    expect(not [d for d in docs if d["kind"] == "ServiceMonitor"],
           "a ServiceMonitor rendered without the monitoring.coreos.com/v1 API")
one("ConfigMap")

for f in failures:
    print("FAIL", f)
print(f"{values_path}: {len(docs)} objects, {len(failures)} failed expectations")
sys.exit(1 if failures else 0)
