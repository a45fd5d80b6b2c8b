#!/usr/bin/env bash
# The sample from s3a to s3a through a real S3 server: s3proxy started here as its own JVM on 127.0.0.1 (disk
# backend: a bucket is a directory), the inputs and the tokenizer model read from s3a://corpus/in/, the corpus
# written to s3a://corpus/out/ through the S3A magic committer. Credentials come from the environment
# (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the standard provider chain), the endpoint from a core-site.xml in
# HADOOP_CONF_DIR. Exits 0 only when the run succeeds, verify passes on the s3a output, and the secret key appears
# in no log line and no file written. Everything it starts is stopped on exit.
#   scripts/s3-smoke.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
proxy=""
cleanup() { [ -n "$proxy" ] && kill "$proxy" 2> /dev/null; wait 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "s3-smoke: FAIL: $*" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 20 "$f" >&2; done; exit 1; }

cf="$repo/scripts/corpusforge"
"$cf" --version > /dev/null 2>&1 || fail "the launcher does not start"   # builds the job jar when needed
# shellcheck source=scripts/s3proxy-lib.sh
. "$repo/scripts/s3proxy-lib.sh"
s3proxy_start "$work" || fail "s3proxy"
proxy="$S3PROXY_PID"
s3_upload_sample "$work" || fail "upload to s3a"
s3_sample_config "$work/s3a.yaml" || fail "could not point the sample config at s3a"

"$cf" run --config "$work/s3a.yaml" --output s3a://corpus/out/sample > "$work/run.log" 2>&1 || fail "the s3a run"
"$cf" verify s3a://corpus/out/sample > "$work/verify.log" 2>&1 || fail "verify on s3a"
"$cf" stats s3a://corpus/out/sample > "$work/stats.log" 2>&1 || fail "stats on s3a"
grep -q "^tokens: " "$work/stats.log" || fail "stats"
[ -f "$work/s3/corpus/out/sample/manifest.json" ] || fail "no manifest in the bucket"
# objects only (s3proxy's file-system backend can leave an emptied prefix as an empty directory; S3 has none)
leftovers="$(find "$work/s3/corpus/out" -type f \( -path "*__magic*" -o -name "_SUCCESS" \))"
if [ -n "$leftovers" ]; then
  fail "committer leftovers in the bucket: $(echo $leftovers)"
fi
if grep -rq -- "$AWS_SECRET_ACCESS_KEY" "$work"/upload.log "$work"/run.log "$work"/verify.log "$work"/stats.log "$work/s3/corpus/out"; then
  fail "the secret key appears in a log or an output file"
fi
echo "s3-smoke: OK: sample from s3a to s3a through s3proxy ($(grep -c '"path"' "$work/s3/corpus/out/sample/manifest.json") files listed), verified on s3a, no secret in logs or outputs"
