#!/usr/bin/env bash
# The sample on a real YARN cluster with HDFS: Hadoop's MiniYARNCluster and MiniDFSCluster (hadoop-client-minicluster
# from Maven Central) started here as a JVM of their own (yarn-minicluster/), the sample and its tokenizer and
# benchmark files put into HDFS, and the job submitted with scripts/submit.sh --master yarn, in client and in cluster
# deploy mode (the config shipped with --files), reading hdfs:// and writing hdfs://. Checks, and exits 0 only when
# both runs' shards and Megatron files are byte-identical to a local-mode run of the same config (the same hdfs://
# inputs) and verify passes on every output. Everything it starts is stopped on exit.
#   scripts/yarn-smoke.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
cluster_pid=""
cleanup() {
  local status=$?
  if [ -n "$cluster_pid" ]; then kill "$cluster_pid" 2> /dev/null || true; wait "$cluster_pid" 2> /dev/null || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
fail() {
  echo "yarn-smoke: FAIL: $*" >&2
  for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; grep -v "^\s*at " "$f" | tail -n 20 >&2; }; done
  for f in $(find "$work/minicluster/yarn" -name stderr 2> /dev/null); do
    grep -q -i "error\|exception" "$f" && { echo "--- $f" >&2; grep -i -B2 -A2 "error\|exception" "$f" | tail -n 20 >&2; }
  done
  exit 1
}

# shellcheck source=scripts/cluster-build.sh
. "$repo/scripts/cluster-build.sh"
ensure_cluster_build
# the NodeManager starts containers with $JAVA_HOME/bin/java
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
export SPARK_HOME="$repo/spark-dist/target/spark-home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
minicluster_cp="yarn-minicluster/target/classes:$(cat yarn-minicluster/target/classpath.txt)"
java -Xmx1g -cp "$minicluster_cp" org.corpusforge.yarn.MiniCluster "$work/minicluster" "$work/hadoop-conf" 6144 2 \
  > "$work/minicluster.out" 2> "$work/minicluster.log" &
cluster_pid=$!
# until HDFS and YARN serve, as long as the JVM lives (no fixed number of tries)
until grep -q "^ready " "$work/minicluster.out" 2> /dev/null; do
  kill -0 "$cluster_pid" 2> /dev/null || fail "the mini cluster did not start"
  sleep 0.5
done
hdfs="$(awk '/^ready / {print $2}' "$work/minicluster.out")"
export HADOOP_CONF_DIR="$work/hadoop-conf"
fs() { java -cp "$HADOOP_CONF_DIR:$minicluster_cp" org.apache.hadoop.fs.FsShell "$@" 2>> "$work/fsshell.log"; }
fs -mkdir -p /in/conf /out || fail "mkdir in HDFS"
fs -put sample /in/ || fail "put the sample into HDFS"
fs -put conf/tokenizer conf/benchmarks conf/urlfilter /in/conf/ || fail "put the tokenizer, benchmarks and URL lists into HDFS"
# the sample's config, every path in HDFS
sed -e "s#path: sample/#path: $hdfs/in/sample/#" -e "s#model: conf/tokenizer/#model: $hdfs/in/conf/tokenizer/#" \
  -e "s#path: conf/benchmarks/#path: $hdfs/in/conf/benchmarks/#" -e "s#path: conf/urlfilter/#path: $hdfs/in/conf/urlfilter/#" \
  conf/sample.yaml > "$work/sample-hdfs.yaml"
[ "$(grep -c "$hdfs/in/" "$work/sample-hdfs.yaml")" -ge 5 ] || fail "the sample's config was not pointed at HDFS"

cf="$repo/scripts/corpusforge"
"$cf" run --config "$work/sample-hdfs.yaml" --output "$hdfs/out/local" > "$work/local.log" 2>&1 || fail "local run from HDFS"
yarn() {
  scripts/submit.sh --master yarn --num-executors 1 --executor-cores 1 --executor-memory 1g --driver-memory 1g \
    --conf "spark.yarn.jars=local:$SPARK_HOME/jars/*" --conf spark.yarn.maxAppAttempts=1 \
    --conf spark.ui.enabled=false "$@"
}
yarn --deploy-mode client --conf spark.driver.host=127.0.0.1 -- \
  run --config "$work/sample-hdfs.yaml" --output "$hdfs/out/client" > "$work/client.log" 2>&1 || fail "YARN client mode"
# cluster mode: the driver runs in a YARN container, the config travels with the job (--files) into its directory
yarn --deploy-mode cluster --files "$work/sample-hdfs.yaml" -- \
  run --config sample-hdfs.yaml --output "$hdfs/out/cluster" > "$work/cluster.log" 2>&1 \
  || fail "YARN cluster mode (spark-submit fails when the application does)"

for run in local client cluster; do
  "$cf" verify "$hdfs/out/$run" > "$work/verify-$run.log" 2>&1 || fail "verify on the $run run's HDFS output"
  fs -get "/out/$run" "$work/$run" || fail "get the $run output from HDFS"
done
grep -q '"master" : "yarn"' "$work/cluster/manifest.json" || fail "the manifest does not name YARN: $(grep -o "\"master\" *: *\"[^\"]*\"" "$work/cluster/manifest.json")"
for run in client cluster; do
  for dir in shards megatron; do
    diff -r "$work/local/$dir" "$work/$run/$dir" > /dev/null || fail "$dir differ between local mode and YARN $run mode"
  done
done
echo "yarn-smoke: OK: the sample from hdfs:// to hdfs:// on YARN (MiniYARNCluster + MiniDFSCluster) in client and" \
  "cluster deploy mode, byte-identical to local mode and verified"
