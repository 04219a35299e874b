#!/usr/bin/env python3
"""Checks the output of `gitopsgen graph` in each format against its JSON (the nodes and edges).

check_graph.py json GRAPH.json                     strict JSON: no duplicate keys, the shape
check_graph.py text GRAPH.json GRAPH.txt           the tree's parent of each line is an edge
check_graph.py svg GRAPH.json GRAPH.svg            the SVG parses, every Application is a node,
                                                   orphans dashed, missing-file nodes red
check_graph.py mermaid GRAPH.json GRAPH.mmd        a flowchart: every node, edge and class
check_graph.py parent GRAPH.json CHILD PARENT      CHILD's parent is PARENT
Exits 1 with the reason on stderr when a check fails.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET


def fail(why):
    print("check_graph: " + why, file=sys.stderr)
    sys.exit(1)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        fail("duplicate keys in " + repr(keys))
    return dict(pairs)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=no_duplicates)


def check_json(g):
    for key in ("command", "roots", "nodes", "edges", "orphan", "missing", "unreadable"):
        if key not in g:
            fail("no '%s' in the JSON" % key)
    ids = [n["id"] for n in g["nodes"]]
    if len(ids) != len(set(ids)):
        fail("node ids repeat")
    for n in g["nodes"]:
        if set(n) != {"id", "name", "kind", "file", "line", "project", "namespace", "orphan",
                      "missing"}:
            fail("node keys: %r" % sorted(n))
        if n["kind"] not in ("root", "app-of-apps", "application"):
            fail("kind " + n["kind"])
        if n["project"] == "" or n["namespace"] == "":
            fail("an absent value is \"\", not null: " + n["id"])
        if n["orphan"] != (n["id"] in g["orphan"]):
            fail("orphan flag and list disagree for " + n["id"])
    for e in g["edges"]:
        if e["from"] not in ids or e["to"] not in ids:
            fail("edge to nowhere: %r" % e)
    for m in g["missing"]:
        if m["id"] not in ids or not m["path"] or m["line"] < 1:
            fail("missing entry: %r" % m)
        node = next(n for n in g["nodes"] if n["id"] == m["id"])
        if m["path"] not in node["missing"]:
            fail("missing list and node disagree: %r" % m)
    for r in g["roots"]:
        if r not in ids:
            fail("root " + r)


def check_text(g, text):
    """Each tree line is `<prefix><id> (<file>)...`; its parent is the line one level up."""
    by_id = {n["id"]: n for n in g["nodes"]}
    edges = {(e["from"], e["to"]) for e in g["edges"]}
    stack = []
    seen = set()
    for line in text.splitlines():
        if not line or line.startswith(("Orphans:", "Missing files:", "  ")) or "Application(s):" in line:
            stack = [] if not line or line.startswith(("Orphans:", "Missing files:")) else stack
            continue
        m = re.match(r"^((?:│   |    )*)(├── |└── )?(\S+) \(([^)]*)\)(.*)$", line)
        if not m:
            fail("not a tree line: " + repr(line))
        depth = len(m.group(1)) // 4 + (1 if m.group(2) else 0)
        node_id, file, marks = m.group(3), m.group(4), m.group(5)
        if node_id not in by_id:
            fail("unknown Application in the tree: " + node_id)
        node = by_id[node_id]
        if node["file"] != file:
            fail("%s: file %s, not %s" % (node_id, file, node["file"]))
        if ("[orphan]" in marks) != node["orphan"]:
            fail("orphan mark of " + node_id)
        if ("[missing: " in marks) != bool(node["missing"]):
            fail("missing mark of " + node_id)
        for path in node["missing"]:
            if path not in marks:
                fail("%s lacks missing %s" % (node_id, path))
        stack = stack[:depth]
        if depth > 0:
            if len(stack) != depth:
                fail("tree indentation jumps at " + repr(line))
            if (stack[-1], node_id) not in edges:
                fail("tree shows %s under %s, no such edge" % (node_id, stack[-1]))
        elif node_id not in g["roots"] and not node["orphan"]:
            fail("top-level line neither root nor orphan: " + node_id)
        stack.append(node_id)
        seen.add(node_id)
    if seen != set(by_id):
        fail("not in the tree: %r" % sorted(set(by_id) - seen))


def check_svg(g, path):
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.parse(path).getroot()
    nodes = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if "node" not in group.get("class", "").split():
            continue
        title = group.find("s:title", ns)
        nodes[title.text] = group
    edges = set()
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if "edge" in group.get("class", "").split():
            edges.add(group.find("s:title", ns).text)
    # A DOT id keeps a backslash doubled (only \" is an escape in a DOT id; gitopsgen doubles
    # every backslash so that none can escape the closing quote).
    def dot_id(node_id):
        return node_id.replace("\\", "\\\\")

    for n in g["nodes"]:
        if dot_id(n["id"]) not in nodes:
            fail("no SVG node for " + n["id"])
        group = nodes[dot_id(n["id"])]
        text = " ".join(t.text or "" for t in group.iter("{http://www.w3.org/2000/svg}text"))
        if n["name"] not in text:
            fail("SVG node %s does not show its name" % n["id"])
        shapes = [e for e in group if e.tag.endswith(("polygon", "path", "ellipse", "polyline"))]
        dashed = any(e.get("stroke-dasharray") for e in shapes)
        red = any(e.get("stroke") == "#cc0000" for e in shapes)
        if dashed != n["orphan"]:
            fail("SVG node %s dashed=%s, orphan=%s" % (n["id"], dashed, n["orphan"]))
        if red != bool(n["missing"]):
            fail("SVG node %s red=%s, missing=%s" % (n["id"], red, n["missing"]))
        if n["orphan"] and "(orphan)" not in text:
            fail("SVG orphan %s not labelled" % n["id"])
    for e in g["edges"]:
        if "%s->%s" % (dot_id(e["from"]), dot_id(e["to"])) not in edges:
            fail("no SVG edge %s->%s" % (e["from"], e["to"]))
    labels = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for o in g["orphan"]:
        if "orphan: " + o not in labels:
            fail("the SVG's list lacks orphan " + o)
    for m in g["missing"]:
        if m["path"] not in labels:
            fail("the SVG's list lacks missing " + m["path"])


def check_mermaid(g, text):
    lines = text.splitlines()
    if lines[0] != "flowchart LR":
        fail("first line " + repr(lines[0]))
    defined = {}
    edges = set()
    classes = {}
    depth = 0
    for line in lines[1:]:
        s = line.strip()
        if m := re.fullmatch(r'(n\d+)(\["([^"]*)"\]|\[\["([^"]*)"\]\])', s):
            label = m.group(3) if m.group(3) is not None else m.group(4)
            if re.search(r"[<>]", re.sub(r"<br/>", "", label)):
                fail("raw angle bracket in label " + label)
            entities = {"quot": '"', "lt": "<", "gt": ">", "35": "#", "amp": "&", "96": "`"}
            defined[m.group(1)] = re.sub(r"#(\w+);", lambda e: entities.get(e.group(1), e.group(0)),
                                         label.replace("<br/>", "\n"))
        elif m := re.fullmatch(r"(n\d+) --> (n\d+)", s):
            edges.add((m.group(1), m.group(2)))
        elif re.fullmatch(r'subgraph \w+ \["[^"]*"\]', s):
            depth += 1
        elif s == "end":
            depth -= 1
        elif re.fullmatch(r"classDef \w+ [\w#:,.\- ]+", s):
            pass
        elif m := re.fullmatch(r"class ((?:n\d+,)*n\d+) (\w+)", s):
            for i in m.group(1).split(","):
                classes.setdefault(i, set()).add(m.group(2))
        else:
            fail("not a flowchart statement: " + repr(line))
    if depth != 0:
        fail("subgraph without end")
    index = {n["id"]: "n%d" % i for i, n in enumerate(g["nodes"])}
    for n in g["nodes"]:
        mid = index[n["id"]]
        if mid not in defined or n["name"] not in defined[mid]:
            fail("Mermaid node for %s: %r" % (n["id"], defined.get(mid)))
        if ("orphan" in classes.get(mid, set())) != n["orphan"]:
            fail("Mermaid orphan class of " + n["id"])
        if ("missing" in classes.get(mid, set())) != bool(n["missing"]):
            fail("Mermaid missing class of " + n["id"])
    for e in g["edges"]:
        if (index[e["from"]], index[e["to"]]) not in edges:
            fail("no Mermaid edge %s --> %s" % (e["from"], e["to"]))
    if len(edges) != len(g["edges"]):
        fail("Mermaid has %d edges, JSON %d" % (len(edges), len(g["edges"])))


def main():
    mode, graph = sys.argv[1], load(sys.argv[2])
    check_json(graph)
    if mode == "text":
        check_text(graph, open(sys.argv[3], encoding="utf-8").read())
    elif mode == "svg":
        check_svg(graph, sys.argv[3])
    elif mode == "mermaid":
        check_mermaid(graph, open(sys.argv[3], encoding="utf-8").read())
    elif mode == "parent":
        if {"from": sys.argv[4], "to": sys.argv[3]} not in graph["edges"]:
            fail("%s is not under %s" % (sys.argv[3], sys.argv[4]))
    elif mode != "json":
        fail("unknown mode " + mode)


main()
