#!/usr/bin/env bash
# Interrupted runs (issues 30 and 44), through the launcher, each resumed with the command the run printed (or with
# --resume added, after a kill -9) until it finishes; the finished corpus must verify and hold the very bytes of an
# uninterrupted run in every file (all but the manifest, card and report page, which name the run).
#
#  sample:         SIGINT in the read pass -> SIGTERM in shard writing -> resumed to the end
#  sample/mixed:   kill -9 right after the first unit of the read pass is committed -> kill -9 right after the first
#                  shard is committed -> resumed to the end
#
# A signal (SIGINT, SIGTERM) must give one line (what was interrupted, what is done, the exact command that resumes
# it), no stack trace, exit 130 or 143, and no lock. It is sent while a task of the phase waits for it (a fault
# setting makes the first reading task, or the second shard-writing task, wait), so that it lands in that phase; a
# kill -9 comes from inside at a chosen commit (a fault setting makes the JVM halt, as kill -9 does), so nothing here
# waits for a time.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cf="$repo/scripts/corpusforge"
fail() { echo "interrupt-smoke: FAIL: $*" >&2; exit 1; }
step=0

# the corpus's files with their SHA-256s, but those that name the run
digest() { (cd "$1" && find . -type f ! -name manifest.json ! -name README.md ! -name report.html ! -name _lock \
  -print0 | sort -z | xargs -0 sha256sum); }

# signalled OUT TASK SIGNAL STATUS RUN_ARGS... : a run signalled with SIGNAL while its task TASK (read:0, write:1)
# waits for it (corpusforge.fault.pause-executor: the task writes its process id to a marker file and waits), so the
# signal lands inside that phase whatever the machine's speed
signalled() {
  local out="$1" task="$2" signal="$3" expected="$4"; shift 4
  step=$((step + 1))
  local marker="$work/paused$step"
  set +e
  # job control on: a script's background job would otherwise start with SIGINT ignored, as no terminal's job does
  set -m
  "$cf" "$@" --conf "spark.hadoop.corpusforge.fault.pause-executor=$task" \
    --conf "spark.hadoop.corpusforge.fault.pause-marker=$marker" > "$work/out$step.log" 2> "$work/err$step.log" &
  local launcher=$!
  set +m
  # the task's marker, written when it starts to wait (the timeout is a hang guard, not a timing check)
  timeout 600 grep -m1 -q "injected fault: ${task%%:*} task ${task#*:} waits to be killed" \
    < <(tail -n +1 --pid="$launcher" -f "$work/err$step.log")
  pkill -"$signal" -f "java.*--output $out "
  # a hang guard, not a timing check: a run started with the signal ignored (a background job of a script without
  # job control) would wait forever
  if ! timeout 300 tail --pid="$launcher" -f /dev/null; then
    pkill -KILL -f "java.*--output $out " || true
    fail "the run did not end on SIG$signal (was it started with the signal ignored?)"
  fi
  wait "$launcher"
  local status=$?
  set -e
  [ "$status" -ne 0 ] || fail "the run finished before SIG$signal arrived: $(cat "$work/err$step.log")"
  [ "$status" -eq "$expected" ] || fail "SIG$signal in $task: exit $status, expected $expected: $(cat "$work/err$step.log")"
  local lines
  lines="$(grep -v '^WARNING: Using incubator modules' "$work/err$step.log" \
    | grep -cvE '^corpusforge: ([a-z ,-]+: .*(\(done\)|left|[0-9]+:[0-9][0-9])|resume: .*|injected fault: .* waits to be killed .*|warning: .*taking over the lock of a run that is gone.*)$' || true)"
  [ "$lines" -eq 1 ] || fail "SIG$signal in $task: $lines lines, expected 1: $(cat "$work/err$step.log")"
  grep -qE "^corpusforge: interrupted \(SIG$signal\) during .*; [0-9]+ of [0-9]+ input files done(, [0-9]+ of [0-9]+ shards written)?; the output is resumable: scripts/corpusforge run .*--resume( .*)?$" \
    "$work/err$step.log" || fail "SIG$signal in $task: no resume line in $(cat "$work/err$step.log")"
  ! grep -Eq '^\s+at |Exception' "$work/err$step.log" || fail "a stack trace on the console"
  [ ! -e "$out/_lock" ] || fail "SIG$signal in $task left $out/_lock"
  [ ! -e "$out/manifest.json" ] || fail "SIG$signal in $task left a manifest"
  resume="$(sed -n 's/^corpusforge: interrupted .*; the output is resumable: scripts\/corpusforge //p' "$work/err$step.log")"
  echo "interrupt-smoke: SIG$signal while $task waited: exit $status, one line: $(grep -o 'during .*; the output' "$work/err$step.log")"
}

# killed WHAT RUN_ARGS... : a run whose JVM halts (kill -9) right after committing WHAT (unit:N, shard:N)
killed() {
  local what="$1"; shift
  step=$((step + 1))
  set +e
  "$cf" "$@" --conf "spark.hadoop.corpusforge.fault.halt-after-commit=$what" > "$work/out$step.log" 2> "$work/err$step.log"
  local status=$?
  set -e
  [ "$status" -eq 137 ] || fail "kill -9 after committing $what: exit $status, expected 137: $(tail -n 5 "$work/err$step.log")"
  grep -q "injected fault: halting after committing ${what/:/ }" "$work/err$step.log" || fail "no halt after $what"
  echo "interrupt-smoke: kill -9 right after committing $what"
}

# finish OUT CLEAN: the resumed run to its end, verified, byte-identical to CLEAN, having reused work
finish() {
  local out="$1" clean="$2"; shift 2
  step=$((step + 1))
  "$cf" "$@" > "$work/out$step.log" 2> "$work/err$step.log" || fail "the resumed run: $(tail -n 5 "$work/err$step.log")"
  grep -q "^corpusforge: resume: " "$work/err$step.log" || fail "the resumed run said nothing of what it reused"
  "$cf" verify "$out" > /dev/null 2>&1 || fail "verify of $out"
  [ ! -e "$out/_checkpoint" ] || fail "the finished run left its checkpoint"
  diff <(digest "$clean") <(digest "$out") > "$work/diff.txt" || fail "$out differs from an uninterrupted run: $(head "$work/diff.txt")"
  echo "interrupt-smoke: resumed to the end, verified, every file byte-identical ($(grep -c . <(digest "$out")) files); $(grep '^corpusforge: resume: ' "$work/err$step.log" | tr '\n' ' ')"
}

"$cf" run --config conf/sample.yaml --output "$work/clean" > /dev/null 2>&1 || fail "the uninterrupted run"
a=(run --config conf/sample.yaml --output "$work/a")
signalled "$work/a" read:0 INT 130 "${a[@]}"
case "$resume" in
  "run --config conf/sample.yaml --output $work/a "*" --resume") ;;
  *) fail "the printed command: $resume" ;;
esac
signalled "$work/a" write:1 TERM 143 "${a[@]}" --resume
finish "$work/a" "$work/clean" "${a[@]}" --resume

"$cf" run --config conf/sample.yaml --input sample/mixed --output "$work/mixed-clean" > /dev/null 2>&1 \
  || fail "the uninterrupted run of sample/mixed"
m=(run --config conf/sample.yaml --input sample/mixed --output "$work/m")
killed unit:1 "${m[@]}"
[ -n "$(ls "$work/m/_checkpoint/per-document/"unit-*.json 2> /dev/null)" ] || fail "no unit committed before the kill"
killed shard:1 "${m[@]}" --resume
finish "$work/m" "$work/mixed-clean" "${m[@]}" --resume
echo "interrupt-smoke: OK"
