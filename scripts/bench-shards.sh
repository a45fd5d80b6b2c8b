#!/usr/bin/env bash
# Token-balanced shards of N Aozora JSONL shards with --dp-size: runs the job, verifies the output and prints
# its stats (shard count, smallest and largest shard in tokens, spread) and the run's phase times.
#   scripts/bench-shards.sh [N] [DP_SIZE] [TARGET_TOKENS] [DATA_DIR] [--set KEY=VALUE ...]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-8}"
dp="${2:-8}"
target="${3:-8000000}"
data="${4:-$repo/../shared/data/aozora}"
shift $(($# < 4 ? $# : 4))
inputs=()
for f in $(ls "$data"/aozora_pd_utf8-*.jsonl.gz | sort | head -n "$n"); do inputs+=(--input "$f"); done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $n shards of $data, --dp-size $dp, $target tokens per shard"
"$repo/scripts/corpusforge" run --config conf/bench-tokens.yaml "${inputs[@]}" --output "$work/out" --dp-size "$dp" \
  --set output.shard_target_tokens="$target" "$@"
"$repo/scripts/corpusforge" verify "$work/out"
"$repo/scripts/corpusforge" stats "$work/out"
python3 - "$work/out/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("phases (s):", ", ".join("%s %.1f" % kv for kv in m["phase_seconds"].items()), "; total %.1f" % m["duration_seconds"])
print("tokens per shard:", [s["tokens"] for s in m["shards"]])
PY
