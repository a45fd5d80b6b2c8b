#!/usr/bin/env bash
# The whole sample chain run as a user runs it: `scripts/corpusforge run`, a new JVM each time, on N generated web
# pages (conf/sample.yaml with its inputs replaced), beside `bench stages` (the same chain's kernels, one thread, on
# the same files). Prints each round, then the medians:
#   wall, CPU (user + system of the whole launcher), CPU per MB of extracted text, MB/s of extracted text per core
#   (MB / wall / cores) and cold / kernels (CPU / one core's kernel seconds: 1.0 would mean Spark, shuffles, the JIT
#   and writing cost nothing).
#   scripts/bench-cold.sh N [--rounds R] [--warc-dir DIR] [--shard-tokens T] [--max-load L] [--stage-repeat K]
#                         [--profile]
# N pages come from ../shared/tools/make_bench_warc.py (2,500 pages per file, default seed) unless --warc-dir gives
# them (N 0: the files of DIR, as CI's smoke runs it on sample/mixed). R rounds (default 3), each started once the 1-minute load is at most L (default 1.5; after 120 s it starts
# anyway and prints the load it started at). T (default 2,000,000) replaces the sample's 100,000 tokens per shard.
# K (default 3; 0: none, no ratio): rounds of `bench stages`, which takes its fastest; it holds the whole text in memory, so it gets
# CORPUSFORGE_BENCH_HEAP (default 16g). The last round's phases (the manifest's phase_seconds) are printed too.
# --profile: every round writes Spark's event log, and the last round's is summarised by scripts/event-log-profile.py
# (Spark jobs, stages, and task CPU per call site).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:?usage: scripts/bench-cold.sh N [--rounds R] [--warc-dir DIR] [--shard-tokens T] [--max-load L] [--stage-repeat K] [--profile]}"
shift
rounds=3
stage_repeat=3
profile=0
warc_dir=""
shard_tokens=2000000
max_load=1.5
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --warc-dir) warc_dir="$2"; shift 2 ;;
    --shard-tokens) shard_tokens="$2"; shift 2 ;;
    --max-load) max_load="$2"; shift 2 ;;
    --stage-repeat) stage_repeat="$2"; shift 2 ;;
    --profile) profile=1; shift ;;
    *) echo "bench-cold: unknown argument $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run_extra=()
if [ "$profile" = 1 ]; then
  run_extra=(--conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false
             --conf spark.eventLog.dir="file://$work/events")
fi
cd "$repo"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
if [ -z "$warc_dir" ]; then
  python3 "$repo/../shared/tools/make_bench_warc.py" --out "$work/gen" --pages "$pages" --per-file 2500 > /dev/null
  warc_dir="$work/gen/warc"
fi
python3 - "$repo/conf/sample.yaml" "$work/cold.yaml" "$warc_dir" <<'PY'
import sys
src, out, warcs = sys.argv[1:]
text = open(src, encoding="utf-8").read()
start, end = text.index("\ninputs:\n"), text.index("\nstages:\n")
open(out, "w", encoding="utf-8").write(text[:start] + "\ninputs:\n  - path: " + warcs + "/*.warc.gz\n" + text[end:])
PY
"$repo/scripts/corpusforge" --version > /dev/null # builds the jar if a source is newer: not part of any round
export CORPUSFORGE_REBUILD=0 # every round, verify and bench stages use that jar, whatever is edited meanwhile
cores="$(nproc)"
echo "# $(date -u +%FT%TZ) $cores cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $pages pages in $warc_dir, shards of $shard_tokens tokens"

wait_for_quiet() {
  local waited=0
  while awk -v max="$max_load" '{exit !($1 > max)}' /proc/loadavg && [ "$waited" -lt 120 ]; do
    sleep 5
    waited=$((waited + 5))
  done
  cut -d' ' -f1 /proc/loadavg
}

: > "$work/rounds.txt"
for r in $(seq 1 "$rounds"); do
  load="$(wait_for_quiet)"
  rm -rf "$work/out" "$work/events"
  [ "$profile" = 1 ] && mkdir "$work/events"
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$repo/scripts/corpusforge" run --config "$work/cold.yaml" \
    --output "$work/out" --set output.shard_target_tokens="$shard_tokens" "${run_extra[@]}" \
    > "$work/run.out" 2> "$work/run.err" \
    || { cat "$work/run.err" >&2; exit 1; }
  read -r wall user sys < "$work/time.txt"
  cpu="$(python3 -c "print(round($user + $sys, 2))")"
  echo "round $r (load $load at start): wall $wall s, CPU $cpu s"
  echo "$wall $cpu" >> "$work/rounds.txt"
done
"$repo/scripts/corpusforge" verify "$work/out" > /dev/null
sed 's/^corpusforge: /last round: /' "$work/run.out"
python3 - "$work/out/manifest.json" <<'PY'
import hashlib, json, sys
manifest = json.load(open(sys.argv[1], encoding="utf-8"))
phases = manifest["phase_seconds"]
print("last round's phases (s): " + ", ".join(f"{name} {seconds:g}" for name, seconds in phases.items()))
# one digest of every shard's SHA-256, to compare runs' outputs (equal digests: byte-identical shards)
shards = "".join(f["sha256"] for f in manifest["shards"])
print(f"shards' digest: {hashlib.sha256(shards.encode()).hexdigest()[:16]} ({len(manifest['shards'])} shards)")
PY
if [ "$profile" = 1 ]; then
  python3 "$repo/scripts/event-log-profile.py" "$work"/events/*
fi
if [ "$stage_repeat" = 0 ]; then
  echo "(no bench stages: --stage-repeat 0)"
  exit 0
fi
CORPUSFORGE_HEAP="${CORPUSFORGE_BENCH_HEAP:-16g}" "$repo/scripts/corpusforge" bench stages --config "$work/cold.yaml" \
  --max-mb 1000000 --repeat "$stage_repeat" \
  --set output.shard_target_tokens="$shard_tokens" 2> "$work/stages.err" > "$work/stages.txt" \
  || { cat "$work/stages.err" >&2; exit 1; }
grep '^|' "$work/stages.txt"
echo
label="$pages"
[ "$pages" = 0 ] && label="$warc_dir"
python3 - "$work/rounds.txt" "$work/stages.txt" "$cores" "$label" <<'PY'
import re, statistics, sys
rounds = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
stages, cores, pages = open(sys.argv[2]).read(), int(sys.argv[3]), sys.argv[4]
kernels, text_mb = map(float, re.search(r"^kernels: ([\d.]+) s of one core for ([\d.]+) MB", stages, re.M).groups())
wall = statistics.median(r[0] for r in rounds)
cpu = statistics.median(r[1] for r in rounds)
print("| pages | rounds | text MB | wall (median) | CPU (median) | CPU s per MB | MB/s per core | kernels (one core) | cold / kernels (CPU) |")
print("|---|---|---|---|---|---|---|---|---|")
per_mb = f"{cpu / text_mb:.3f}" if text_mb > 0 else "-"
per_core = f"{text_mb / wall / cores:.2f}" if text_mb > 0 else "-"
ratio = f"{cpu / kernels:.2f}" if kernels > 0 else "-"
print(f"| {pages} | {len(rounds)} | {text_mb:.1f} | {wall:.1f} s | {cpu:.1f} s | {per_mb} | {per_core} | "
      f"{kernels:.1f} s | {ratio} |")
PY
