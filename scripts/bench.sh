#!/usr/bin/env bash
# Throughput of the pipeline against an identity copy (Spark JSONL -> zstd Parquet) on the same input, in
# one Spark session, on N shards of the Aozora collection.
#   scripts/bench.sh N [DATA_DIR] [REPEAT]
# DATA_DIR defaults to ../shared/data/aozora (relative to the repository). Results go in BENCHMARKS.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:?usage: scripts/bench.sh N [DATA_DIR] [REPEAT]}"
data="${2:-$repo/../shared/data/aozora}"
repeat="${3:-3}"
inputs=()
for f in $(ls "$data"/aozora_pd_utf8-*.jsonl.gz | sort | head -n "$n"); do inputs+=(--input "$f"); done
[ "${#inputs[@]}" -eq $((2 * n)) ] || { echo "bench: fewer than $n shards in $data" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
"$repo/scripts/corpusforge" bench pipeline --config conf/bench.yaml "${inputs[@]}" --work "$work" --repeat "$repeat"
