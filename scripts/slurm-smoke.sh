#!/usr/bin/env bash
# The sample inside a real Slurm allocation: Debian's slurm-wlm and munge (installed when missing), a one-node
# cluster on 127.0.0.1 (slurmctld and slurmd started here, with their own configuration, state and ports), and
# scripts/slurm-run.sh submitted with sbatch. Checks, and exits 0 only when all hold:
#  1. the job's shards and Megatron files are byte-identical to a local-mode run of the same config, and verify
#     passes on them; the master, worker and driver logs and Spark's event log are where slurm-run.sh says;
#  2. scancel while a task is running (paused at a fixed point, so whatever the machine's speed) ends the job with
#     no JVM left behind and an output without a manifest, and `run --resume` finishes it with the same bytes.
# Everything it starts is stopped on exit. Needs root, or sudo for apt-get, munged, slurmctld and slurmd.
#   scripts/slurm-smoke.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
if ! command -v sbatch > /dev/null || ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q slurm-wlm munge
fi
work="$(mktemp -d)"
chmod 755 "$work"
daemons=()
started_munged=""
cleanup() {
  [ -n "${SLURM_CONF:-}" ] && scancel --full --quiet -u "$(id -un)" 2> /dev/null || true
  for pid in "${daemons[@]}"; do $sudo kill "$pid" 2> /dev/null || true; done
  [ -n "$started_munged" ] && $sudo kill "$(cat /run/munge/munged.pid 2> /dev/null)" 2> /dev/null || true
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "slurm-smoke: FAIL: $*" >&2
  for f in "$work"/*.log "$work"/logs/*/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
  exit 1
}

# shellcheck source=scripts/cluster-build.sh
. "$repo/scripts/cluster-build.sh"
ensure_cluster_build

# munge: the daemon Slurm authenticates with (Debian's package made the key)
if ! munge -n 2> /dev/null | unmunge > /dev/null 2>&1; then
  $sudo mkdir -p /run/munge
  $sudo chown munge:munge /run/munge
  if [ -z "$sudo" ]; then runuser -u munge -- /usr/sbin/munged; else sudo -u munge /usr/sbin/munged; fi \
    || fail "munged did not start"
  started_munged=1
  until munge -n 2> /dev/null | unmunge > /dev/null 2>&1; do sleep 0.2; done
fi

# a one-node cluster of our own: its configuration, state and ports, nothing in /etc/slurm touched
node="$(hostname -s)"
port=$((17500 + RANDOM % 1000))
mem_mb="$(awk '/MemTotal/ {print int($2 / 1024) - 1024}' /proc/meminfo)"
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<EOF
ClusterName=corpusforge-smoke
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
KillWait=30
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem_mb State=UNKNOWN
PartitionName=smoke Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
$sudo env SLURM_CONF="$SLURM_CONF" slurmctld -D -f "$SLURM_CONF" > "$work/slurmctld.out" 2>&1 &
daemons+=($!)
$sudo env SLURM_CONF="$SLURM_CONF" slurmd -D -f "$SLURM_CONF" > "$work/slurmd.out" 2>&1 &
daemons+=($!)
# until the node is idle, as long as both daemons live
until sinfo -h -N -o "%T" 2> /dev/null | grep -q "^idle"; do
  for pid in "${daemons[@]}"; do kill -0 "$pid" 2> /dev/null || $sudo kill -0 "$pid" 2> /dev/null \
    || fail "a Slurm daemon stopped"; done
  sleep 0.5
done

cf="$repo/scripts/corpusforge"
"$cf" run --config conf/sample.yaml --output "$work/local" > "$work/local.log" 2>&1 || fail "local run"
export SPARK_LOCAL_IP=127.0.0.1

# 1. the sample as a batch job, to its end
CORPUSFORGE_SLURM_LOGS="$work/logs/whole" sbatch --wait --nodes=1 --output="$work/job-whole.log" \
  scripts/slurm-run.sh -- run --config conf/sample.yaml --output "$work/slurm" > /dev/null \
  || fail "the Slurm job failed"
"$cf" verify "$work/slurm" > "$work/verify.log" 2>&1 || fail "verify on the Slurm job's output"
for dir in shards megatron; do
  diff -r "$work/local/$dir" "$work/slurm/$dir" > /dev/null || fail "$dir differ between local mode and Slurm"
done
grep -q '"master" : "spark://127.0.0.1' "$work/slurm/manifest.json" || fail "the manifest does not name the cluster"
for f in master.log "worker-$node.log" driver.log; do
  [ -s "$work/logs/whole/$f" ] || fail "no $f in the job's log directory"
done
[ -n "$(ls "$work/logs/whole/events")" ] || fail "no Spark event log"

# 2. scancel mid-run: reading task 1 waits at a marker (corpusforge.fault.pause-executor) until the job is cancelled
marker="$work/paused-executor.pid"
job="$(CORPUSFORGE_SLURM_LOGS="$work/logs/cancelled" sbatch --parsable --nodes=1 --output="$work/job-cancelled.log" \
  scripts/slurm-run.sh --conf spark.hadoop.corpusforge.fault.pause-executor=read:1 \
  --conf "spark.hadoop.corpusforge.fault.pause-marker=$marker" -- \
  run --config conf/sample.yaml --output "$work/cancelled")"
until [ -s "$marker" ]; do
  squeue -h -j "$job" 2> /dev/null | grep -q . || fail "the job ended before a task paused"
  sleep 0.2
done
scancel "$job"
# until Slurm has ended the job (it signals every process of the job, then kills what is left after KillWait)
while squeue -h -j "$job" 2> /dev/null | grep -q .; do sleep 0.5; done
# every JVM the job started (master, worker, executors, driver) names its log directory on its command line
left="$(pgrep -af -- "$work/logs/cancelled" || true)"
[ -z "$left" ] || fail "processes left after scancel: $left"
grep -q "cancelled: stopping" "$work/job-cancelled.log" || fail "slurm-run.sh did not see the cancellation"
[ ! -e "$work/cancelled/manifest.json" ] || fail "a cancelled job's output has a manifest"
"$cf" run --config conf/sample.yaml --output "$work/cancelled" --resume > "$work/resume.log" 2>&1 \
  || fail "--resume after scancel"
for dir in shards megatron; do
  diff -r "$work/local/$dir" "$work/cancelled/$dir" > /dev/null || fail "$dir differ after scancel and --resume"
done
echo "slurm-smoke: OK: the sample as a Slurm batch job (slurm-run.sh: master, worker by srun, driver) byte-identical" \
  "to local mode and verified, logs and event log in place; scancel mid-run left no process and no manifest," \
  "and --resume finished it with the same bytes"
