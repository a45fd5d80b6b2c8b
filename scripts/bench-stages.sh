#!/usr/bin/env bash
# Single-thread speed of each per-document stage (normalise, language, quality, Kuromoji nouns) on Aozora text
# held in memory, so one core's MB/s per stage, without Spark or I/O.
#   scripts/bench-stages.sh [MAX_MB] [DATA_DIR]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
max="${1:-64}"
data="${2:-$repo/../shared/data/aozora}"
cd "$repo"
echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null || echo unknown), up to $max MB of $data"
"$repo/scripts/corpusforge" bench stages --config conf/bench-stages.yaml --input "$data/aozora_pd_utf8-00*.jsonl.gz" \
  --max-mb "$max" --repeat 3
