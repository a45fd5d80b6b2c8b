#!/usr/bin/env bash
# End-to-end check of the launcher on a fresh machine, as a new user would run it:
#  1. the README's sample command exits 0 and writes manifest.json and shards;
#  2. verify passes on it;
#  3. a run with a different spark.default.parallelism gives byte-identical shards, Megatron files and search index;
#  4. a run whose tasks fail once (injected: a reading task and two shard-writing tasks), retried by Spark,
#     gives the same bytes;
#  5. stats summarises the corpus with its tokens;
#  6. flipping one byte of a shard makes verify fail.
# Exits 0 only when all six hold. (A driver killed and resumed: scripts/interrupt-smoke.sh.)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cf="$repo/scripts/corpusforge"

"$cf" run --config conf/sample.yaml --output "$work/a" --conf spark.default.parallelism=1
test -s "$work/a/manifest.json"
ls "$work/a/shards/"part-*.parquet > /dev/null
"$cf" verify "$work/a"

"$cf" run --config conf/sample.yaml --output "$work/b" --conf spark.default.parallelism=3 --master 'local[2]'
for dir in shards megatron search; do
  if ! diff -r "$work/a/$dir" "$work/b/$dir" > /dev/null; then
    echo "smoke: FAIL: $dir differ between spark.default.parallelism=1 and 3" >&2
    exit 1
  fi
done

# local[2,4]: two threads, a task may fail up to 4 times
# Spark's task failures go whole to the log file, not the console
CORPUSFORGE_LOG="$work/c-full.log" "$cf" run --config conf/sample.yaml --output "$work/c" --master 'local[2,4]' \
  --conf spark.hadoop.corpusforge.fault.fail-first-attempt=read:0,write:0,write:2 > "$work/c.log" 2>&1
if [ "$(grep -c "injected fault: first attempt of" "$work/c-full.log")" -lt 3 ]; then
  echo "smoke: FAIL: the injected task failures did not happen" >&2
  exit 1
fi
for dir in shards megatron search; do
  if ! diff -r "$work/a/$dir" "$work/c/$dir" > /dev/null; then
    echo "smoke: FAIL: $dir differ after failed tasks were retried" >&2
    exit 1
  fi
done

"$cf" stats "$work/a" > "$work/stats.txt"
grep -q "^tokens: " "$work/stats.txt"

shard="$(ls "$work/a/shards/"part-*.parquet | head -n 1)"
python3 - "$shard" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[len(b) // 2] ^= 1
open(p, 'wb').write(bytes(b))
PY
if "$cf" verify "$work/a" 2> "$work/verify.err"; then
  echo "smoke: FAIL: verify accepted a corrupted shard" >&2
  exit 1
fi
grep -q "sha256" "$work/verify.err"
# the ONNX classifier through the launcher, whose JVM has Spark's long command line (ONNX Runtime's loading once
# crashed such a JVM), against Python's ONNX Runtime when .venv-onnx holds it (.ci/run makes it)
onnx=filters/src/test/resources/classify
python3 -c '
import gzip, json, itertools
for record in itertools.islice(gzip.open("sample/aozora/aozora_pd_sample.jsonl.gz", "rt", encoding="utf-8"), 20):
    print(json.dumps({"text": json.loads(record)["text"]}, ensure_ascii=False))' > "$work/texts.jsonl"
"$cf" classify --model "$onnx/tiny-bert.onnx" --tokenizer "$onnx/tiny-bert-tokenizer.json" --max-tokens 128 --batch 4 \
  < "$work/texts.jsonl" > "$work/onnx-ours.jsonl" 2> "$work/onnx.err" \
  || { echo "smoke: FAIL: classify with an ONNX model (exit $?): $(tail -n 3 "$work/onnx.err")" >&2; exit 1; }
[ "$(wc -l < "$work/onnx-ours.jsonl")" = 20 ] || { echo "smoke: FAIL: classify gave $(wc -l < "$work/onnx-ours.jsonl") lines for 20 texts" >&2; exit 1; }
if [ -x .venv-onnx/bin/python ]; then
  .venv-onnx/bin/python scripts/onnx-reference.py "$onnx/tiny-bert.onnx" "$onnx/tiny-bert-tokenizer.json" 128 \
    < "$work/texts.jsonl" > "$work/onnx-python.jsonl"
  python3 - "$work/onnx-ours.jsonl" "$work/onnx-python.jsonl" <<'PY' || { echo "smoke: FAIL: classify's logits are not Python ONNX Runtime's" >&2; exit 1; }
import json, sys
ours = [json.loads(l) for l in open(sys.argv[1])]
ref = [json.loads(l) for l in open(sys.argv[2])]
assert len(ours) == len(ref)
assert all(abs(a - b) <= 1e-5 * max(1.0, abs(b)) for o, r in zip(ours, ref) for a, b in zip(o, r))
PY
fi

echo "smoke: OK: sample run, verify, determinism across parallelism (shards, Megatron files and search index), failed tasks retried with the same output, stats, corruption detected, an ONNX classifier through the launcher"
