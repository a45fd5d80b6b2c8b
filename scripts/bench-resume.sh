#!/usr/bin/env bash
# What a resume saves (issue 44): the sample chain on N generated web pages in many files, run once uninterrupted,
# then stopped by kill -9 at 70 % of its read pass and resumed, then stopped at 70 % of its shard writing and resumed.
#   scripts/bench-resume.sh N [--per-file P] [--shard-tokens T] [--at F] [--unit-mb U]
# N pages from ../shared/tools/make_bench_warc.py, P per file (default 250: many files, as crawls come); T tokens per
# shard (default 2,000,000, so that there are shards to stop among); F the fraction at which to stop (default 0.7);
# U the checkpoint's unit size in MiB (default 2: the run's 16 MiB would make a pass of a few hundred MB a handful of
# units, where a team's terabytes are hundreds of thousands; the output does not depend on it).
# The read pass is stopped from outside: kill -9 of the run's JVM once its progress line (printed every second)
# shows F of the input bytes read, so what the tasks under way had not committed is lost, as in a real stop.
# Shard writing is stopped from inside: the JVM halts (as kill -9 does) right after it commits the shard that reaches
# F of the shards (spark.hadoop.corpusforge.fault.halt-after-commit). Every resumed corpus is compared file by file
# with the uninterrupted one. Prints wall seconds of each run and of its phases (the manifest's phase_seconds), and
#   resume / uninterrupted   = the resumed run's wall time over the uninterrupted run's
#   phase resumed / phase    = the stopped phase's time in the resumed run over the same phase uninterrupted
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:?usage: scripts/bench-resume.sh N [--per-file P] [--shard-tokens T] [--at F] [--unit-mb U]}"
shift
per_file=250
shard_tokens=2000000
at=0.7
unit_mb=2
while [ $# -gt 0 ]; do
  case "$1" in
    --per-file) per_file="$2"; shift 2 ;;
    --shard-tokens) shard_tokens="$2"; shift 2 ;;
    --at) at="$2"; shift 2 ;;
    --unit-mb) unit_mb="$2"; shift 2 ;;
    *) echo "bench-resume: unknown argument $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$repo"
cf="$repo/scripts/corpusforge"
"$cf" --version > /dev/null # builds the jar if a source is newer, before any timing
export CORPUSFORGE_REBUILD=0
export CORPUSFORGE_PROGRESS_SECONDS=1
fail() { echo "bench-resume: FAIL: $*" >&2; exit 1; }

python3 "$repo/../shared/tools/make_bench_warc.py" --out "$work/warc" --pages "$pages" --per-file "$per_file" > /dev/null
files="$(find "$work/warc/warc" -name '*.warc.gz' | wc -l)"
python3 - "$repo/conf/sample.yaml" "$work/bench.yaml" "$work/warc/warc" <<'PY'
import sys
src, out, warc = sys.argv[1:4]
text = open(src, encoding="utf-8").read()
start, end = text.index("\ninputs:\n"), text.index("\nstages:\n")
inputs = "inputs:\n  - path: %s/*.warc.gz\n    name: web\n" % warc
open(out, "w", encoding="utf-8").write(text[:start] + "\n" + inputs + text[end:])
PY
# the checkpoint is kept after the uninterrupted run only to count its units and shards
settings=(--set output.shard_target_tokens="$shard_tokens" --set output.keep_checkpoint=true
  --conf "spark.hadoop.corpusforge.checkpoint.unit-bytes=$((unit_mb << 20))")

seconds_since() { python3 -c "import sys, time; print(round(time.time() - float(sys.argv[1]), 1))" "$1"; }
timed() { # timed LABEL ARGS...: runs corpusforge, its wall seconds in $work/LABEL.wall; returns its exit status
  local label="$1"; shift
  local start status
  start="$(date +%s.%N)"
  set +e
  "$cf" "$@" > "$work/$label.out" 2> "$work/$label.err"
  status=$?
  set -e
  seconds_since "$start" > "$work/$label.wall"
  return "$status"
}
phases() { python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(' '.join(f'{k} {v:.1f}' for k, v in m['phase_seconds'].items()))" "$1/manifest.json"; }
phase() { python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(sum(v for k, v in m['phase_seconds'].items() if k in sys.argv[2].split(',')))" "$1/manifest.json" "$2"; }
digest() { (cd "$1" && find . -type f ! -path './_checkpoint/*' ! -name manifest.json ! -name README.md ! -name report.html \
  -print0 | sort -z | xargs -0 sha256sum); }

timed clean run --config "$work/bench.yaml" --output "$work/clean" "${settings[@]}" || fail "the uninterrupted run: $(tail -n 3 "$work/clean.err")"
units="$(find "$work/clean/_checkpoint/per-document" -name 'unit-*.json' | wc -l)"
shards="$(find "$work/clean/_checkpoint/shards" -name 'part-*.json' | wc -l)"
echo "## $pages pages in $files files; $units units of input files ($unit_mb MiB), $shards shards ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
echo "uninterrupted: $(cat "$work/clean.wall") s; phases: $(phases "$work/clean")"

for what in unit shard; do
  out="$work/$what"
  if [ "$what" = unit ]; then
    total="$units"
    phase_names="read_stages_checkpoint"
    # kill -9 from outside once the read pass's progress line shows the fraction of the input bytes read
    start="$(date +%s.%N)"
    "$cf" run --config "$work/bench.yaml" --output "$out" "${settings[@]}" > "$work/unit-stopped.out" 2> "$work/unit-stopped.err" &
    launcher=$!
    python3 "$repo/scripts/progress-reached.py" "read and per-document stages" "$at" \
      < <(tail -n +1 --pid="$launcher" -f "$work/unit-stopped.err")
    pkill -KILL -f "java.*--output $out " || true
    set +e; wait "$launcher"; set -e
    seconds_since "$start" > "$work/unit-stopped.wall"
    [ ! -e "$out/manifest.json" ] || fail "the run finished before the kill"
    stop="$(find "$out/_checkpoint/per-document" -name 'unit-*.json' 2> /dev/null | wc -l)"
    echo "killed at: $(grep '^corpusforge: read and per-document stages: ' "$work/unit-stopped.err" | tail -n 1)"
  else
    total="$shards"
    phase_names="tokenize_and_shards"
    stop="$(python3 -c "import math; print(max(1, min($total - 1, math.ceil($at * $total))))")"
    if timed shard-stopped run --config "$work/bench.yaml" --output "$out" "${settings[@]}" \
        --conf "spark.hadoop.corpusforge.fault.halt-after-commit=shard:$stop"; then
      fail "the run was not stopped at shard $stop"
    fi
    grep -q "injected fault: halting after committing shard $stop" "$work/shard-stopped.err" \
      || fail "no stop at shard $stop: $(tail -n 3 "$work/shard-stopped.err")"
  fi
  timed "$what-resumed" run --config "$work/bench.yaml" --output "$out" "${settings[@]}" --resume \
    || fail "the resumed run: $(tail -n 3 "$work/$what-resumed.err")"
  diff <(digest "$work/clean") <(digest "$out") > "$work/$what.diff" \
    || fail "the corpus resumed after the stop at $what $stop differs: $(head -n 4 "$work/$what.diff") (in $work)"
  python3 - "$what" "$stop" "$total" "$(cat "$work/$what-stopped.wall")" "$(cat "$work/$what-resumed.wall")" \
    "$(cat "$work/clean.wall")" "$(phase "$out" "$phase_names")" "$(phase "$work/clean" "$phase_names")" <<'PY'
import sys
what, stop, total, stopped, resumed, clean, phase_resumed, phase_clean = sys.argv[1:]
name = {"unit": "read pass", "shard": "shard writing"}[what]
print(f"stopped by kill -9 with {stop} of {total} {what}s committed ({name}) at {float(stopped):.1f} s; "
      f"resumed in {float(resumed):.1f} s: resume / uninterrupted {float(resumed) / float(clean):.2f}; {name} "
      f"resumed / uninterrupted {float(phase_resumed):.1f} / {float(phase_clean):.1f} s = "
      f"{float(phase_resumed) / float(phase_clean):.2f}")
PY
  echo "  resumed run's phases: $(phases "$out"); $(grep '^corpusforge: resume: ' "$work/$what-resumed.err" | sed 's/^corpusforge: //' | tr '\n' ' ')"
done
echo "bench-resume: every resumed corpus byte-identical to the uninterrupted one"
