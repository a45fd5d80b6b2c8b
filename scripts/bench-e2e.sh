#!/usr/bin/env bash
# The whole sample chain end to end (every stage of conf/sample.yaml, dedup, boilerplate, tokenisation, shards,
# Megatron, search index) against an identity copy of the same files in the same Spark session, and against the sum
# of its kernels on one core (bench-stages), on N generated web pages and, with --aozora K, on K Aozora shards.
#   scripts/bench-e2e.sh N [--aozora K] [--repeat R] [--shard-tokens T] [--data DIR] [--warc-dir DIR]
# N pages come from ../shared/tools/make_bench_warc.py (2,500 pages per file), or from --warc-dir. T (default
# 50,000,000) replaces the sample's 100,000 tokens per shard, which is there to show sharding on a tiny sample and
# would make hundreds of files here. R rounds (default 4); the fastest is reported, the first warms the JIT.
# Prints, per input: the rounds' wall and CPU seconds, the phases of the fastest round, the kernel table, and
#   MB/s of extracted text per core = text MB / wall seconds / cores
#   end to end / kernels        = wall seconds x cores / one core's kernel seconds (1.0: Spark, shuffles and
#                                 writing cost nothing and both cores are busy all the time)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:?usage: scripts/bench-e2e.sh N [--aozora K] [--repeat R] [--shard-tokens T] [--data DIR] [--warc-dir DIR]}"
shift
aozora=0
repeat=4
shard_tokens=50000000
data="$repo/../shared/data"
warc_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --aozora) aozora="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --shard-tokens) shard_tokens="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --warc-dir) warc_dir="$2"; shift 2 ;;
    *) echo "bench-e2e: unknown argument $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
"$repo/scripts/corpusforge" --version > /dev/null # builds the jar if a source is newer, before any timing
export CORPUSFORGE_REBUILD=0 # then every command uses that jar, whatever is edited meanwhile

# conf/sample.yaml with its inputs replaced (everything else, stages to output, as it is)
config_for() {
  local out="$1"; shift
  python3 - "$repo/conf/sample.yaml" "$out" "$@" <<'EOF'
import sys
src, out, inputs = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(src, encoding="utf-8").read()
start, end = text.index("\ninputs:\n"), text.index("\nstages:\n")
open(out, "w", encoding="utf-8").write(text[:start] + "\n" + inputs + "\n" + text[end:])
EOF
}

bench_one() {
  local label="$1" config="$2" cores
  cores="$(nproc)"
  echo "## $label"
  "$repo/scripts/corpusforge" bench pipeline --config "$config" --work "$work/out" --repeat "$repeat" --baseline files \
    --set output.shard_target_tokens="$shard_tokens" 2> "$work/bench.err" | tee "$work/bench.txt" \
    || { cat "$work/bench.err" >&2; exit 1; }
  rm -rf "$work/out"
  "$repo/scripts/corpusforge" bench stages --config "$config" --max-mb 1000000 --repeat 3 \
    --set output.shard_target_tokens="$shard_tokens" 2> "$work/stages.err" | tee "$work/stages.txt" \
    || { cat "$work/stages.err" >&2; exit 1; }
  python3 - "$work/bench.txt" "$work/stages.txt" "$cores" <<'EOF'
import re, sys
bench, stages, cores = open(sys.argv[1]).read(), open(sys.argv[2]).read(), int(sys.argv[3])
wall = float(re.search(r"^pipeline: .*-> best ([\d.]+) s", bench, re.M).group(1))
copy = float(re.search(r"^identity copy: .*-> best ([\d.]+) s", bench, re.M).group(1))
cpu = float(re.search(r"^pipeline CPU: .*-> least ([\d.]+) s", bench, re.M).group(1))
kernels, text_mb = map(float, re.search(r"^kernels: ([\d.]+) s of one core for ([\d.]+) MB", stages, re.M).groups())
print(f"extracted text {text_mb:.1f} MB; end to end {wall:.2f} s on {cores} cores (least CPU {cpu:.2f} s); "
      f"kernels {kernels:.2f} s of one core")
print(f"MB/s of extracted text per core: {text_mb / wall / cores:.2f} (kernels alone: {text_mb / kernels:.2f})")
print(f"end to end / kernels: {wall * cores / kernels:.2f} (wall x cores), {cpu / kernels:.2f} (CPU)")
print(f"end to end / identity copy: {wall / copy:.1f}")
EOF
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$pages" -gt 0 ]; then
  if [ -z "$warc_dir" ]; then
    python3 "$repo/../shared/tools/make_bench_warc.py" --out "$work/gen" --pages "$pages" --per-file 2500 > /dev/null
    warc_dir="$work/gen/warc"
  fi
  config_for "$work/web.yaml" "inputs:
  - path: $warc_dir/*.warc.gz"
  bench_one "$pages generated pages ($warc_dir)" "$work/web.yaml"
fi
if [ "$aozora" -gt 0 ]; then
  shards="$(ls "$data"/aozora/aozora_pd_utf8-*.jsonl.gz | sort | head -n "$aozora")"
  [ "$(echo "$shards" | wc -l)" -eq "$aozora" ] || { echo "bench-e2e: fewer than $aozora Aozora shards in $data/aozora" >&2; exit 2; }
  list="inputs:"
  for f in $shards; do
    list="$list
  - path: $f
    source: book
    markup: aozora"
  done
  config_for "$work/aozora.yaml" "$list"
  bench_one "$aozora Aozora shards" "$work/aozora.yaml"
fi
