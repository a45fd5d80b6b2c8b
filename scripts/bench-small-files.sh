#!/usr/bin/env bash
# Many small files against one file of the same records (issue 12, item 13): N JSONL files of one 65-byte record
# each, and one JSONL file holding the same N lines, each through `run` (conf: normalize, length-ratio) with the
# launcher, in that order, ROUNDS times. Prints the wall time of each run and the manifest's phase_seconds.
#   scripts/bench-small-files.sh [N=20000] [ROUNDS=2]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
n="${1:-20000}"
rounds="${2:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cf="$repo/scripts/corpusforge"
python3 - "$work" "$n" <<'PY'
import os, sys
work, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{work}/many")
os.makedirs(f"{work}/one")
kana = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
lines = []
for i in range(n):
    # 65 bytes with the newline: {"text":""} (11), 17 kana of 3 bytes (51), 2 digits
    text = "".join(kana[(i // len(kana) ** k + k) % len(kana)] for k in range(17)) + "%02d" % (i % 100)
    line = ('{"text":"%s"}\n' % text).encode()
    lines.append(line)
    with open(f"{work}/many/{i:05d}.jsonl", "wb") as out:
        out.write(line)
with open(f"{work}/one/all.jsonl", "wb") as out:
    out.write(b"".join(lines))
print(f"bench-small-files: {n} files of {len(lines[0])} bytes, and one file of {sum(map(len, lines))} bytes")
PY
cat > "$work/bench.yaml" <<YAML
inputs: [{path: unused}]
stages: [{name: normalize}, {name: length-ratio, min_chars: 5}]
YAML
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(git rev-parse --short HEAD)"
for round in $(seq 1 "$rounds"); do
  for kind in many one; do
    start=$(date +%s.%N)
    "$cf" run --config "$work/bench.yaml" --input "$work/$kind" --output "$work/out-$kind-$round" > "$work/$kind.log" 2>&1 \
      || { cat "$work/$kind.log" >&2; exit 1; }
    end=$(date +%s.%N)
    python3 - "$work/out-$kind-$round/manifest.json" "$kind" "$round" "$start" "$end" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
wall = float(sys.argv[5]) - float(sys.argv[4])
print(f"round {sys.argv[3]} {sys.argv[2]:>4}: {len(m['inputs']):>6} inputs, {m['totals']['records_read']} records, "
      f"command {wall:6.1f} s, run {m['duration_seconds']:6.1f} s, phases {m['phase_seconds']}")
PY
  done
done
