#!/usr/bin/env bash
# Repeated-substring removal beside MinHash dedup in the whole sample chain (conf/sample.yaml, inputs replaced), on
# generated web pages: each stage's wall time (the run's phase clock), the bytes its Spark stages wrote to shuffles
# (Spark's event log: stages whose call site is in the stage's class), both per MB of text entering dedup, and what
# each removed.
#   scripts/bench-substring.sh WARC_DIR [WARC_DIR...]     (make them with ../shared/tools/make_bench_warc.py)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
for dir in "$@"; do
  rm -rf "$work/out" "$work/events"; mkdir -p "$work/events"
  SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" "$repo/scripts/corpusforge" run --config conf/sample.yaml \
    --input "$dir" --output "$work/out" --set output.shard_target_tokens=50000000 \
    --conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false --conf spark.eventLog.dir="file://$work/events" 2> "$work/run.err" \
    || { cat "$work/run.err" >&2; exit 1; }
  python3 - "$dir" "$work/run.err" "$work/events" "$work/out/manifest.json" <<'PY'
import glob, json, re, sys
d, err, events, manifest = sys.argv[1:]
phases = {}
for line in open(err, encoding="utf-8"):
    m = re.match(r"corpusforge: ([\w -]+): (?:.*, )?(\d+):(\d+) \(done\)", line.strip())
    if m:
        phases[m.group(1)] = int(m.group(2)) * 60 + int(m.group(3))
stage_names, written, cpu = {}, {}, {}
for path in [p for p in glob.glob(events + "/**", recursive=True) if not __import__("os").path.isdir(p)]:
    for line in open(path, encoding="utf-8"):
        e = json.loads(line)
        if e["Event"] == "SparkListenerStageCompleted":
            info = e["Stage Info"]
            stage_names[info["Stage ID"]] = info["Stage Name"] + "\n" + info.get("Details", "")
        elif e["Event"] == "SparkListenerTaskEnd" and "Task Metrics" in e:
            tm = e["Task Metrics"]
            sid = e["Stage ID"]
            written[sid] = written.get(sid, 0) + tm["Shuffle Write Metrics"]["Shuffle Bytes Written"]
            cpu[sid] = cpu.get(sid, 0) + tm["Executor CPU Time"] / 1e9
def by(files):
    ids = [s for s, n in stage_names.items() if any(f in n.split("\n")[0] for f in files)]
    return sum(written.get(s, 0) for s in ids), sum(cpu.get(s, 0) for s in ids), len(ids)
m = json.load(open(manifest, encoding="utf-8"))
stages = {s["name"]: s for s in m["stages"]}
# text entering dedup: the kept documents' characters before it, from the shards' and drops' counts is not kept;
# use the extracted text of the documents dedup saw, as UTF-8 bytes, from the run report's data
mb_in = None
report = glob.glob(m.get("output", "") + "/report.json")
print(f"## {d}: {stages['dedup']['in']} documents into dedup")
sub = m["stage_details"].get("substring-dedup", {})
for name, files in (("dedup (MinHash, exact)", ["Deduplication.java", "ConnectedComponents.java"]),
                    ("substring-dedup", ["SubstringDedup.java"])):
    w, c, n = by(files)
    print(f"{name}: phase {phases.get(name.split()[0], '?')} s wall, {n} Spark stages, {c:.1f} s CPU in them, "
          f"{w/1e6:.2f} MB shuffled")
print("dedup dropped:", stages["dedup"].get("dropped"), "; substring-dedup:", json.dumps(sub),
      "dropped:", stages["substring-dedup"].get("dropped"))
print("boilerplate:", stages["boilerplate"].get("dropped"))
PY
  "$repo/scripts/corpusforge" show "$work/out" --limit 0 2>/dev/null | python3 -c '
import json, sys
docs = [json.loads(l) for l in sys.stdin]
chars = sum(len(d["text"]) for d in docs)
mb = sum(len(d["text"].encode()) for d in docs) / 1e6
b = sum(d["signals"].get("boilerplate_chars_removed", 0) for d in docs)
s = sum(d["signals"].get("substring_chars_removed", 0) for d in docs)
pager = sum(1 for d in docs if any(x.strip() == "次のページ" for x in d["text"].split("\n")))
print(f"kept {len(docs)} documents, {chars} characters ({mb:.1f} MB UTF-8); characters removed from them: "
      f"boilerplate lines {b:.0f}, substring-dedup {s:.0f}; documents with the line 次のページ: {pager}")'
done
