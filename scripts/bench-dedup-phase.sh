#!/usr/bin/env bash
# The dedup phase of the whole sample chain on generated web pages, this checkout against another one's launcher,
# alternating, in one series (so both see the same machine):
#
#   scripts/bench-dedup-phase.sh --before OTHER_CHECKOUT/scripts/corpusforge [--warc-dir DIR] [--rounds N]
#       [--set KEY=VALUE ...]
#
# DIR holds .warc.gz files (default: 20,000 pages made by ../shared/tools/make_bench_warc.py into a temporary
# directory). Each round runs conf/sample.yaml's chain with DIR as its only input, 2 M-token shards, once with each
# launcher, and prints the manifest's dedup phase, the whole run's wall and CPU seconds, and dedup's kept and dropped
# counts. --set applies to this checkout's runs only (to try a setting against the other checkout's defaults).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
before=""
warc_dir=""
rounds=2
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --warc-dir) warc_dir="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    *) echo "bench-dedup-phase: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$before" ] && [ -x "$before" ] || { echo "bench-dedup-phase: --before LAUNCHER is required" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$warc_dir" ]; then
  python3 "$repo/../shared/tools/make_bench_warc.py" --out "$work/gen" --pages 20000 --per-file 2500 > /dev/null
  warc_dir="$work/gen/warc"
fi
warcs="$(cd "$warc_dir" && pwd)"
python3 - "$repo/conf/sample.yaml" "$work/bench.yaml" "$warcs" <<'PY'
import sys
src, out, warcs = sys.argv[1:]
text = open(src, encoding="utf-8").read()
start, end = text.index("\ninputs:\n"), text.index("\nstages:\n")
open(out, "w", encoding="utf-8").write(text[:start] + "\ninputs:\n  - path: " + warcs + "/*.warc.gz\n" + text[end:])
PY
"$repo/scripts/corpusforge" --version > /dev/null
"$before" --version > /dev/null
export CORPUSFORGE_REBUILD=0
echo "# $(date -u +%FT%TZ) $(nproc) cores, this: $(git -C "$repo" rev-parse --short HEAD), before: $(git -C "$(dirname "$before")/.." rev-parse --short HEAD), $warcs"
for r in $(seq 1 "$rounds"); do
  for which in before this; do
    launcher="$repo/scripts/corpusforge"
    extra=("${sets[@]+"${sets[@]}"}")
    if [ "$which" = before ]; then launcher="$before"; extra=(); fi
    rm -rf "$work/out"
    (cd "$(dirname "$launcher")/.." && /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$launcher" run \
      --config "$work/bench.yaml" --output "$work/out" --set output.shard_target_tokens=2000000 \
      "${extra[@]+"${extra[@]}"}" > "$work/run.out" 2> "$work/run.err") || { cat "$work/run.err" >&2; exit 1; }
    read -r wall user sys < "$work/time.txt"
    python3 - "$work/out/manifest.json" "$r" "$which" "$wall" "$user" "$sys" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
r, which, wall, user, sys_ = sys.argv[2:]
dedup = next(s for s in m["stages"] if s["name"] == "dedup")
details = m["stage_details"]["dedup"]
print(f"round {r} {which:6s}: dedup phase {m['phase_seconds']['dedup']:.2f} s, run wall {float(wall):.1f} s, "
      f"CPU {float(user) + float(sys_):.1f} s; dedup kept {dedup['kept']}, dropped {dedup['dropped']}, "
      f"candidates {details.get('candidate_pairs', details.get('candidate_edges'))}, "
      f"verified edges {details['verified_edges']}")
print("  phases: " + ", ".join(f"{k} {v:g}" for k, v in m["phase_seconds"].items()))
PY
  done
done
