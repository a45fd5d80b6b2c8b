#!/usr/bin/env python3
"""Drop rates of the language and quality stages, per rule, on the Aozora Bunko shards and the Japanese Debian
documentation in ../shared/data (read in place), with examples of dropped documents; Markdown on stdout (the
"Quality" section of EVALUATION.md). Also checks the normaliser's properties on every Aozora work.

  python3 scripts/eval-quality.py [DATA_DIR] [AOZORA_SHARDS]     # defaults: ../shared/data, 8

It runs `scripts/corpusforge inspect` with the configuration below, which reads files exactly as a run does and
applies the per-document stages (the corpus-wide boilerplate stage needs the whole corpus and is not applied).
"""
import collections
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data"))
SHARDS = int(sys.argv[2]) if len(sys.argv) > 2 else 8
CF = os.path.join(REPO, "scripts", "corpusforge")

STAGES = """
stages:
  - name: aozora
  - name: normalize
  - name: language
  - name: quality
  - name: noun-fraction
"""


def inspect(config, paths):
    out = subprocess.run([CF, "inspect", "--config", "/dev/stdin", "--chars", "60"] + paths, input=config,
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def report(title, recs):
    total = len(recs)
    kept = sum(1 for r in recs if r["status"] == "kept")
    print("### %s\n" % title)
    print("%d documents read: %d kept (%.1f %%), %d dropped, %d quarantined.\n" % (
        total, kept, 100.0 * kept / max(1, total), sum(1 for r in recs if r["status"] == "dropped"),
        sum(1 for r in recs if r["status"] == "quarantined")))
    by_rule = collections.OrderedDict()
    for r in recs:
        if r["status"] == "dropped":
            by_rule.setdefault((r["stage"], r["reason"]), []).append(r)
    print("| stage | first rule broken | documents | share of all | examples (id: start of text) |")
    print("|---|---|---|---|---|")
    for (stage, reason), rs in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        examples = "; ".join("`%s`: %s" % (r["id"][-40:], (r.get("text") or "").replace("\n", " ").replace("|", "/")[:40])
                             for r in rs[:2])
        print("| %s | %s | %d | %.1f %% | %s |" % (stage, reason, len(rs), 100.0 * len(rs) / total, examples))
    print()


def main():
    print("## Quality (issue 4)\n")
    print("Command: `python3 scripts/eval-quality.py %s %d`. Stages: aozora, normalize, language (keep ja), "
          "quality (all rules at their defaults), noun-fraction (max 0.8); each document counts under the first "
          "rule it breaks.\n" % (os.path.relpath(DATA, REPO), SHARDS))
    shards = sorted(os.path.join(DATA, "aozora", f) for f in os.listdir(os.path.join(DATA, "aozora"))
                    if f.startswith("aozora_pd_utf8-"))[:SHARDS]
    aozora = inspect("input_defaults: {source: book, markup: aozora}\ninputs: [{path: x}]\n" + STAGES, shards)
    report("Aozora Bunko (%d JSONL shards)" % len(shards), aozora)
    debian = os.path.join(DATA, "debian_docs_ja")
    docs = []
    for package in sorted(os.listdir(debian)):
        docs += inspect("inputs: [{path: x}]\n" + STAGES, [os.path.join(debian, package)])
    report("Japanese Debian documentation (HTML, text, man pages as text)", docs)

    print("### Normaliser properties on every Aozora work\n")
    mvn = subprocess.run(["mvn", "-q", "-B", "-o", "test", "-pl", "pipeline-core,filters", "-Dsurefire.failIfNoSpecifiedTests=false",
                          "-Dtest=JapaneseNormalizerTest#propertiesHoldOnAnExternalCorpus",
                          "-Dcorpusforge.normalizer.corpus=" + os.path.join(DATA, "aozora")],
                         cwd=REPO, capture_output=True, text=True)
    lines = [l[l.index("normalizer-properties:"):] for l in mvn.stdout.splitlines() if "normalizer-properties:" in l]
    print("`JapaneseNormalizerTest#propertiesHoldOnAnExternalCorpus` over %s: %s (exit %d).\n" % (
        os.path.relpath(os.path.join(DATA, "aozora"), REPO), lines[0] if lines else "FAILED, see mvn output",
        mvn.returncode))


if __name__ == "__main__":
    main()
