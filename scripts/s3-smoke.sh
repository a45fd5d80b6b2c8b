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
# s3proxy's classpath: the test classpath the build wrote beside the job jar
cp pipeline-jobs/target/test-classpath.txt "$work/s3proxy.cp" || fail "no pipeline-jobs/target/test-classpath.txt (mvn package)"

export AWS_ACCESS_KEY_ID="smoke-access"
export AWS_SECRET_ACCESS_KEY="smoke-SECRET-$(date +%s%N)"
port=$((19000 + RANDOM % 2000))
mkdir -p "$work/s3/corpus" "$work/hadoop-conf"
cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/s3
jclouds.identity=unused
jclouds.credential=unused
CONF
java -Xmx512m -cp "$(cat "$work/s3proxy.cp")" org.gaul.s3proxy.Main --properties "$work/s3proxy.conf" \
  > "$work/s3proxy.log" 2>&1 &
proxy=$!
for _ in $(seq 1 60); do
  (echo > "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
  sleep 0.5
done
(echo > "/dev/tcp/127.0.0.1/$port") 2> /dev/null || fail "s3proxy did not start"

cat > "$work/hadoop-conf/core-site.xml" <<XML
<?xml version="1.0"?>
<configuration>
  <property><name>fs.s3a.endpoint</name><value>http://127.0.0.1:$port</value></property>
  <property><name>fs.s3a.endpoint.region</name><value>us-east-1</value></property>
  <property><name>fs.s3a.path.style.access</name><value>true</value></property>
  <property><name>fs.s3a.connection.ssl.enabled</name><value>false</value></property>
</configuration>
XML
export HADOOP_CONF_DIR="$work/hadoop-conf"
# the inputs go in through the S3 API (Hadoop's own file system shell over S3A), as any upload would
jobs="$repo/pipeline-jobs/target"
hadoop_cp="$HADOOP_CONF_DIR:$(ls "$jobs"/pipeline-jobs-*-job.jar | head -n 1):$(cat "$jobs/spark-classpath.txt"):$(cat "$jobs/runtime-classpath.txt")"
java -cp "$hadoop_cp" org.apache.hadoop.fs.FsShell -mkdir -p s3a://corpus/in/conf > "$work/upload.log" 2>&1 \
  && java -cp "$hadoop_cp" org.apache.hadoop.fs.FsShell -put sample s3a://corpus/in/ >> "$work/upload.log" 2>&1 \
  && java -cp "$hadoop_cp" org.apache.hadoop.fs.FsShell -put conf/tokenizer s3a://corpus/in/conf/ >> "$work/upload.log" 2>&1 \
  || fail "upload to s3a"
sed -e 's#path: sample/#path: s3a://corpus/in/sample/#' -e 's#model: conf/tokenizer/#model: s3a://corpus/in/conf/tokenizer/#' \
  conf/sample.yaml > "$work/s3a.yaml"
grep -q "s3a://corpus/in/conf/tokenizer/" "$work/s3a.yaml" || fail "could not point the sample config at s3a"

"$cf" run --config "$work/s3a.yaml" --output s3a://corpus/out/sample > "$work/run.log" 2>&1 || fail "the s3a run"
"$cf" verify s3a://corpus/out/sample > "$work/verify.log" 2>&1 || fail "verify on s3a"
"$cf" stats s3a://corpus/out/sample > "$work/stats.log" 2>&1 || fail "stats on s3a"
grep -q "^tokens: " "$work/stats.log" || fail "stats"
[ -f "$work/s3/corpus/out/sample/manifest.json" ] || fail "no manifest in the bucket"
if find "$work/s3/corpus/out" -name "__magic*" -o -name "_SUCCESS" | grep -q .; then
  fail "committer leftovers in the bucket"
fi
if grep -rq -- "$AWS_SECRET_ACCESS_KEY" "$work"/upload.log "$work"/run.log "$work"/verify.log "$work"/stats.log "$work/s3/corpus/out"; then
  fail "the secret key appears in a log or an output file"
fi
echo "s3-smoke: OK: sample from s3a to s3a through s3proxy ($(grep -c '"path"' "$work/s3/corpus/out/sample/manifest.json") files listed), verified on s3a, no secret in logs or outputs"
