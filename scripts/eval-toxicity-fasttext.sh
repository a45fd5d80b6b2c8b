#!/usr/bin/env bash
# A fastText toxicity classifier beside the lexicon: trained here by Debian's fastText on the Inspection AI rows of
# ../shared/data (Apache-2.0) outside the test split (--split train: about 4 in 5 rows, by a hash of the text),
# Kuromoji-segmented as the classifier stage prepares text, then scored with eval-toxicity on the held-out
# Inspection AI rows (--split test) and on the RTP-LX rows (MIT; evaluation only, never trained on).
#   scripts/eval-toxicity-fasttext.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$repo/../shared/data/toxicity"
inspection="$data/inspection-ai-japanese-toxic-dataset/subset_part_shared.csv"
rtplx="$data/rtp-lx-ja/RTP_LX_JA_part_shared.jsonl"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cf="$repo/scripts/corpusforge"
"$cf" eval toxicity "$inspection" --split train --write-fasttext "$work/train.txt" 2> /dev/null
fasttext supervised -input "$work/train.txt" -output "$work/toxicity" -dim 50 -epoch 25 -wordNgrams 2 -minn 1 \
  -maxn 3 -bucket 100000 -thread 1 -seed 1 -verbose 0
cat > "$work/classifier.yaml" <<YAML
inputs: [{path: unused}]
stages:
  - {name: classifier, id: fasttext, model: $work/toxicity.bin, segment: kuromoji, drop_label: __label__toxic, threshold: 0.5}
YAML
for labelled in "$inspection --split test" "$rtplx"; do
  # shellcheck disable=SC2086
  "$cf" eval toxicity $labelled --model none --classifiers "$work/classifier.yaml" 2> /dev/null
done
