#!/usr/bin/python3
"""Compares a generated production value file with the guide's value file for the same service.

usage: check_against_guide.py GENERATED.yaml GUIDE.yaml
The runtime facts the guide gives (image, replicas, ports, env, resources, probes, secret names and
keys, ingress) must be equal; aliases are compared where the guide uses the derived form.
"""
import sys

import yaml

gen = yaml.safe_load(open(sys.argv[1]))
guide = yaml.safe_load(open(sys.argv[2]))
failures = []


def same(path):
    a, b = gen, guide
    for key in path:
        a, b = (a or {}).get(key), (b or {}).get(key)
    if a != b:
        failures.append(f"{'.'.join(path)}: generated {a!r} != guide {b!r}")


for path in (["serviceName"], ["language"], ["runtime"], ["image"], ["replicaCount"], ["service"],
             ["env"], ["resources"], ["livenessProbe"], ["readinessProbe"], ["ingress", "hosts"],
             ["secretsManager", "enabled"], ["secretsManager", "region"]):
    same(path)
gen_objects = gen["secretsManager"]["objects"]
guide_objects = guide["secretsManager"]["objects"]
if [(o["objectName"], o["objectType"], [j["path"] for j in o["jmesPath"]]) for o in gen_objects] != \
   [(o["objectName"], o["objectType"], [j["path"] for j in o["jmesPath"]]) for o in guide_objects]:
    failures.append(f"secret objects differ: {gen_objects} != {guide_objects}")
# Where the guide's alias is the <secret>-<key> form gitopsgen derives, it must be equal; the guide
# also hand-picks some (mongodb's connectionString is mounted as mongodb-uri), which are skipped.
for g, r in zip(gen_objects, guide_objects):
    name = r["objectName"].rsplit("/", 1)[1]
    for gj, rj in zip(g["jmesPath"], r["jmesPath"]):
        if rj["objectAlias"] == f"{name}-{rj['path']}".lower() and rj["objectAlias"] != gj["objectAlias"]:
            failures.append(f"alias {gj['objectAlias']} != guide {rj['objectAlias']}")
for f in failures:
    print("FAIL", f)
print(f"{sys.argv[1]} vs the guide: {len(failures)} differences")
sys.exit(1 if failures else 0)
