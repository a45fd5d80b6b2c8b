#!/usr/bin/env bash
# What benchmark decontamination costs in a run: the sample's configuration over the Aozora shards of
# ../shared/data, with decontamination against every JGLUE v1.3 split (../shared/data/benchmarks/jglue-v1.3, read in
# place) and without it, alternating, ROUNDS times each; prints wall and CPU seconds per run and the phase lines.
# The kernel alone (one core) and the index's memory: scripts/eval-decontam --scale-items 100000.
#   scripts/bench-decontam.sh [ROUNDS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
jglue="$repo/../shared/data/benchmarks/jglue-v1.3"
benchmarks="["
for f in "$jglue"/*/*.json; do
  benchmarks+="{path: $f}, "
done
benchmarks="${benchmarks%, }]"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
export CORPUSFORGE_HEAP="${CORPUSFORGE_HEAP:-6g}"
for round in $(seq "$rounds"); do
  for mode in with without; do
    if [ "$mode" = with ]; then
      set -- --set "decontamination.benchmarks=$benchmarks" --set decontamination.action=drop
    else
      set -- --set "decontamination.benchmarks=[]"
    fi
    /usr/bin/time -f "$mode round $round: wall %e s, user %U s, sys %S s" \
      scripts/corpusforge run --config conf/sample.yaml --input "$repo/../shared/data/aozora/*.jsonl.gz" \
      --output "$work/$mode-$round" --set output.shard_target_tokens=20000000 "$@" 2>&1 \
      | grep "corpusforge: \(dedup\|boilerplate\|decontaminate\|counting\|[0-9]* records\)\|round"
    rm -rf "${work:?}/$mode-$round"
  done
done
