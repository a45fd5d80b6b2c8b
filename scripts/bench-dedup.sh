#!/usr/bin/env bash
# corpusforge's near-dedup against Spark MLlib's MinHashLSH (+ the same connected components) on the Aozora
# shards, same session, same threshold (conf/dedup-eval.yaml: min_jaccard 0.7, i.e. MLlib distance 0.3).
#   scripts/bench-dedup.sh [N_SHARDS] [DATA_DIR] [HASH_TABLES]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-8}"
data="${2:-$repo/../shared/data}"
tables="${3:-20}"
inputs=()
for f in $(ls "$data"/aozora/aozora_pd_utf8-*.jsonl.gz | sort | head -n "$n"); do inputs+=(--input "$f"); done
cd "$repo"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $n shards, heap ${CORPUSFORGE_HEAP:-4g}"
"$repo/scripts/corpusforge" bench dedup --config conf/dedup-eval.yaml "${inputs[@]}" \
  --pairs "$data/dedup/aozora_neardup_pairs.jsonl" --hash-tables "$tables"
