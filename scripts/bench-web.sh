#!/usr/bin/env bash
# WARC-to-text throughput against an identity copy of the same WARC files (their bytes to zstd Parquet), in
# one Spark session. The WARC files come from ../shared/tools/make_bench_warc.py (real Aozora prose as HTML
# pages, boilerplate, exact and near copies), generated here unless a directory of .warc.gz files is given.
#   scripts/bench-web.sh PAGES [WARC_DIR] [REPEAT]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:?usage: scripts/bench-web.sh PAGES [WARC_DIR] [REPEAT]}"
warc_dir="${2:-}"
repeat="${3:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$warc_dir" ]; then
  python3 "$repo/../shared/tools/make_bench_warc.py" --out "$work/gen" --pages "$pages" > /dev/null
  warc_dir="$work/gen/warc"
fi
inputs=()
for f in $(ls "$warc_dir"/*.warc.gz | sort); do inputs+=(--input "$f"); done
cd "$repo"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $pages pages"
"$repo/scripts/corpusforge" bench pipeline --config conf/bench-web.yaml "${inputs[@]}" --work "$work/out" --repeat "$repeat" \
  --baseline files
