#!/usr/bin/env bash
# One core's read speed per input format, the same documents in each: N Aozora shards as JSONL (plain, gzip, zstd)
# and as Parquet (pyarrow: snappy, zstd), then K generated PDFs (chromium, horizontal and vertical, 10 pages each).
# Prints, per format, MB of text per second of reading (bench stages' "read" kernel, fastest of 3 rounds).
#   scripts/bench-inputs.sh [N_SHARDS] [DATA_DIR] [K_PDFS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shards="${1:-2}"
data="${2:-$repo/../shared/data/aozora}"
pdfs="${3:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
scripts/python-venv.sh .venv-interop scripts/interop-requirements.txt > /dev/null
echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $shards Aozora shards of $data, $pdfs PDFs"
mkdir -p "$work/jsonl" "$work/gz" "$work/zst" "$work/parquet-snappy" "$work/parquet-zstd" "$work/pdf"
for f in $(ls "$data"/aozora_pd_utf8-*.jsonl.gz | head -n "$shards"); do
  base="$(basename "$f" .gz)"
  zcat "$f" > "$work/jsonl/$base"
  cp "$f" "$work/gz/"
  zstd -q -3 "$work/jsonl/$base" -o "$work/zst/$base.zst"
done
.venv-interop/bin/python - "$work" <<'PY'
import glob, os, sys
import pyarrow.json as pj, pyarrow.parquet as pq
work = sys.argv[1]
for f in sorted(glob.glob(os.path.join(work, "jsonl", "*.jsonl"))):
    table = pj.read_json(f)
    name = os.path.basename(f).replace(".jsonl", ".parquet")
    pq.write_table(table, os.path.join(work, "parquet-snappy", name), compression="snappy")
    pq.write_table(table, os.path.join(work, "parquet-zstd", name), compression="zstd")
PY
# PDFs: Aozora text printed by chromium, half horizontal, half vertical
.venv-interop/bin/python - "$work" "$pdfs" "$work/jsonl" <<'PY'
import glob, html, json, os, sys
work, count, jsonl = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = []
for f in sorted(glob.glob(os.path.join(jsonl, "*.jsonl"))):
    for line in open(f, encoding="utf-8"):
        t = json.loads(line).get("text", "")
        if len(t) > 6000:
            texts.append(t[:6000])
        if len(texts) >= count:
            break
for i, t in enumerate(texts[:count]):
    style = "writing-mode: vertical-rl;" if i % 2 else ""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in t.split("\n") if p.strip())
    open(os.path.join(work, "pdf", f"{i:03d}.html"), "w", encoding="utf-8").write(
        f'<!doctype html><meta charset="utf-8"><style>@page {{size: A5; margin: 20mm 15mm}} body {{font-family: IPAGothic; font-size: 10pt; {style}}}</style>{paragraphs}')
PY
for h in "$work"/pdf/*.html; do
  chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --print-to-pdf="${h%.html}.pdf" "file://$h" > /dev/null 2>&1
  rm "$h"
done
pages=$(.venv-interop/bin/python -c "
import glob,re
n=0
for f in glob.glob('$work/pdf/*.pdf'):
    n+=len(re.findall(rb'/Type\s*/Page[^s]', open(f,'rb').read()))
print(n)")
echo "| input | files MB | text MB | read s (one core) | MB of text / s |"
echo "|---|---|---|---|---|"
for kind in jsonl gz zst parquet-snappy parquet-zstd pdf; do
  out="$(scripts/corpusforge bench stages --config conf/bench-inputs.yaml --input "$work/$kind" --max-mb 100000 --repeat 3 2>/dev/null)"
  text_mb="$(echo "$out" | sed -n 's/.* documents, \([0-9.]*\) MB of text read from \([0-9.]*\) MB of files.*/\1/p')"
  files_mb="$(echo "$out" | sed -n 's/.* documents, \([0-9.]*\) MB of text read from \([0-9.]*\) MB of files.*/\2/p')"
  seconds="$(echo "$out" | grep '^| read ' | awk -F'|' '{gsub(/ /,"",$5); print $5}')"
  echo "| $kind | $files_mb | $text_mb | $seconds | $(python3 -c "print(round($text_mb/$seconds,1))") |"
  if [ "$kind" = pdf ]; then pdf_seconds="$seconds"; fi
done
echo "PDF: $pages pages in $pdf_seconds s of one core, $(python3 -c "print(round($pages/$pdf_seconds,1))") pages/s"
