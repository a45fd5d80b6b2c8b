#!/usr/bin/env bash
#SBATCH --job-name=corpusforge
#SBATCH --ntasks-per-node=1
# A corpusforge job inside a Slurm allocation: a Spark standalone master on the allocation's first node, a worker on
# every node (one srun step), the command submitted to them in client mode with scripts/submit.sh, and everything
# stopped when the command ends or the allocation is cancelled (scancel, time limit):
#   cd /path/to/corpusforge && sbatch --nodes=4 --exclusive [--mem=0] [--time=4:00:00] \
#       scripts/slurm-run.sh [spark-submit options] -- run --config conf/cluster.yaml --output OUT
# Slurm runs a copy of this script, so the repository is the directory sbatch was called from ($SLURM_SUBMIT_DIR),
# or $CORPUSFORGE_HOME; it must be on a file system every node sees, as must the command's inputs and output (or
# use hdfs:// / s3a://). Resources come from the allocation: each worker offers the node's allocated cores
# ($SLURM_CPUS_ON_NODE) and memory ($SLURM_MEM_PER_NODE, else three quarters of the node's) less 2 GB for Spark's
# daemons (and the driver's $DRIVER_MEMORY on the first node); one executor per node takes them.
# Where things go:
#   logs:    $CORPUSFORGE_SLURM_LOGS (default $SLURM_SUBMIT_DIR/slurm-logs/$SLURM_JOB_ID): master.log,
#            worker-<node>.log, driver.log (the driver's whole log), events/ (Spark's event log, for the history
#            server), workers/<node>/ (executors' stdout and stderr)
#   scratch: $CORPUSFORGE_SCRATCH (default $TMPDIR, else /tmp) /corpusforge-$SLURM_JOB_ID on each node: Spark's
#            shuffle and spill files, removed when the worker stops
# Environment: SPARK_HOME (default: spark-dist/target/spark-home in the repository, built by mvn package),
# CORPUSFORGE_SPARK_PORT (default 7077 + job id mod 1000), SPARK_LOCAL_IP (binds every daemon to that address: a
# one-node allocation on 127.0.0.1, as scripts/slurm-smoke.sh runs it).
# Exit status: the command's; 2 for a usage or environment error.
set -uo pipefail
[ -n "${SLURM_JOB_ID:-}" ] || { echo "slurm-run: not inside a Slurm job: submit it with sbatch" >&2; exit 2; }
repo="${CORPUSFORGE_HOME:-${SLURM_SUBMIT_DIR:-$PWD}}"
[ -x "$repo/scripts/submit.sh" ] || { echo "slurm-run: $repo is not a corpusforge repository (run sbatch there, or set CORPUSFORGE_HOME)" >&2; exit 2; }
cd "$repo"
export SPARK_HOME="${SPARK_HOME:-$repo/spark-dist/target/spark-home}" SPARK_SCALA_VERSION=2.13
[ -d "$SPARK_HOME/jars" ] || { echo "slurm-run: no Spark at $SPARK_HOME (mvn -q package -DskipTests builds spark-dist)" >&2; exit 2; }
logs="${CORPUSFORGE_SLURM_LOGS:-$repo/slurm-logs/$SLURM_JOB_ID}"
mkdir -p "$logs/events" "$logs/workers" || exit 2
scratch="${CORPUSFORGE_SCRATCH:-${TMPDIR:-/tmp}}/corpusforge-$SLURM_JOB_ID"
# every JVM of the job carries its log directory on its command line, so that what it left running can be found
flags="$(cat "$repo/scripts/jvm-flags.txt") -Dcorpusforge.slurm.logs=$logs"

nodes="$(scontrol show hostnames "$SLURM_JOB_NODELIST")"
count="$(echo "$nodes" | wc -l)"
master_host="${SPARK_LOCAL_IP:-$(echo "$nodes" | head -n 1)}"
port="${CORPUSFORGE_SPARK_PORT:-$((7077 + SLURM_JOB_ID % 1000))}"
master="spark://$master_host:$port"
cores="${SLURM_CPUS_ON_NODE:-$(nproc)}"
node_mb="${SLURM_MEM_PER_NODE:-$(awk '/MemTotal/ {print int($2 / 1024 * 3 / 4)}' /proc/meminfo)}"
driver_mb="$(( $(echo "${DRIVER_MEMORY:-4g}" | sed 's/[gG]$/*1024/; s/[mM]$//') ))"
worker_mb=$((node_mb - 2048 - driver_mb))
[ "$worker_mb" -ge 1024 ] || { echo "slurm-run: $node_mb MB per node leaves $worker_mb MB for an executor; ask for more memory (--mem)" >&2; exit 2; }
echo "slurm-run: job $SLURM_JOB_ID, $count node(s): $(echo $nodes); master $master; $cores cores and ${worker_mb} MB per worker; logs in $logs" >&2

pids=()
driver_pid=""
stop() {
  trap - EXIT TERM INT
  [ -n "$driver_pid" ] && kill "$driver_pid" 2> /dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null; done
  wait 2> /dev/null
}
trap stop EXIT
trap 'echo "slurm-run: cancelled: stopping the driver, the workers and the master" >&2; stop; exit 143' TERM INT

# shellcheck disable=SC2086
java $flags -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --host "$master_host" --port "$port" --webui-port $((port + 1)) > "$logs/master.log" 2>&1 &
pids+=($!)
master_pid=$!
# one worker per node; each removes its scratch directory when it stops
srun --nodes="$count" --ntasks="$count" --ntasks-per-node=1 --kill-on-bad-exit=1 \
  bash -c '
    node="$(hostname)"; host="${SPARK_LOCAL_IP:-$node}"
    mkdir -p "'"$scratch"'" "'"$logs"'/workers/$node"
    trap "rm -rf \"'"$scratch"'\"" EXIT
    SPARK_LOCAL_DIRS="'"$scratch"'" java '"$flags"' -Xmx512m -cp "'"$SPARK_HOME"'/jars/*" \
      org.apache.spark.deploy.worker.Worker --host "$host" --cores '"$cores"' --memory '"$worker_mb"'m \
      --work-dir "'"$logs"'/workers/$node" --webui-port 0 "'"$master"'" > "'"$logs"'/worker-$node.log" 2>&1 &
    worker=$!
    trap "kill $worker 2> /dev/null; wait $worker; rm -rf \"'"$scratch"'\"" EXIT TERM INT
    wait $worker
  ' &
pids+=($!)
workers_pid=$!
# until every worker has registered, as long as the master and the worker step live (no fixed number of tries)
until [ "$(grep -c "Registering worker" "$logs/master.log" 2> /dev/null)" -ge "$count" ]; do
  kill -0 "$master_pid" 2> /dev/null || { echo "slurm-run: the master stopped: $logs/master.log" >&2; exit 1; }
  kill -0 "$workers_pid" 2> /dev/null || { echo "slurm-run: the workers stopped: $logs/worker-*.log" >&2; exit 1; }
  sleep 0.5
done
echo "slurm-run: $count worker(s) registered; submitting" >&2

CORPUSFORGE_LOG="$logs/driver.log" "$repo/scripts/submit.sh" --master "$master" --deploy-mode client \
  --total-executor-cores $((cores * count)) --executor-cores "$cores" --executor-memory "$((worker_mb * 4 / 5))m" \
  --conf "spark.driver.host=$master_host" --conf "spark.local.dir=$scratch" \
  --conf "spark.executor.extraJavaOptions=-Dcorpusforge.slurm.logs=$logs" \
  --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$logs/events" "$@" &
driver_pid=$!
wait "$driver_pid"
status=$?
driver_pid=""
echo "slurm-run: the command ended with status $status; stopping the workers and the master" >&2
exit "$status"
