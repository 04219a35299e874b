#!/usr/bin/env python3
"""Checks the layering docs/ARCHITECTURE.md describes, on the source tree at ROOT.

Usage: check_layers.py ROOT       check the tree; one line per violation, exit 1 if any
       check_layers.py --self-test  plant each kind of violation in a copy and expect it caught

Rules:
  - generators/ holds only the shared files at its top; every other source sits in a part's folder;
  - a part includes only its own folder, the top, and the parts below it (LOWER[part]);
  - nothing in generators/ includes CLI11, spdlog, iostream or cli/, prints to the terminal or exits;
  - no source file under generators/ or cli/ is longer than MAX_LINES lines;
  - tests/unit/ mirrors generators/: tests/unit/<part>/<name>[_<aspect>]_test.cpp tests
    generators/<part>/<name>.*
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The files every part may use, at the top of generators/.
TOP = {"error.hpp", "changeset.hpp", "changeset.cpp", "workspace.hpp", "workspace.cpp",
       "parallel_map.hpp", "parallel_map.cpp", "spill_file.hpp", "spill_file.cpp"}
# Each part and the parts it may include, besides itself and the top. yaml/ and git/ are
# siblings at the bottom, as release/ and migrate/ are at the top: neither of a pair knows the other.
LOWER = {
    "yaml": set(),
    "git": set(),
    "change": {"yaml", "git"},
    "platform": {"yaml", "git", "change"},
    "services": {"yaml", "git", "change", "platform"},
    "release": {"yaml", "git", "change", "platform", "services"},
    "migrate": {"yaml", "git", "change", "platform", "services"},
}
# Files beside the sources that are not C++ (build helpers that belong to one part).
NON_SOURCE = {"platform/embed_scaffolds.cmake"}
MAX_LINES = 450
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
FORBIDDEN_INCLUDES = re.compile(r"^(CLI/|spdlog/|iostream$|cli/)")
# Terminal output or exiting, outside comments and string literals.
FORBIDDEN_CALLS = re.compile(r"\b(std::cout|std::cerr|std::clog|printf|puts|fprintf|std::exit|exit|"
                             r"_exit|abort|isatty)\s*[(<]|\b(std::cout|std::cerr)\b")


def strip_comments_and_strings(text):
    """The C++ text with comments and string/char literals blanked, lines kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def check(root):
    problems = []
    gen = os.path.join(root, "generators")
    parts = set()
    for dirpath, _, files in os.walk(gen):
        rel_dir = os.path.relpath(dirpath, gen)
        for name in sorted(files):
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            path = os.path.join(dirpath, name)
            if rel_dir == ".":
                if name not in TOP:
                    problems.append(f"generators/{rel}: only the shared files stand at the top of "
                                    f"generators/; put it in a part's folder")
                part = None
            else:
                part = rel_dir.split("/")[0]
                if part not in LOWER or "/" in rel_dir:
                    problems.append(f"generators/{rel}: '{rel_dir}' is not a part of generators/ "
                                    f"(docs/ARCHITECTURE.md names them)")
                    continue
                parts.add(part)
            if rel in NON_SOURCE:
                continue
            if not name.endswith((".cpp", ".hpp")):
                problems.append(f"generators/{rel}: not a C++ source file")
                continue
            text = open(path, encoding="utf-8").read()
            problems += check_source(f"generators/{rel}", text, part)
    for dirpath, _, files in os.walk(os.path.join(root, "cli")):
        for name in sorted(files):
            if name.endswith((".cpp", ".hpp")):
                path = os.path.join(dirpath, name)
                lines = open(path, encoding="utf-8").read().count("\n")
                if lines > MAX_LINES:
                    problems.append(f"{os.path.relpath(path, root)}: {lines} lines, more than "
                                    f"{MAX_LINES}")
    problems += check_unit_mirror(root)
    return problems


def check_source(rel, text, part):
    problems = []
    lines = text.count("\n")
    if lines > MAX_LINES:
        problems.append(f"{rel}: {lines} lines, more than {MAX_LINES}")
    for m in INCLUDE.finditer(text):
        target = m.group(1)
        line = text.count("\n", 0, m.start()) + 1
        if FORBIDDEN_INCLUDES.match(target):
            problems.append(f"{rel}:{line}: includes <{target}>: the core does no terminal I/O")
            continue
        if not target.startswith("generators/"):
            continue
        segments = target.split("/")
        to = None if len(segments) == 2 else segments[1]
        if to is None or to == part:
            continue
        allowed = LOWER.get(part, set()) if part else set()
        if to not in allowed:
            where = f"generators/{part}/" if part else "the top of generators/"
            problems.append(f"{rel}:{line}: includes {target}: {where} may not use {to}/")
    code = strip_comments_and_strings(text)
    for m in FORBIDDEN_CALLS.finditer(code):
        line = code.count("\n", 0, m.start()) + 1
        problems.append(f"{rel}:{line}: '{m.group(0).strip()}': the core neither prints nor exits")
    return problems


def check_unit_mirror(root):
    problems = []
    unit = os.path.join(root, "tests", "unit")
    for dirpath, _, files in os.walk(unit):
        rel_dir = os.path.relpath(dirpath, unit)
        for name in sorted(files):
            if not name.endswith("_test.cpp"):
                continue
            stem = name[: -len("_test.cpp")]
            folder = "generators" if rel_dir == "." else f"generators/{rel_dir}"
            # <name>_test.cpp, or <name>_<aspect>_test.cpp (yaml_edit_property_test.cpp)
            here = os.path.join(root, folder)
            sources = {os.path.splitext(f)[0] for f in os.listdir(here)} if os.path.isdir(here) else set()
            if not any(stem == s or stem.startswith(s + "_") for s in sources):
                problems.append(f"tests/unit/{'' if rel_dir == '.' else rel_dir + '/'}{name}: "
                                f"no {folder}/{stem}.hpp to test; unit tests mirror generators/")
    return problems


def self_test(root):
    """Plants one violation of each rule in a copy of the tree; each must be reported."""
    plants = [
        ("generators/git/git_repo.hpp", '#include "generators/release/release.hpp"\n', "may not use release/"),
        ("generators/yaml/yaml_path.hpp", '#include "generators/git/git_repo.hpp"\n', "may not use git/"),
        ("generators/changeset.hpp", '#include "generators/yaml/yaml_path.hpp"\n', "top of generators/"),
        ("generators/change/repo_lock.cpp", "#include <iostream>\n", "terminal I/O"),
        ("generators/platform/names.cpp", "#include <CLI/CLI.hpp>\n", "terminal I/O"),
        ("generators/release/release.cpp", "void f() { std::cerr << 1; }\n", "neither prints"),
        ("generators/migrate/migrate_repo.cpp", "void g() { std::exit(1); }\n", "neither prints"),
        ("generators/stray.cpp", "int x;\n", "only the shared files"),
        ("generators/change/long.cpp", "int x;\n" * (MAX_LINES + 1), "more than"),
        ("cli/long.cpp", "int x;\n" * (MAX_LINES + 1), "more than"),
        ("tests/unit/git/nothing_test.cpp", "int x;\n", "unit tests mirror"),
    ]
    clean = [
        ("generators/release/release.cpp", '// std::cout << "in a comment"\n'),
        ("generators/release/release.cpp", 'const char* k = "printf(";\n'),
        ("generators/services/add_service.cpp", '#include "generators/platform/names.hpp"\n'),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for part in ("generators", "cli", "tests/unit"):
            shutil.copytree(os.path.join(root, part), os.path.join(tmp, part))
        base = check(tmp)
        if base:
            print("self-test: the tree itself has violations:", *base, sep="\n  ")
            return 1
        for rel, text, expect in plants + [(r, t, None) for r, t in clean]:
            path = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            existed = os.path.exists(path)
            saved = open(path).read() if existed else None
            with open(path, "a") as f:
                f.write(text)
            found = check(tmp)
            if expect is None and found:
                print(f"self-test: a harmless line in {rel} was reported: {found}")
                failures += 1
            elif expect is not None and not any(expect in p and rel in p for p in found):
                print(f"self-test: planting in {rel} was not caught (wanted '{expect}'): {found}")
                failures += 1
            if existed:
                with open(path, "w") as f:
                    f.write(saved)
            else:
                os.remove(path)
    print(f"self-test: {len(plants)} planted violations caught, {len(clean)} harmless lines passed"
          if failures == 0 else f"self-test: {failures} failure(s)")
    return 1 if failures else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--self-test":
        return self_test(sys.argv[2])
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p)
    print(f"layers: {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
