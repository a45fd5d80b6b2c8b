package org.corpusforge.jobs.base;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;

/**
 * Fault injection for the fault-tolerance tests, as Hadoop settings (so {@code --conf spark.hadoop.KEY=...}):
 * <ul>
 *   <li>{@code corpusforge.fault.fail-first-attempt=read:0,write:1}: the first attempt of the named tasks throws,
 *       after part of its work, so that Spark retries it;</li>
 *   <li>{@code corpusforge.fault.halt-executor=write:1}: the first attempt of the named task halts its JVM at once,
 *       as {@code kill -9} would (no shutdown hooks, blocks and shuffle files lost); for cluster runs only, since
 *       in local mode the executor is the driver.</li>
 *   <li>{@code corpusforge.fault.pause-executor=read:1} with {@code corpusforge.fault.pause-marker=FILE}: the first
 *       attempt of the named task writes its executor's process id to FILE (on the executor's machine) and waits
 *       until that process is killed from outside, so that a test can kill an executor (on a cluster) or signal the
 *       run (in local mode, where the executor is the driver) at a known point without racing the clock.</li>
 *   <li>{@code corpusforge.fault.halt-after-commit=unit:3} (or {@code shard:2}): the JVM halts, as {@code kill -9}
 *       would, right after it has committed its third checkpoint unit (its second shard) of the run; in local mode
 *       that is the whole run stopped at a chosen point of a phase. {@code corpusforge.fault.fail-after-commit} throws
 *       there instead, for tests in one JVM.</li>
 * </ul>
 * "First" means the first attempt of the first attempt of its stage: a stage resubmitted after a lost executor
 * runs its tasks again from attempt 0. Unset, they cost two lookups per task.
 */
public final class TaskFaults {
    public static final String KEY = "corpusforge.fault.fail-first-attempt";
    public static final String HALT_KEY = "corpusforge.fault.halt-executor";
    public static final String PAUSE_KEY = "corpusforge.fault.pause-executor";
    public static final String PAUSE_MARKER_KEY = "corpusforge.fault.pause-marker";
    public static final String HALT_AFTER_COMMIT_KEY = "corpusforge.fault.halt-after-commit";
    public static final String FAIL_AFTER_COMMIT_KEY = "corpusforge.fault.fail-after-commit";

    private TaskFaults() {}

    public static void maybeFail(Configuration conf, String step, int partition, TaskContext task) {
        if (task == null || task.attemptNumber() > 0 || task.stageAttemptNumber() > 0) {
            return;
        }
        if (names(conf.get(HALT_KEY), step, partition)) {
            System.err.println("corpusforge: injected fault: halting this executor in " + step + " task " + partition);
            Runtime.getRuntime().halt(137);
        }
        if (names(conf.get(PAUSE_KEY), step, partition)) {
            pauseUntilKilled(conf.get(PAUSE_MARKER_KEY), step, partition);
        }
        if (names(conf.get(KEY), step, partition)) {
            throw new IllegalStateException("injected fault: first attempt of " + step + " task " + partition
                    + " (" + KEY + ")");
        }
    }

    /** Called once a unit of work is committed, the {@code count}th of its {@code step} in this JVM. */
    public static void afterCommit(Configuration conf, String step, int count) {
        if (names(conf.get(HALT_AFTER_COMMIT_KEY), step, count)) {
            System.err.println("corpusforge: injected fault: halting after committing " + step + " " + count);
            Runtime.getRuntime().halt(137);
        }
        if (names(conf.get(FAIL_AFTER_COMMIT_KEY), step, count)) {
            throw new IllegalStateException("injected fault: after committing " + step + " " + count
                    + " (" + FAIL_AFTER_COMMIT_KEY + ")");
        }
    }

    private static void pauseUntilKilled(String marker, String step, int partition) {
        try {
            java.nio.file.Path target = java.nio.file.Path.of(marker);
            java.nio.file.Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            java.nio.file.Files.writeString(temp, ProcessHandle.current().pid() + "\n");
            java.nio.file.Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.err.println("corpusforge: injected fault: " + step + " task " + partition
                    + " waits to be killed (pid in " + marker + ")");
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("injected pause failed: " + e, e);
        }
    }

    private static boolean names(String spec, String step, int partition) {
        if (spec == null) {
            return false;
        }
        for (String fault : spec.split(",")) {
            if (fault.trim().equals(step + ":" + partition)) {
                return true;
            }
        }
        return false;
    }

    public static final String DRIVER_KEY = "corpusforge.fault.driver";

    /**
     * The driver's faults, {@code corpusforge.fault.driver=halt-after-checkpoint} (the driver JVM halts, as
     * {@code kill -9} would) or {@code fail-after-checkpoint} (the run throws, for tests in one JVM).
     */
    public static void driverPoint(Configuration conf, String point) {
        String spec = conf.get(DRIVER_KEY);
        if (("halt-after-" + point).equals(spec)) {
            System.err.println("corpusforge: injected fault: halting the driver after " + point);
            Runtime.getRuntime().halt(137);
        }
        if (("fail-after-" + point).equals(spec)) {
            throw new IllegalStateException("injected fault: the driver fails after " + point + " (" + DRIVER_KEY + ")");
        }
    }
}
