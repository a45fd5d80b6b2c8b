#!/usr/bin/env bash
# fastText prediction speed, corpusforge's JVM predictor (`classify`) beside Debian's fastText CLI (`predict-prob`) on
# the same lines and the same models, ROUNDS times each, one thread each. The text: the first Aozora shard of
# ../shared/data, one line per text line, split into LLM-jp SentencePiece pieces joined by spaces (words for the
# word-bigram model). The models: trained here by fastText on part of those lines (label ja) and the README's lines
# (label en), dim 100, word bigrams, 200,000 buckets; one without and one with character n-grams (2 to 4).
# Needs python3-sentencepiece and fasttext (Debian packages). Prints each run's time (the CLI's includes reading the model; its time on an empty input is printed too) and
# whether the outputs are identical.
#   scripts/bench-fasttext.sh [ROUNDS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
zcat "$repo/../shared/data/aozora/aozora_pd_utf8-000.jsonl.gz" | /usr/bin/python3 -c "
import sys, json
out = open('lines.txt', 'w')
for record in sys.stdin:
    for line in json.loads(record)['text'].split('\n'):
        if line.strip():
            out.write(line.strip() + '\n')
"
/usr/bin/python3 -c "
import sentencepiece as spm
sp = spm.SentencePieceProcessor(model_file='$repo/conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model')
out = open('words.txt', 'w')
for line in open('lines.txt'):
    pieces = [p.replace('\u2581', '') for p in sp.encode(line.rstrip('\n'), out_type=str)]
    out.write(' '.join(p for p in pieces if p) + '\n')
"
awk 'NR % 5 == 0 {print "__label__ja " $0}' words.txt > train.txt
awk 'length > 20 {print "__label__en " $0}' "$repo/README.md" >> train.txt
fasttext supervised -input train.txt -output words -dim 100 -wordNgrams 2 -minn 0 -maxn 0 -bucket 200000 -thread 2 -verbose 0
fasttext supervised -input train.txt -output chars -dim 100 -wordNgrams 2 -minn 2 -maxn 4 -bucket 200000 -thread 2 -verbose 0
echo "text: $(wc -l < words.txt) lines, $(wc -c < words.txt) bytes"
: > empty.txt
for model in words chars; do
  /usr/bin/time -f "cli $model, reading the model only: %e s" fasttext predict-prob $model.bin empty.txt 2 > /dev/null
done
for round in $(seq "$rounds"); do
  for model in words chars; do
    /usr/bin/time -f "cli $model round $round: %e s wall, %U s user" fasttext predict-prob $model.bin words.txt 2 > cli.txt
    CORPUSFORGE_HEAP="${CORPUSFORGE_HEAP:-3g}" "$repo/scripts/corpusforge" classify --model $model.bin -k 2 \
      < words.txt 2> err.txt > ours.txt
    echo "ours $model round $round: $(grep '^classify:' err.txt)"
    echo "  lines differing: $(diff cli.txt ours.txt | grep -c '^<' || true)"
  done
done
