#!/usr/bin/env bash
# ONNX classifier speed: corpusforge's stage kernel (`classify --tokenizer`, ONNX Runtime's Java package, one
# thread) beside Python's ONNX Runtime (scripts/onnx-reference.py, one thread, one text at a time) on the same
# texts and model, ROUNDS times each, and whether their logits agree. The model: BERT-base's shape (12 layers,
# hidden 768, 12 heads, feed-forward 3072, a 32,000-piece Unigram vocabulary; about 110 M parameters) with random
# weights, made by scripts/make-onnx-classifier.py (speed does not depend on what the weights learnt). The texts:
# the first DOCS works of the first Aozora shard of ../shared/data, each cut to MAX_TOKENS tokens (256, as LLM-jp's
# DeBERTa toxicity filter reads them), so every text is a full-length input. Batches of 1, 8 and 32.
#   scripts/bench-onnx.sh [ROUNDS] [DOCS] [MAX_TOKENS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
docs="${2:-400}"
max_tokens="${3:-256}"
"$repo/scripts/python-venv.sh" "$repo/.venv-onnx" "$repo/scripts/onnx-requirements.txt"
python="$repo/.venv-onnx/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$python" -c "
import gzip, itertools, json, sys
shard = gzip.open('$repo/../shared/data/aozora/aozora_pd_utf8-000.jsonl.gz', 'rt', encoding='utf-8')
for record in itertools.islice(shard, $docs):
    print(json.dumps({'text': json.loads(record)['text']}, ensure_ascii=False))
" > texts.jsonl
/usr/bin/time -f "model made in %e s" "$python" "$repo/scripts/make-onnx-classifier.py" --texts texts.jsonl \
  --vocab 32000 --layers 12 --hidden 768 --heads 12 --ffn 3072 --out-model model.onnx --out-tokenizer tokenizer.json
echo "texts: $(wc -l < texts.jsonl) works ($(wc -c < texts.jsonl) bytes), cut to $max_tokens tokens; model $(wc -c < model.onnx) bytes"
"$python" - "$max_tokens" <<'PY'
import json, sys
from tokenizers import Tokenizer
t = Tokenizer.from_file("tokenizer.json")
t.enable_truncation(max_length=int(sys.argv[1]))
lengths = [len(t.encode(json.loads(l)["text"]).ids) for l in open("texts.jsonl")]
print("tokens per text: mean %.1f, min %d, max %d" % (sum(lengths) / len(lengths), min(lengths), max(lengths)))
PY
for round in $(seq "$rounds"); do
  /usr/bin/time -f "python round $round: %e s wall, %U s user" "$python" "$repo/scripts/onnx-reference.py" \
    model.onnx tokenizer.json "$max_tokens" < texts.jsonl > python.jsonl
  for batch in 1 8 32; do
    CORPUSFORGE_HEAP="${CORPUSFORGE_HEAP:-3g}" /usr/bin/time -f "  (process: %e s wall, %U s user)" \
      "$repo/scripts/corpusforge" classify --model model.onnx --tokenizer tokenizer.json --max-tokens "$max_tokens" \
      --batch "$batch" < texts.jsonl 2> err.txt > ours.jsonl
    echo "ours batch $batch round $round: $(grep '^classify:' err.txt) $(grep 'process:' err.txt)"
    "$python" - <<'PY'
import json
ours = [json.loads(l) for l in open("ours.jsonl")]
ref = [json.loads(l) for l in open("python.jsonl")]
assert len(ours) == len(ref), (len(ours), len(ref))
worst = max(abs(a - b) / max(1.0, abs(b)) for o, r in zip(ours, ref) for a, b in zip(o, r))
print("  largest relative difference from Python's logits: %.3g" % worst)
PY
  done
done
