#!/usr/bin/env bash
# The fuzz check (issue 12): hostile inputs (scripts/make-hostile-inputs.py, seeded) through run, inspect and
# verify with the launcher's defaults (its heap, 4g), and the operator mistakes that once deleted or lost data.
# Exits 0 only when, for every case:
#  - run, inspect and verify exit as they should and print no stack trace on the console;
#  - verify passes (every file as the manifest lists it, the accounting adds up);
#  - every planted path is an input of the manifest with the records it planted (kept, dropped or quarantined),
#    and the quarantine holds the reasons it should (a FIFO, a link loop, a bomb, a damaged member ...);
#  - no personal data planted in quarantined records appears in any file of the output;
#  - inspect prints one line per record the run counted, and does not hang on the FIFO;
#  - a mistaken --overwrite, an output inside the inputs, a foreign file, a bad setting and two runs into one
#    directory at once each give one line and exit 2, deleting nothing; exactly one of the two runs succeeds;
#  - a FIFO or /dev/zero as a model, a key given twice, a YAML alias, a negative fraction, tab indentation, a user's
#    own README.md under --overwrite and a manifest pointing outside its corpus: one line and exit 2 each;
#  - a full disk gives one line and exit 1 (when this user may mount a small tmpfs).
#   scripts/fuzz.sh [--seed N] [--big]      (--big: the slow cases; see BENCHMARKS.md)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
seed=1
big=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --big) big="--big"; shift ;;
    *) echo "fuzz: usage: scripts/fuzz.sh [--seed N] [--big]" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo -n"
trap '$sudo umount "$work/full" 2> /dev/null || true; rm -rf "$work"' EXIT
cf="$repo/scripts/corpusforge"
fail() { echo "fuzz: FAIL: $*" >&2; exit 1; }
# a console is clean when it holds no stack trace (the log file may)
no_trace() { ! grep -Eq '^\s+at [a-zA-Z_$]|^Caused by:|Exception in thread' "$1" || fail "stack trace on the console of $2: $(grep -Em3 '^\s+at |^Caused by:' "$1")"; }
# a hang guard, not a timing check: nothing here takes a tenth of it
guard() { timeout 1800 "$@"; }

python3 scripts/make-hostile-inputs.py --seed "$seed" --out "$work/cases" $big
limit="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["max_record_bytes"])' "$work/cases/expected.json")"
huge="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["huge_max_record_bytes"])' "$work/cases/expected.json")"
cat > "$work/fuzz.yaml" <<YAML
inputs:
  - {path: $work/cases/inputs, name: inputs, max_record_bytes: $limit, jsonl: {attribute_fields: [author]}}
  - {path: $work/cases/huge, name: huge, max_record_bytes: $huge}
stages:
  - name: aozora
  - name: transcript-clean
  - name: normalize
  - name: pii
    max_density: 0.5
  - name: length-ratio
    min_chars: 10
  - name: url-filter
    block: [{name: ng-domains, kind: domain, path: $work/cases/lists/domains.txt}]
dedup: {exact: true, near: false}
output: {write_dropped: true, search_index: {enabled: true}}
YAML

# 1. the hostile inputs through run (the launcher's default heap), verify and inspect
started=$(date +%s)
CORPUSFORGE_LOG="$work/run-full.log" guard "$cf" run --config "$work/fuzz.yaml" --output "$work/out" \
  > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; fail "run exited $?"; }
echo "fuzz: run over $(ls "$work/cases/inputs" | wc -l) top-level paths took $(( $(date +%s) - started )) s"
no_trace "$work/run.log" run
grep -q OutOfMemoryError "$work/run-full.log" 2> /dev/null && fail "OutOfMemoryError in run"
"$cf" verify "$work/out" > "$work/verify.log" 2>&1 || { cat "$work/verify.log" >&2; fail "verify"; }
no_trace "$work/verify.log" verify
"$cf" show "$work/out" --limit 0 > "$work/rows.jsonl" 2> "$work/show.log" || { cat "$work/show.log" >&2; fail "show"; }
guard "$cf" inspect --config "$work/fuzz.yaml" "$work/cases/inputs" "$work/cases/huge" > "$work/inspect.jsonl" \
  2> "$work/inspect.err" || { cat "$work/inspect.err" >&2; fail "inspect"; }
no_trace "$work/inspect.err" inspect
python3 - "$work" <<'PY' || fail "accounting"
import glob, json, os, sys
work = sys.argv[1]
expected = json.load(open(f"{work}/cases/expected.json"))
manifest = json.load(open(f"{work}/out/manifest.json"))
base = "file:" + os.path.realpath(f"{work}/cases") + "/"
records = {i["uri"][len(base):] if i["uri"].startswith(base) else i["uri"]: i["records"] for i in manifest["inputs"]}
reasons = {}
for f in glob.glob(f"{work}/out/quarantine/*.jsonl"):
    for line in open(f, encoding="utf-8"):
        q = json.loads(line)
        reasons.setdefault(q["source_uri"][len(base):], set()).add(q["reason"])
problems = []
for path, e in sorted(expected["files"].items()):
    if path not in records:
        problems.append(f"{path}: not among the manifest's inputs (lost silently)")
        continue
    n = records[path]
    if "records" in e and n != e["records"]:
        problems.append(f"{path}: {n} records, planted {e['records']}")
    if "min_records" in e and n < e["min_records"]:
        problems.append(f"{path}: {n} records, planted at least {e['min_records']}")
    missing = set(e["reasons"]) - reasons.get(path, set())
    if missing:
        problems.append(f"{path}: no quarantine record with {sorted(missing)} (has {sorted(reasons.get(path, []))})")
    if e.get("clean") and reasons.get(path):
        problems.append(f"{path}: quarantined {sorted(reasons[path])}, expected every record read")
for extra in sorted(set(records) - set(expected["files"])):
    problems.append(f"{extra}: read but not planted")
t = manifest["totals"]
if t["records_read"] != t["kept"] + t["dropped"] + t["quarantined"]:
    problems.append(f"totals do not add up: {t}")
if sum(records.values()) != t["records_read"]:
    problems.append(f"inputs' records {sum(records.values())} != records_read {t['records_read']}")
inspected = sum(1 for _ in open(f"{work}/inspect.jsonl", encoding="utf-8"))
# inspect runs the per-document stages only: the same records as the read stage
if inspected != t["records_read"]:
    problems.append(f"inspect printed {inspected} records, run read {t['records_read']}")
# every file of the corpus as stored (shards, manifest, card, report, quarantine, dropped, index and passage files),
# the shards' rows as `show` decodes them (Parquet pages are compressed), the run's console and log, and inspect's
scanned = [os.path.join(root, name) for root, _, files in os.walk(f"{work}/out") for name in files]
scanned += [f"{work}/{name}" for name in ("rows.jsonl", "run.log", "run-full.log", "inspect.jsonl", "inspect.err")
            if os.path.exists(f"{work}/{name}")]
for path in scanned:
    data = open(path, "rb").read()
    for secret in expected["secrets"]:
        if secret.encode() in data:
            problems.append(f"{os.path.relpath(path, work)}: holds planted personal data {secret}")
if not os.path.exists(f"{work}/out/search") or not any(n.endswith(".csa") for n in os.listdir(f"{work}/out/search")):
    problems.append("no search index was written to scan")
for p in problems:
    print("fuzz:", p, file=sys.stderr)
print(f"fuzz: {len(expected['files'])} planted paths, {t['records_read']} records: {t['kept']} kept, "
      f"{t['dropped']} dropped, {t['quarantined']} quarantined; quarantine reasons "
      f"{sorted(set().union(*reasons.values()))}")
sys.exit(1 if problems else 0)
PY

# 1b. memory outside the heap: zstd frames each naming a 64 MiB window, read with a 256 MiB heap. A reader that
# frees each frame's window holds about 0.5 GB (the JVM, the heap, one window); one that keeps them, 1.5 GB.
rss="$( { CORPUSFORGE_HEAP=256m /usr/bin/time -f 'maxrss_kb %M' "$cf" inspect \
  "$work/cases/inputs/claims/many-windows.jsonl.zst" > /dev/null; } 2>&1 | sed -n 's/^maxrss_kb //p')"
[ -n "$rss" ] || fail "no memory figure for the zstd windows (is GNU time at /usr/bin/time?)"
[ "$rss" -lt 1000000 ] || fail "reading 16 zstd frames of 64 MiB windows held $((rss / 1024)) MiB: a window per frame"
echo "fuzz: 16 zstd frames of 64 MiB windows read in $((rss / 1024)) MiB resident (heap 256 MiB)"
# a PDF whose page inflates to 256 MiB, read with a 256 MiB heap: counted while it is decoded (PDFBox alone decodes
# a stream whole, into memory, before anything can count it)
printf 'input_defaults: {max_record_bytes: %s}\n' "$limit" > "$work/limit.yaml"
CORPUSFORGE_HEAP=256m "$cf" inspect --config "$work/limit.yaml" "$work/cases/inputs/bomb.pdf" > "$work/pdf-bomb.jsonl" \
  2> "$work/pdf-bomb.err" \
  || { cat "$work/pdf-bomb.err" >&2; fail "the PDF bomb with a 256 MiB heap"; }
grep -q '"reason":"record-too-large"' "$work/pdf-bomb.jsonl" || fail "the PDF bomb was not quarantined: $(cat "$work/pdf-bomb.jsonl")"

# 2. operator mistakes: one line, exit 2, nothing deleted
one_line_exit2() {  # NAME EXPECTED_TEXT LOG STATUS [EXPECTED_STATUS]
  [ "$4" -eq "${5:-2}" ] || fail "$1: exit $4, expected ${5:-2}: $(cat "$3")"
  local lines
  # the run's progress lines (one per finished phase) are not part of the error
  lines="$(grep -v '^WARNING: Using incubator modules' "$3" \
    | grep -cvE '^corpusforge: [a-z ,-]+: .*(\(done\)|left|[0-9]+:[0-9][0-9])$' || true)"
  [ "$lines" -eq 1 ] || fail "$1: $lines lines on the console, expected 1: $(cat "$3")"
  grep -q -- "$2" "$3" || fail "$1: no '$2' in: $(cat "$3")"
}
small="$work/cases/inputs/small"
mkdir -p "$work/o1" && cp "$small/00000.jsonl" "$work/o1/in.jsonl"
set +e
"$cf" run --config "$work/fuzz.yaml" --input "$work/o1/in.jsonl" --output "$work/o1" --overwrite > "$work/m1.log" 2>&1
one_line_exit2 "output holding the input" "contains the input" "$work/m1.log" $?
[ -s "$work/o1/in.jsonl" ] || fail "--overwrite deleted an input"
"$cf" run --config "$work/fuzz.yaml" --input "$small" --output "$small/corpus" > "$work/m2.log" 2>&1
one_line_exit2 "output inside an input directory" "inside the input directory" "$work/m2.log" $?
cp -r "$work/out" "$work/o3" && echo "mine" > "$work/o3/notes.txt"
"$cf" run --config "$work/fuzz.yaml" --input "$small" --output "$work/o3" --overwrite > "$work/m3.log" 2>&1
one_line_exit2 "foreign file in the output" "which corpusforge did not write" "$work/m3.log" $?
[ -s "$work/o3/notes.txt" ] && [ -s "$work/o3/manifest.json" ] || fail "a refused --overwrite deleted files"
"$cf" run --config conf/sample.yaml --output "$work/o4" --set output.megatron.eod_token=NOT-A-TOKEN > "$work/m4.log" 2>&1
one_line_exit2 "bad eod_token" "eod_token" "$work/m4.log" $?
[ ! -e "$work/o4" ] || fail "a refused setting left $work/o4 behind"
# two runs into one directory at once: one writes the corpus, the other is refused (by the first one's lock, or,
# had the first finished already, by its corpus)
"$cf" run --config "$work/fuzz.yaml" --input "$small" --output "$work/o5" > "$work/m5a.log" 2>&1 &
a=$!
"$cf" run --config "$work/fuzz.yaml" --input "$small" --output "$work/o5" > "$work/m5b.log" 2>&1 &
b=$!
wait $a; sa=$?
wait $b; sb=$?
set -e
if [ "$sa" -eq 0 ]; then refused=m5b; status=$sb; else refused=m5a; status=$sa; fi
[ $((sa == 0 ? 1 : 0)) -ne $((sb == 0 ? 1 : 0)) ] || fail "two runs into one directory: exits $sa and $sb, expected one 0"
one_line_exit2 "second run into one directory" "--output $work/o5" "$work/$refused.log" "$status"
"$cf" verify "$work/o5" > /dev/null 2>&1 || fail "verify after two runs into one directory"
# issue 27: driver-side files that are not files, configurations YAML would misread, a user's own README.md, a
# manifest pointing outside its corpus
mkfifo "$work/model.fifo"
set +e
guard "$cf" run --config conf/sample.yaml --output "$work/o6" --set tokenizer.model="$work/model.fifo" > "$work/m7.log" 2>&1
one_line_exit2 "a FIFO as the tokenizer model" "not a regular file" "$work/m7.log" $?
guard "$cf" run --config conf/sample.yaml --output "$work/o6" --set tokenizer.model=/dev/zero > "$work/m8.log" 2>&1
one_line_exit2 "/dev/zero as the tokenizer model" "not a regular file" "$work/m8.log" $?
printf 'inputs: [{path: %s}]\nstages: [{name: pii}]\nstages: [{name: normalize}]\n' "$small" > "$work/dup.yaml"
"$cf" run --config "$work/dup.yaml" --output "$work/o6" > "$work/m9.log" 2>&1
one_line_exit2 "a key given twice" "Duplicate field 'stages'" "$work/m9.log" $?
printf 'inputs: [{path: %s}]\ndedup: {seed: &s 7}\noutput: {shuffle_seed: *s}\n' "$small" > "$work/alias.yaml"
"$cf" run --config "$work/alias.yaml" --output "$work/o6" > "$work/m10.log" 2>&1
one_line_exit2 "a YAML alias" "alias \*s is not supported" "$work/m10.log" $?
printf 'inputs: [{path: %s}]\nstages: [{name: quality, rules: {min_hiragana_fraction: -0.1}}]\n' "$small" > "$work/neg.yaml"
"$cf" run --config "$work/neg.yaml" --output "$work/o6" > "$work/m11.log" 2>&1
one_line_exit2 "a negative fraction" "expected a number from 0.0 to 1.0" "$work/m11.log" $?
printf 'inputs: [{path: %s}]\noutput:\n\tdp_size: 2\n' "$small" > "$work/tab.yaml"
"$cf" run --config "$work/tab.yaml" --output "$work/o6" > "$work/m12.log" 2>&1
one_line_exit2 "tab indentation" "not valid YAML at line 3" "$work/m12.log" $?
[ ! -e "$work/o6" ] || fail "a refused run left $work/o6 behind"
mkdir -p "$work/o7" && echo "my notes" > "$work/o7/README.md"
"$cf" run --config "$work/fuzz.yaml" --input "$small" --output "$work/o7" --overwrite > "$work/m13.log" 2>&1
one_line_exit2 "--overwrite over a user's README.md" "no run of it left a manifest there" "$work/m13.log" $?
[ "$(cat "$work/o7/README.md")" = "my notes" ] || fail "--overwrite deleted a user's README.md"
cp -r "$work/out" "$work/o8"
python3 - "$work/o8/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["shards"][0]["path"] = "shards/../../out/" + m["shards"][0]["path"]
json.dump(m, open(sys.argv[1], "w"))
PY
"$cf" verify "$work/o8" > "$work/m14.log" 2>&1
one_line_exit2 "a manifest path outside the corpus" "leaves or bends the corpus directory" "$work/m14.log" $?
# issue 48: a downloaded corpus is input too (a FIFO in it hung verify, show and search; a link to / made verify walk
# the file system); YAML 1.1's words and a language label the stage never gives
cp -r "$work/out" "$work/o9" && mkfifo "$work/o9/shards/part-09999.parquet" && ln -s / "$work/o9/search/everything"
guard "$cf" verify "$work/o9" > "$work/m15.log" 2>&1
one_line_exit2 "a FIFO and a link to / inside a corpus" "search/everything is a symbolic link\|is not a regular file" \
  "$work/m15.log" $?
guard "$cf" search "$work/o9" count あ > "$work/m16.log" 2>&1
one_line_exit2 "search on a corpus holding a FIFO" "is a symbolic link\|is not a regular file" "$work/m16.log" $?
# serve: request lines the JDK's server would refuse with its own HTML page get the JSON 400 of every bad request, and
# it goes on serving (serve prints its address once it listens: read, not waited for)
coproc SERVE { exec "$cf" serve "$work/out" --port 0 2> "$work/serve.err"; }
read -r served <&"${SERVE[0]}" || fail "serve printed no address: $(cat "$work/serve.err")"
port="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' <<< "$served")"
python3 - "$port" <<'PY' || fail "serve on malformed request lines"
import json, socket, sys
def ask(line):
    with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=300) as s:
        s.sendall(line.encode() + b"\r\nHost: 127.0.0.1\r\n\r\n")
        reply = b"".join(iter(lambda: s.recv(65536), b""))
    head, _, body = reply.partition(b"\r\n\r\n")
    return head.split(b" ")[1].decode(), head, body
for target in ("%ZZ", "%", "a%2", "%u3042", "a|b"):
    status, head, body = ask(f"GET /api/count?q={target} HTTP/1.1")
    if status != "400" or b"application/json" not in head or "error" not in json.loads(body):
        sys.exit(f"q={target}: {head!r} {body[:200]!r}")
status, _, body = ask("GET /api/count?q=%E3%81%82 HTTP/1.1")
if status != "200" or "count" not in json.loads(body):
    sys.exit(f"a good query after the bad ones: {status} {body[:200]!r}")
PY
kill "$SERVE_PID" && wait "$SERVE_PID" || true
printf 'inputs: [{path: %s}]\nstages: [{name: language, keep: [jp]}]\n' "$small" > "$work/jp.yaml"
"$cf" run --config "$work/jp.yaml" --output "$work/o10" > "$work/m17.log" 2>&1
one_line_exit2 "keep: [jp]" '"jp" is not a label this stage gives' "$work/m17.log" $?
printf 'inputs: [{path: %s, license: off}]\noutput: {write_dropped: yes}\n' "$small" > "$work/words.yaml"
"$cf" run --config "$work/words.yaml" --output "$work/o10" > "$work/m18.log" 2>&1
one_line_exit2 "write_dropped: yes" 'YAML 1.2, where yes, no, on and off are words' "$work/m18.log" $?
[ ! -e "$work/o10" ] || fail "a refused run left $work/o10 behind"
set -e
# 3. a full disk: one line naming it, exit 1 (needs root, or sudo, to mount a small tmpfs)
mkdir -p "$work/full"
if $sudo mount -t tmpfs -o size=256k tmpfs "$work/full" 2> /dev/null; then
  set +e
  "$cf" run --config conf/sample.yaml --output "$work/full/out" > "$work/m6.log" 2>&1
  status=$?
  set -e
  one_line_exit2 "full disk" "No space left on device" "$work/m6.log" "$status" 1
  $sudo umount "$work/full"
  full_disk="a full disk"
else
  echo "fuzz: the full-disk case needs root or sudo to mount a tmpfs: not run"
  full_disk="(full disk not run)"
fi
echo "fuzz: OK: seed $seed${big:+ (big)}: hostile inputs all accounted for, verified, no trace, no personal data" \
  "in side outputs; operator mistakes refused in one line, nothing deleted; $full_disk in one line"
