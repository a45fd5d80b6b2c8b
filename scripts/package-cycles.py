#!/usr/bin/env python3
"""Package cycles in the Java sources, from their import lines and fully qualified names.

usage: scripts/package-cycles.py [MODULE_DIR ...]   (default: every module's src/main/java)

Prints each strongly connected set of packages (a cycle) with one import that closes it, and exits 1 if there is
any. A package depends on another when one of its files imports or names a class of it (org.corpusforge.x.Y).
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = re.compile(r"\b(org\.corpusforge(?:\.[a-z][a-z0-9_]*)+)\.[A-Z]")


def sources(dirs):
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in files:
                if name.endswith(".java"):
                    yield os.path.join(root, name)


def graph(dirs):
    edges = {}
    witness = {}
    for path in sources(dirs):
        text = open(path, encoding="utf-8").read()
        match = re.search(r"^package\s+([\w.]+);", text, re.M)
        if not match:
            continue
        package = match.group(1)
        edges.setdefault(package, set())
        # comments say what they like: only code counts
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)
        for ref in REFERENCE.findall(code):
            if ref != package:
                edges[package].add(ref)
                witness.setdefault((package, ref), os.path.relpath(path, ROOT))
    return edges, witness


def cycles(edges):
    """Tarjan's strongly connected components with more than one package."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main():
    dirs = sys.argv[1:] or [os.path.join(ROOT, m, "src/main/java")
                            for m in ("pipeline-core", "filters", "corpus-search", "pipeline-jobs")]
    edges, witness = graph(dirs)
    found = cycles(edges)
    for component in found:
        print("cycle: " + ", ".join(component))
        members = set(component)
        for a in component:
            for b in sorted(edges[a] & members):
                print(f"  {a} -> {b}  ({witness[(a, b)]})")
    print(f"package-cycles: {len(edges)} packages, {len(found)} cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
