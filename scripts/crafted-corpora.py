#!/usr/bin/env python3
"""Crafted corpora (issue 42): a finished corpus, one field at a time made to claim something huge (manifest sizes
and counts, header and trailer fields of the Megatron index, the search index and passages, the training
iterations); every read-only command run on each copy; a command that exits other than 0, 1 or 2, or prints an
exception or a stack trace, is printed. Slow (68 mutations x 8 commands: about 25 minutes on 2 cores), so not in CI.

  scripts/corpusforge run --config conf/sample.yaml --output /tmp/base
  scripts/corpusforge schedule /tmp/base --data-path part-00000 --split 90,10,0 --seq-length 128 --global-batch-size 16 --train-iters 90
  python3 scripts/crafted-corpora.py /tmp/base [SUBSTRING_OF_A_MUTATION]
"""
import json, os, shutil, struct, subprocess, sys, tempfile, concurrent.futures
base = sys.argv[1]
cf = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpusforge")
scratch = tempfile.mkdtemp(prefix="crafted-")
mutations = []
def manifest_mut(path, value):
    def f(d):
        m = json.load(open(d + "/manifest.json"))
        node = m
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
        json.dump(m, open(d + "/manifest.json", "w"))
    return f
for path in [("shards", 0, "rows"), ("shards", 0, "bytes"), ("shards", 0, "tokens"), ("totals", "kept"), ("totals", "records_read"),
             ("search_index", "files", 0, "bytes"), ("training", "documents_read"), ("training", "train_iterations"),
             ("inputs", 0, "records"), ("inputs", 0, "bytes")]:
    for v in (10**15, -1):
        mutations.append(("manifest:" + "/".join(map(str, path)) + "=" + str(v), manifest_mut(path, v)))
def binary_mut(rel, offset, fmt, value):
    def f(d):
        p = d + "/" + rel
        b = bytearray(open(p, "rb").read())
        struct.pack_into(fmt, b, offset if offset >= 0 else len(b) + offset, value)
        open(p, "wb").write(bytes(b))
    return f
for rel in ["megatron/part-00000.idx", "search/part-00000.csa", "search/part-00000.passages", "training/iterations.bin"]:
    for off in range(8, 48, 4):
        for fmt, v in (("<I", 0x7FFFFFF0),):
            mutations.append((f"{rel}@{off}={v:x}", binary_mut(rel, off, fmt, v)))
    for off in (-8, -16):
        mutations.append((f"{rel}@{off}=7ffffff0", binary_mut(rel, off, "<I", 0x7FFFFFF0)))
commands = [["verify", "{d}"], ["stats", "{d}"], ["search", "{d}", "count", "猫"], ["search", "{d}", "next", "猫"],
            ["search", "{d}", "passages", "猫は"], ["search", "{d}", "find", "猫"], ["show", "{d}", "--limit", "2"],
            ["schedule", "{d}", "--data-path", "part-00000", "--split", "90,10,0", "--seq-length", "128", "--global-batch-size", "16",
             "--train-iters", "90"]]
only = sys.argv[2] if len(sys.argv) > 2 else ""
def run(i_m):
    i, (name, mutate) = i_m
    d = f"{scratch}/{i}"
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(base, d)
    try:
        mutate(d)
    except Exception as e:
        return [f"{name}: cannot mutate ({e})"]
    out = []
    for c in commands:
        args = [a.format(d=d) for a in c]
        try:
            p = subprocess.run([cf] + args, capture_output=True, text=True, timeout=120,
                               env=dict(os.environ, CORPUSFORGE_REBUILD="0", CORPUSFORGE_HEAP="1g"))
            err = p.stderr
            bad = p.returncode not in (0, 1, 2) or "Exception" in err or "Error" in err or "\tat " in err
            if bad:
                first = [l for l in err.splitlines() if l.strip() and not l.startswith("WARNING")][:2]
                out.append(f"{name}: {c[0]} {c[2] if c[0]=='search' else ''} exit {p.returncode}: {' | '.join(first)[:300]}")
        except subprocess.TimeoutExpired:
            out.append(f"{name}: {c[0]} HANG")
    shutil.rmtree(d, ignore_errors=True)
    return out
todo = [(i, m) for i, m in enumerate(mutations) if only in m[0]]
print(len(todo), "mutations", flush=True)
with concurrent.futures.ThreadPoolExecutor(2) as ex:
    for res in ex.map(run, todo):
        for line in res:
            print(line, flush=True)
shutil.rmtree(scratch, ignore_errors=True)
