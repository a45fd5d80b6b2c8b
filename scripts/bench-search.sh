#!/usr/bin/env bash
# The character and passage indexes on the Aozora shards of ../shared/data (about 43 M tokens): the run without an
# index, with the character index alone and with both (phase times), verify, `index` on the corpus written without one, then bench-search: index build against
# tokenisation on one core, index bytes against UTF-8 text bytes, count, find and trace latency p50/p99 (counts
# checked against a brute-force scan), 32 concurrent clients.
#   scripts/bench-search.sh [N_SHARDS] [DP_SIZE] [QUERIES] [DATA_DIR]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-8}"
dp="${2:-8}"
queries="${3:-1000}"
data="${4:-$repo/../shared/data/aozora}"
inputs=()
for f in $(ls "$data"/aozora_pd_utf8-*.jsonl.gz | sort | head -n "$n"); do inputs+=(--input "$f"); done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $n shards of $data, --dp-size $dp, $queries queries"
phases() {
  python3 - "$1/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("  phases (s):", ", ".join("%s %.1f" % kv for kv in m["phase_seconds"].items()), "; total %.1f" % m["duration_seconds"])
PY
}
for index in false chars true; do
  settings=(--set output.search_index.enabled=$([ "$index" = false ] && echo false || echo true))
  [ "$index" = chars ] && settings+=(--set output.search_index.passages=false)
  echo "run with ${settings[*]}:"
  "$repo/scripts/corpusforge" run --config conf/bench-tokens.yaml "${inputs[@]}" --output "$work/index-$index" \
    --dp-size "$dp" "${settings[@]}"
  phases "$work/index-$index"
done
start=$(date +%s.%N)
"$repo/scripts/corpusforge" verify "$work/index-true"
echo "  verify with the index: $(python3 -c "import time; print('%.1f s' % (time.time() - $start))")"
start=$(date +%s.%N)
"$repo/scripts/corpusforge" index "$work/index-false"
echo "  index on the corpus written without one (Spark start included): $(python3 -c "import time; print('%.1f s' % (time.time() - $start))")"
same() {
  python3 -c "import json; i=json.load(open('$1/manifest.json'))['search_index']; print([f['sha256'] for f in i['files'] + i['passages']['files']])"
}
cmp <(same "$work/index-true") <(same "$work/index-false") && echo "  the same index bytes (characters and passages) as the run's own"
held=()
# text the Aozora corpus does not hold (modern technical Japanese), for the chance matches by span length
for f in $(find "$repo/../shared/data/debian_docs_ja" -name 'debian-faq.ja.txt.gz' -o -name 'maint-guide.ja.txt.gz' | sort); do
  [ -f "$f" ] && held+=(--held-out "$f")
done
"$repo/scripts/corpusforge" bench search "$work/index-true" --queries "$queries" --scan-queries 50 --traces 50 "${held[@]}"
