#!/usr/bin/env python3
"""Where a run's Spark time went, from its event log (spark.eventLog.enabled=true, uncompressed).

  scripts/event-log-profile.py EVENT_LOG [--top N]

EVENT_LOG is the log's file, or its directory (Spark 4 writes eventlog_v2_* directories of events_N_* files).

Groups the stages by where the job code made them (Spark's call site, such as "collect at CorpusJob.java:183") and
prints, per call site: stages, tasks, the tasks' run time and CPU time, their GC time, deserialisation time, bytes
shuffled and spilled, and the share of all tasks' CPU. Then the totals: Spark jobs, stages, tasks, and the driver's
wall time between the application's start and end. A task's CPU time is the executor thread's, so the JIT's and the
collector's own threads and the driver's planning are outside it: the difference to /usr/bin/time's CPU is theirs.
"""
import argparse
import collections
import json
import os
import re


def lines(path):
    if not os.path.isdir(path):
        yield from open(path, encoding="utf-8")
        return
    parts = [f for f in os.listdir(path) if f.startswith("events_")]
    for part in sorted(parts, key=lambda f: int(f.split("_")[1])):
        yield from open(os.path.join(path, part), encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    sites = collections.OrderedDict()
    stage_site = {}
    jobs = stages = tasks = 0
    start = end = None
    for line in lines(a.log):
        event = json.loads(line)
        kind = event.get("Event")
        if kind == "SparkListenerApplicationStart":
            start = event["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            end = event["Timestamp"]
        elif kind == "SparkListenerJobStart":
            jobs += 1
        elif kind == "SparkListenerStageSubmitted":
            info = event["Stage Info"]
            name = re.sub(r"\s+", " ", info.get("Stage Name", "?"))
            stage_site[info["Stage ID"]] = name
        elif kind == "SparkListenerStageCompleted":
            stages += 1
            info = event["Stage Info"]
            site = sites.setdefault(stage_site.get(info["Stage ID"], info.get("Stage Name", "?")),
                                    collections.Counter())
            site["stages"] += 1
            site["wall_ms"] += info.get("Completion Time", 0) - info.get("Submission Time", 0)
        elif kind == "SparkListenerTaskEnd":
            tasks += 1
            metrics = event.get("Task Metrics") or {}
            site = sites.setdefault(stage_site.get(event["Stage ID"], "?"), collections.Counter())
            site["tasks"] += 1
            site["run_ms"] += metrics.get("Executor Run Time", 0)
            site["cpu_ns"] += metrics.get("Executor CPU Time", 0) + metrics.get("Executor Deserialize CPU Time", 0)
            site["gc_ms"] += metrics.get("JVM GC Time", 0)
            site["deser_ms"] += metrics.get("Executor Deserialize Time", 0)
            shuffle_read = metrics.get("Shuffle Read Metrics") or {}
            shuffle_write = metrics.get("Shuffle Write Metrics") or {}
            site["shuffle_read"] += shuffle_read.get("Remote Bytes Read", 0) + shuffle_read.get("Local Bytes Read", 0)
            site["shuffle_write"] += shuffle_write.get("Shuffle Bytes Written", 0)
            site["spill_disk"] += metrics.get("Disk Bytes Spilled", 0)
    total_cpu = sum(s["cpu_ns"] for s in sites.values()) or 1
    print("| call site | stages | tasks | stage wall s | task CPU s | share | GC s | shuffled MB (w/r) | spilled MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    ranked = sorted(sites.items(), key=lambda kv: -kv[1]["cpu_ns"])
    for name, s in ranked[:a.top]:
        print(f"| {name} | {s['stages']} | {s['tasks']} | {s['wall_ms'] / 1000:.1f} | {s['cpu_ns'] / 1e9:.1f} | "
              f"{s['cpu_ns'] / total_cpu:.1%} | {s['gc_ms'] / 1000:.1f} | "
              f"{s['shuffle_write'] / 1e6:.1f} / {s['shuffle_read'] / 1e6:.1f} | {s['spill_disk'] / 1e6:.1f} |")
    rest = ranked[a.top:]
    if rest:
        print(f"| {len(rest)} other call sites | {sum(s['stages'] for _, s in rest)} | "
              f"{sum(s['tasks'] for _, s in rest)} | {sum(s['wall_ms'] for _, s in rest) / 1000:.1f} | "
              f"{sum(s['cpu_ns'] for _, s in rest) / 1e9:.1f} | "
              f"{sum(s['cpu_ns'] for _, s in rest) / total_cpu:.1%} | | | |")
    wall = (end - start) / 1000 if start and end else float("nan")
    print(f"\nSpark jobs {jobs}, stages completed {stages}, tasks {tasks}; task CPU {total_cpu / 1e9:.1f} s, "
          f"task GC {sum(s['gc_ms'] for s in sites.values()) / 1000:.1f} s, application wall {wall:.1f} s")


if __name__ == "__main__":
    main()
