#!/usr/bin/env bash
# The passage index's vectors with a BERT-base-shaped encoder (12 layers, hidden 768, random weights drawn with
# standard deviation 0.3 so that its vectors spread (at BERT's 0.02 a random encoder maps every text to nearly the same
# vector, and the top 10 is decided by float rounding), made here by scripts/make-onnx-classifier.py --encoder with
# the tests' tokenizer): a run over the first N_WORKS Aozora works of
# one shard with output.search_index.embedding set (phase times), then bench search on it: passages and similar
# latency (the query's embedding by the same model included) and the HNSW graph's recall@10 against an exact scan.
#   scripts/bench-passages.sh [N_WORKS] [MAX_TOKENS] [DATA_FILE]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
works="${1:-60}"
max_tokens="${2:-128}"
data="${3:-$repo/../shared/data/aozora/aozora_pd_utf8-000.jsonl.gz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
scripts/python-venv.sh .venv-onnx scripts/onnx-requirements.txt
tokenizer="$repo/filters/src/test/resources/classify/tiny-bert-tokenizer.json"
.venv-onnx/bin/python scripts/make-onnx-classifier.py --encoder --tokenizer "$tokenizer" --layers 12 --hidden 768 \
  --heads 12 --ffn 3072 --seed 3 --init-scale 0.3 --out-model "$work/bert-base-encoder.onnx"
python3 - "$data" "$works" "$work/works.jsonl" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f, open(sys.argv[3], "w", encoding="utf-8") as out:
    for i, line in enumerate(f):
        if i >= int(sys.argv[2]):
            break
        out.write(line)
PY
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), first $works works of $data, BERT-base-shaped encoder, max_tokens $max_tokens"
for vectors in false true; do
  set_embedding=()
  if [ "$vectors" = true ]; then
    set_embedding=(--set "output.search_index.embedding.model=$work/bert-base-encoder.onnx"
      --set "output.search_index.embedding.tokenizer=$tokenizer" --set "output.search_index.embedding.max_tokens=$max_tokens"
      --set 'output.search_index.embedding.query_prefix="query: "' --set 'output.search_index.embedding.passage_prefix="passage: "')
  fi
  echo "run with vectors: $vectors"
  scripts/corpusforge run --config conf/bench-tokens.yaml --input "$work/works.jsonl" --output "$work/out-$vectors" \
    --dp-size 2 --set output.search_index.enabled=true "${set_embedding[@]}"
  python3 - "$work/out-$vectors/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("  phases (s):", ", ".join("%s %.1f" % kv for kv in m["phase_seconds"].items()), "; total %.1f" % m["duration_seconds"])
PY
done
scripts/corpusforge bench search "$work/out-true" --queries 200 --traces 10 --exact-queries 100
