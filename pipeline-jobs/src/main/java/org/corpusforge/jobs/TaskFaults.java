package org.corpusforge.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;

/**
 * Fault injection for the fault-tolerance tests: {@code corpusforge.fault.fail-first-attempt} (a Hadoop setting,
 * so {@code --conf spark.hadoop.corpusforge.fault.fail-first-attempt=read:0,write:1}) makes the first attempt of
 * the named tasks throw, after part of their work, so that Spark retries them. Unset, it costs one lookup per task.
 */
final class TaskFaults {
    static final String KEY = "corpusforge.fault.fail-first-attempt";

    private TaskFaults() {}

    static void maybeFail(Configuration conf, String step, int partition, TaskContext task) {
        String spec = conf.get(KEY);
        if (spec == null || task == null || task.attemptNumber() > 0) {
            return;
        }
        for (String fault : spec.split(",")) {
            if (fault.trim().equals(step + ":" + partition)) {
                throw new IllegalStateException("injected fault: first attempt of " + step + " task " + partition
                        + " (" + KEY + ")");
            }
        }
    }
}
