#!/usr/bin/env bash
# Speed of the subword tokenizer (LLM-jp v3.1 SentencePiece by default) and of Kuromoji on Aozora text held in
# memory, as the tokenise step sees it: MB/s per core on 1 and 2 threads, and against document length.
#   scripts/bench-tokenize.sh [MAX_MB] [DATA_DIR] [CONFIG]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
max="${1:-32}"
data="${2:-$repo/../shared/data/aozora}"
config="${3:-conf/bench-tokenize.yaml}"
cd "$repo"
echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null || echo unknown), up to $max MB of $data, $config"
"$repo/scripts/corpusforge" bench tokenize --config "$config" --input "$data/aozora_pd_utf8-00*.jsonl.gz" \
  --max-mb "$max" --repeat 3 --threads 2
