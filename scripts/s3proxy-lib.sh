# Sourced by scripts/s3-smoke.sh and scripts/cluster-smoke.sh: a real S3 server for the checks on this machine.
#   s3proxy_start WORK     s3proxy as its own JVM on a free loopback port, disk backend under WORK/s3 (bucket
#                          "corpus"); exports AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (a fresh secret each time),
#                          HADOOP_CONF_DIR (a core-site.xml with the endpoint, no credentials), S3_ENDPOINT,
#                          S3PROXY_PID
#   s3_upload_sample WORK  puts sample/ and conf/tokenizer/ into s3a://corpus/in/ through S3A (Hadoop's FsShell)
#   s3_sample_config OUT   writes conf/sample.yaml pointed at s3a://corpus/in/ to OUT
# Needs the build's pipeline-jobs/target/{test,spark,runtime}-classpath.txt and the job jar (mvn package).
s3proxy_start() {
  local work="$1" jobs port
  jobs="$repo/pipeline-jobs/target"
  [ -f "$jobs/test-classpath.txt" ] || { echo "s3proxy: no $jobs/test-classpath.txt (mvn package)" >&2; return 1; }
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
  java -Xmx512m -cp "$(cat "$jobs/test-classpath.txt")" org.gaul.s3proxy.Main --properties "$work/s3proxy.conf" \
    > "$work/s3proxy.log" 2>&1 &
  S3PROXY_PID=$!
  export S3PROXY_PID
  # wait for the port as long as the server lives: no fixed number of tries, so a slow machine is no failure
  until (echo > "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do
    kill -0 "$S3PROXY_PID" 2> /dev/null || { echo "s3proxy: did not start" >&2; return 1; }
    sleep 0.2
  done
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
  export S3_ENDPOINT="http://127.0.0.1:$port"
}

s3_upload_sample() {
  local work="$1" jobs cp
  jobs="$repo/pipeline-jobs/target"
  cp="$HADOOP_CONF_DIR:$(ls "$jobs"/pipeline-jobs-*-job.jar | head -n 1):$(cat "$jobs/spark-classpath.txt"):$(cat "$jobs/runtime-classpath.txt")"
  java -cp "$cp" org.apache.hadoop.fs.FsShell -mkdir -p s3a://corpus/in/conf > "$work/upload.log" 2>&1 \
    && java -cp "$cp" org.apache.hadoop.fs.FsShell -put "$repo/sample" s3a://corpus/in/ >> "$work/upload.log" 2>&1 \
    && java -cp "$cp" org.apache.hadoop.fs.FsShell -put "$repo/conf/tokenizer" s3a://corpus/in/conf/ >> "$work/upload.log" 2>&1
}

s3_sample_config() {
  sed -e 's#path: sample/#path: s3a://corpus/in/sample/#' -e 's#model: conf/tokenizer/#model: s3a://corpus/in/conf/tokenizer/#' \
    "$repo/conf/sample.yaml" > "$1"
  grep -q "s3a://corpus/in/conf/tokenizer/" "$1"
}
