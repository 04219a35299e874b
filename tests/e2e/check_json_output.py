#!/usr/bin/env python3
"""Checks one command's -o json output (and its -o yaml twin) against the command's schema.

Usage: check_json_output.py SCHEMA_DIR NAME JSON_FILE [YAML_FILE] [--covered LOG]

  - JSON_FILE is exactly one line of JSON, with no object holding a key twice;
  - it validates against SCHEMA_DIR/NAME.schema.json (JSON Schema draft 2020-12);
  - YAML_FILE, when given, loads (PyYAML, safe, duplicate keys refused) to exactly the same data:
    same keys in the same order, same types (1 is not true, "1.10" is not 1.1), same values;
  - with --covered, NAME is appended to LOG once everything passed.
Prints what is wrong and exits 1 on the first failure.
"""
import json
import sys

import jsonschema
import yaml


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise ValueError(f"duplicate JSON key(s) {sorted(dup)}")
    return dict(pairs)


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping holding a key twice (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise ValueError(f"duplicate YAML key {key!r} at line {key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep)


StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True))


def same(a, b, path="$"):
    """None when a and b are the same data (types, key order included), else where they differ."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} {a!r} vs {type(b).__name__} {b!r}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{path}: keys {list(a)} vs {list(b)}"
        for k in a:
            why = same(a[k], b[k], f"{path}.{k}")
            if why:
                return why
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            why = same(x, y, f"{path}[{i}]")
            if why:
                return why
        return None
    return None if a == b else f"{path}: {a!r} vs {b!r}"


def main(argv):
    covered = None
    if "--covered" in argv:
        i = argv.index("--covered")
        covered = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    schema_dir, name, json_file = argv[1:4]
    yaml_file = argv[4] if len(argv) > 4 else None
    with open(f"{schema_dir}/{name}.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    with open(json_file, "rb") as f:
        raw = f.read()
    line_feeds = raw.count(b"\n")
    if not raw.endswith(b"\n") or line_feeds != 1:
        sys.exit(f"{name}: the JSON is not exactly one line ({line_feeds} line feeds)")
    data = json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=str)
    if errors:
        e = errors[0]
        sys.exit(f"{name}: {len(errors)} schema error(s); first at "
                 f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}")
    if yaml_file:
        with open(yaml_file, encoding="utf-8") as f:
            text = f.read()
        loaded = yaml.load(text, Loader=StrictLoader)
        why = same(data, loaded)
        if why:
            sys.exit(f"{name}: the YAML differs from the JSON at {why}")
    if covered:
        with open(covered, "a", encoding="utf-8") as f:
            f.write(name + "\n")


if __name__ == "__main__":
    try:
        main(sys.argv)
    except (ValueError, json.JSONDecodeError, yaml.YAMLError) as e:
        sys.exit(f"{sys.argv[2]}: {e}")
