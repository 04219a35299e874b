#!/usr/bin/env python3
"""Input generators for tests/bench/run.sh (not part of the test suite).

  gen.py services-yaml N OUT
      the SERVICES.yaml for `gitopsgen apply -f`: N services svc-0001..svc-N, languages and
      secrets varied, a few replicas and env overrides.
  gen.py clone-services PROTO_REPO REPO N
      writes N services into the platform REPO by copying the value files and Applications of
      the prototype services proto-<language>[-sec] in PROTO_REPO (made by the real
      `gitopsgen add-service`) with the name replaced; the caller commits and validates.
  gen.py bump-tags REPO ENV
      gives every service's ENV value file its own image tag (3.<i/1000>.<i%1000>).
  gen.py proto-secrets LANG
      prints the --secret flags of LANG's prototype with secrets (the same secrets SERVICES.yaml
      gives its services of that language).
  gen.py history REPO N
      prints a `git fast-import` stream of N commits on top of main's HEAD, each setting the
      image tag of one (varying) value file, as a release history does.
"""
import os
import re
import subprocess
import sys

LANGS = ["go", "java", "nodejs", "python"]
SECRETS = {
    "go": [("postgres", ["host", "database", "username", "password"])],
    "java": [("database", ["url", "username", "password"]), ("kafka", ["bootstrap", "api_key"])],
    "nodejs": [("mongo", ["uri", "password"]), ("redis", ["url"])],
    "python": [("postgres", ["host", "database", "username", "password"])],
}


def svc_name(i):
    return "svc-%04d" % i


def proto_of(i):
    """The prototype (language, with secrets) of service number i (1-based)."""
    return LANGS[i % 4], i % 3 == 0


def proto_name(lang, sec):
    return "proto-%s%s" % (lang, "-sec" if sec else "")


def read_settings(repo):
    platform, envs, in_envs = None, [], False
    with open(os.path.join(repo, "gitopsgen.yaml")) as f:
        for line in f:
            m = re.match(r"^platform:\s*(\S+)", line)
            if m:
                platform = m.group(1)
            if line.startswith("environments:"):
                in_envs = True
                continue
            if in_envs:
                m = re.match(r"^\s+- name:\s*(\S+)", line)
                if m:
                    envs.append(m.group(1))
                elif not line.startswith(" "):
                    in_envs = False
    return platform, envs


def services_yaml(n, out):
    lines = ["# %d services for gitopsgen apply (tests/bench)" % n, "services:"]
    for i in range(1, n + 1):
        lang, sec = proto_of(i)
        lines.append("  - name: %s" % svc_name(i))
        lines.append("    language: %s" % lang)
        lines.append('    tag: "1.%d.%d"' % (i % 10, i % 7))
        if i % 5 == 0:
            lines.append("    replicas: {production: %d}" % (4 + i % 3))
        if i % 7 == 0:
            lines.append("    env: {LOG_LEVEL: debug, FEATURE_X: \"on\"}")
        if sec:
            lines.append("    secrets:")
            for name, keys in SECRETS[lang]:
                lines.append("      - name: %s" % name)
                lines.append("        keys: [%s]" % ", ".join(keys))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def clone_services(proto_repo, repo, n):
    platform, envs = read_settings(proto_repo)
    chart_ci = os.path.join("charts", platform, "ci")
    # A platform of the applicationset layout gets the value files only: its ApplicationSets
    # generate the Applications.
    with open(os.path.join(repo, "gitopsgen.yaml")) as f:
        app_files = "\nlayout: applicationset\n" not in f.read()
    protos = {}
    for lang in LANGS:
        for sec in (False, True):
            p = proto_name(lang, sec)
            files = []
            for env in envs:
                rels = [os.path.join(chart_ci, "%s-%s.yaml" % (p, env))]
                if app_files:
                    rels.append(os.path.join("applications", env, "%s-%s.yaml" % (platform, p)))
                for rel in rels:
                    with open(os.path.join(proto_repo, rel)) as f:
                        files.append((rel, f.read()))
            protos[(lang, sec)] = (p, files)
    for i in range(1, n + 1):
        p, files = protos[proto_of(i)]
        name = svc_name(i)
        for rel, text in files:
            with open(os.path.join(repo, rel.replace(p, name)), "w") as f:
                f.write(text.replace(p, name))


TAG = re.compile(r"^(  tag: ).*$", re.M)


def bump_tags(repo, env):
    platform, _ = read_settings(repo)
    ci = os.path.join(repo, "charts", platform, "ci")
    suffix = "-%s.yaml" % env
    names = sorted(f for f in os.listdir(ci) if f.endswith(suffix))
    for k, fname in enumerate(names, 1):
        path = os.path.join(ci, fname)
        with open(path) as f:
            text = f.read()
        text, count = TAG.subn(r"\g<1>3.%d.%d" % (k // 1000, k % 1000), text, count=1)
        assert count == 1, path
        with open(path, "w") as f:
            f.write(text)


def history(repo, n):
    platform, envs = read_settings(repo)
    ci = "charts/%s/ci" % platform
    names = sorted(f for f in os.listdir(os.path.join(repo, ci)) if f.endswith(".yaml"))
    head = subprocess.check_output(["git", "-C", repo, "rev-parse", "HEAD"], text=True).strip()
    contents = {}
    out = sys.stdout.buffer
    t = 1767225600  # 2026-01-01
    for k in range(n):
        fname = names[(k * 7919) % len(names)]  # a prime stride visits the files in turn
        rel = "%s/%s" % (ci, fname)
        if rel not in contents:
            with open(os.path.join(repo, rel)) as f:
                contents[rel] = f.read()
        text, count = TAG.subn(r"\g<1>2.%d.%d" % (k // 1000, k % 1000), contents[rel], count=1)
        assert count == 1, rel
        contents[rel] = text
        data = text.encode()
        msg = ("chore(release): set %s to 2.%d.%d\n" % (fname[:-5], k // 1000, k % 1000)).encode()
        out.write(b"commit refs/heads/main\n")
        out.write(b"committer Bench <bench@example.test> %d +0000\n" % (t + 60 * k))
        out.write(b"data %d\n%s" % (len(msg), msg))
        if k == 0:
            out.write(b"from %s\n" % head.encode())
        out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (rel.encode(), len(data), data))
    out.flush()


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "services-yaml" and len(argv) == 4:
        services_yaml(int(argv[2]), argv[3])
    elif cmd == "clone-services" and len(argv) == 5:
        clone_services(argv[2], argv[3], int(argv[4]))
    elif cmd == "bump-tags" and len(argv) == 4:
        bump_tags(argv[2], argv[3])
    elif cmd == "proto-secrets" and len(argv) == 3:
        print(" ".join("--secret %s:%s" % (n, ",".join(k)) for n, k in SECRETS[argv[2]]))
    elif cmd == "history" and len(argv) == 4:
        history(argv[2], int(argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
