#!/usr/bin/env bash
# Submits a corpusforge command to a Spark cluster with the settings Java 17 and s3a need:
#   scripts/submit.sh [spark-submit options ...] -- run --config conf/cluster.yaml --output s3a://bucket/out [--input ...]
# Everything before "--" goes to spark-submit (--master, --deploy-mode, --executor-memory, --conf ...); everything
# after it is the corpusforge command line. Uses $SPARK_HOME/bin/spark-submit when there is one, else starts
# SparkSubmit from $SPARK_HOME/jars (a Spark home made of Maven jars, as spark-dist/ builds). The job jar carries
# hadoop-aws and the AWS SDK; credentials come from the standard chain (environment, instance profile, or
# spark.hadoop.fs.s3a.* settings), never from this script.
# Environment: SPARK_HOME (required), CORPUSFORGE_JAR (default: the built job jar), DRIVER_MEMORY (default 4g),
# HADOOP_CONF_DIR (its core-site.xml is on the driver's classpath, as bin/spark-submit does), CORPUSFORGE_LOG (the
# driver's log file when SparkSubmit is started from $SPARK_HOME/jars).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.2 installation (or spark-dist/target/spark-home)}"
jar="${CORPUSFORGE_JAR:-$(ls "$repo"/pipeline-jobs/target/pipeline-jobs-*-job.jar 2>/dev/null | head -n 1 || true)}"
[ -f "$jar" ] || { echo "submit: no job jar; build it with: mvn -q package -DskipTests" >&2; exit 2; }

submit_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do submit_args+=("$1"); shift; done
[ "${1:-}" = "--" ] || { echo "submit: usage: scripts/submit.sh [spark-submit options] -- COMMAND [ARGS]" >&2; exit 2; }
shift
flags="$(cat "$repo/scripts/jvm-flags.txt")"
common=(
  --class org.corpusforge.jobs.cli.Main
  --driver-memory "${DRIVER_MEMORY:-4g}"
  # Java 17 module flags for a driver started by the cluster (cluster deploy mode); executors get them from Spark
  --conf "spark.driver.extraJavaOptions=$flags"
  # tasks write their parts through the S3A magic committer on s3a outputs (PartCommit), never by rename
  --conf spark.hadoop.fs.s3a.committer.name=magic
  --conf spark.hadoop.fs.s3a.committer.magic.enabled=true
)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
if [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  exec "$SPARK_HOME/bin/spark-submit" "${common[@]}" "${submit_args[@]}" "$jar" "$@"
fi
# shellcheck disable=SC2086
exec "${JAVA:-java}" $flags -Xmx"${DRIVER_MEMORY:-4g}" -Dlog4j2.configurationFile="$repo/conf/log4j2.properties" \
  -Dcorpusforge.log="${CORPUSFORGE_LOG:-${TMPDIR:-/tmp}/corpusforge-$$.log}" \
  -cp "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit "${common[@]}" "${submit_args[@]}" "$jar" "$@"
