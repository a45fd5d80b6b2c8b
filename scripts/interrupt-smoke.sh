#!/usr/bin/env bash
# An interrupted run (issue 30): the sample run through the launcher is signalled (SIGINT, then SIGTERM, then SIGINT)
# once each of three phases has ended, so the signal lands in the next one. Each time the run must print one line
# (what was interrupted, and the exact command that resumes it), no stack trace, exit 130 (SIGINT) or 143 (SIGTERM),
# and leave no lock; the command it printed must then finish the corpus, verified and byte-identical to an
# uninterrupted run. Waits for the phase's own line, never for a time.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cf="$repo/scripts/corpusforge"
fail() { echo "interrupt-smoke: FAIL: $*" >&2; exit 1; }
"$cf" run --config conf/sample.yaml --output "$work/clean" > /dev/null 2>&1 || fail "the uninterrupted run"
shards() { python3 -c "import json,sys; print([s['sha256'] for s in json.load(open(sys.argv[1]))['shards']])" "$1/manifest.json"; }
case=0
for point in "checksums:INT:130" "read and per-document stages:TERM:143" "counting:INT:130"; do
  phase="${point%%:*}"; rest="${point#*:}"; signal="${rest%%:*}"; expected="${rest#*:}"
  case=$((case + 1))
  out="$work/run$case"
  set +e
  # job control on: a script's background job would otherwise start with SIGINT ignored, as no terminal's job does
  set -m
  "$cf" run --config conf/sample.yaml --output "$out" > "$work/out$case.log" 2> "$work/err$case.log" &
  launcher=$!
  set +m
  # the phase's "(done)" line, as the run prints it (grep ends at it; a pipe from tail would wait for tail's next
  # write); the timeout is a hang guard, not a timing check
  timeout 600 grep -m1 -q "^corpusforge: $phase: .*(done)" < <(tail -n +1 --pid="$launcher" -f "$work/err$case.log")
  pkill -"$signal" -f "java.*--output $out"
  wait "$launcher"
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    echo "interrupt-smoke: the run finished before SIG$signal after \"$phase\" arrived; that case was not exercised"
    continue
  fi
  [ "$status" -eq "$expected" ] || fail "SIG$signal after \"$phase\": exit $status, expected $expected: $(cat "$work/err$case.log")"
  lines="$(grep -v '^WARNING: Using incubator modules' "$work/err$case.log" | grep -cvE '^corpusforge: [a-z ,-]+: .*(\(done\)|left|[0-9]+:[0-9][0-9])$' || true)"
  [ "$lines" -eq 1 ] || fail "SIG$signal after \"$phase\": $lines lines, expected 1: $(cat "$work/err$case.log")"
  grep -q "^corpusforge: interrupted (SIG$signal) during .*; the output is resumable: scripts/corpusforge run .*--resume$" \
    "$work/err$case.log" || fail "SIG$signal after \"$phase\": no resume line in $(cat "$work/err$case.log")"
  ! grep -Eq '^\s+at |Exception' "$work/err$case.log" || fail "a stack trace on the console"
  [ ! -e "$out/_lock" ] || fail "SIG$signal after \"$phase\" left $out/_lock"
  [ ! -e "$out/manifest.json" ] || fail "SIG$signal after \"$phase\" left a manifest"
  command="$(sed -n 's/^corpusforge: interrupted .*; the output is resumable: scripts\/corpusforge //p' "$work/err$case.log")"
  eval "\"$cf\" $command" > "$work/resume$case.log" 2>&1 || fail "the printed command: $(cat "$work/resume$case.log")"
  "$cf" verify "$out" > /dev/null 2>&1 || fail "verify after resuming from SIG$signal after \"$phase\""
  [ "$(shards "$out")" = "$(shards "$work/clean")" ] || fail "shards after SIG$signal after \"$phase\" differ"
  echo "interrupt-smoke: SIG$signal after \"$phase\": exit $status, one line, no lock; resumed, verified, byte-identical"
done
echo "interrupt-smoke: OK"
