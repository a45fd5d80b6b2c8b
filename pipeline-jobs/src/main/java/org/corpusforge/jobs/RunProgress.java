package org.corpusforge.jobs;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A run's progress on the console, from Spark's own status: per phase, the documents and input bytes read so far
 * (from two accumulators, whose values executors report with every heartbeat, not only when a task ends) or the
 * tasks done, the rate, the time elapsed and, where the total is known, an estimate of what is left. On a terminal
 * the line is redrawn in place (carriage return, no escape codes); elsewhere (CI logs) one plain line every
 * {@code interval} and one when each phase ends.
 */
public final class RunProgress extends SparkListener implements AutoCloseable, RunPhases {
    private final SparkContext spark;
    private final PrintWriter out;
    private final boolean terminal;
    private final LongAccumulator documents;
    private final LongAccumulator inputBytes;
    private final Map<Long, long[]> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final long intervalNanos;
    private volatile String phase;
    private volatile long phaseStart;
    private volatile long totalBytes = -1;
    private volatile long lastPrinted;
    private int drawnWidth;

    /** @param interval how often a line is printed when not on a terminal (on one, every second) */
    public RunProgress(SparkContext spark, PrintWriter out, boolean terminal, Duration interval) {
        this.spark = spark;
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? Duration.ofSeconds(1).toNanos() : interval.toNanos();
        this.documents = spark.longAccumulator("corpusforge.documents");
        this.inputBytes = spark.longAccumulator("corpusforge.input_bytes");
        spark.addSparkListener(this);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "corpusforge-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Counted by the reading tasks: records read (each then goes through the stages). */
    @Override
    public LongAccumulator documents() {
        return documents;
    }

    /** Counted by the reading tasks: stored bytes of the input files read to their end. */
    @Override
    public LongAccumulator inputBytes() {
        return inputBytes;
    }

    /** A phase begins; {@code totalBytes} is the input size when the phase reads the inputs, else -1. */
    @Override
    public synchronized void begin(String name, long totalBytes) {
        phaseStages.clear();
        end();
        this.phase = name;
        this.totalBytes = totalBytes;
        this.phaseStart = System.nanoTime();
        this.lastPrinted = phaseStart;
    }

    /** Ends the phase under way, then prints the line as it is. */
    @Override
    public synchronized void note(String line) {
        end();
        out.println("corpusforge: " + line);
        out.flush();
    }

    /** The phase under way ends: its line is finished (a terminal) or printed once more (a log). */
    @Override
    public synchronized void end() {
        if (phase == null || Interruption.signal() != null) {
            return;
        }
        String line = line(true);
        if (terminal) {
            draw(line);
            out.println();
            drawnWidth = 0;
        } else {
            out.println(line);
        }
        out.flush();
        phase = null;
    }

    /** The phase under way, or null between phases. */
    public String phase() {
        return phase;
    }

    private synchronized void tick() {
        if (phase == null || Interruption.signal() != null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrinted < intervalNanos) {
            return;
        }
        lastPrinted = now;
        if (terminal) {
            draw(line(false));
        } else {
            out.println(line(false));
        }
        out.flush();
    }

    private void draw(String line) {
        StringBuilder s = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnWidth; i++) {
            s.append(' ');
        }
        drawnWidth = line.length();
        out.print(s);
    }

    private String line(boolean done) {
        double seconds = (System.nanoTime() - phaseStart) / 1e9;
        StringBuilder s = new StringBuilder("corpusforge: ").append(phase).append(": ");
        if (totalBytes >= 0) {
            // the accumulators hold the finished tasks exactly (merged before their job ends); running tasks add what
            // their last heartbeat said (for a moment a finished task can count in both, hence the cap)
            long docs = documents.value();
            long bytes = inputBytes.value();
            if (!done) {
                for (long[] task : running.values()) {
                    docs += task[0];
                    bytes += task[1];
                }
            }
            bytes = Math.min(bytes, totalBytes);
            double mb = bytes / 1e6;
            // kB for small inputs: "0.0 of 0.0 MB" said nothing
            boolean small = totalBytes < 10_000_000;
            s.append(String.format(small ? "%,d documents, %.0f of %.0f kB" : "%,d documents, %.1f of %.1f MB", docs,
                    small ? bytes / 1e3 : mb, small ? totalBytes / 1e3 : totalBytes / 1e6));
            if (totalBytes > 0) {
                s.append(String.format(" (%.0f %%)", 100.0 * bytes / totalBytes));
            }
            s.append(String.format(", %.1f MB/s", seconds > 0 ? mb / seconds : 0.0));
            s.append(", ").append(clock(seconds));
            // a time left only once it means something: a twentieth read, and ten seconds to measure the pace by
            if (!done && bytes >= totalBytes / 20 && bytes < totalBytes && seconds >= 10) {
                s.append(", about ").append(clock(seconds * (totalBytes - bytes) / bytes)).append(" left");
            }
        } else {
            int[] tasks = tasks();
            if (tasks[1] > 0 && !done) {
                s.append(tasks[0]).append(" of ").append(tasks[1]).append(" tasks, ");
            }
            s.append(clock(seconds));
            if (!done && tasks[0] > 0 && tasks[0] < tasks[1] && seconds >= 10) {
                s.append(", about ").append(clock(seconds * (tasks[1] - tasks[0]) / tasks[0])).append(" left");
            }
        }
        if (done) {
            s.append(" (done)");
        }
        return s.toString();
    }

    /**
     * Completed and total tasks of every stage seen during the phase (a phase runs several jobs one after another: counting
     * only the stages running now made the counts go backwards, 0 of 8 then 0 of 2).
     */
    private int[] tasks() {
        for (int stageId : spark.statusTracker().getActiveStageIds()) {
            scala.Option<SparkStageInfo> info = spark.statusTracker().getStageInfo(stageId);
            if (info.isDefined()) {
                phaseStages.put(stageId, new int[] {info.get().numCompletedTasks(), info.get().numTasks()});
            }
        }
        int done = 0;
        int total = 0;
        for (Map.Entry<Integer, int[]> stage : phaseStages.entrySet()) {
            // a stage no longer active has finished all its tasks
            boolean active = java.util.Arrays.stream(spark.statusTracker().getActiveStageIds())
                    .anyMatch(id -> id == stage.getKey());
            done += active ? stage.getValue()[0] : stage.getValue()[1];
            total += stage.getValue()[1];
        }
        return new int[] {done, total};
    }

    /** The stages seen during the phase under way: completed and total tasks. */
    private final Map<Integer, int[]> phaseStages = new java.util.TreeMap<>();

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            long[] values = read(CollectionConverters.asJava(task._4()));
            if (values != null) {
                running.put((Long) task._1(), values);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        running.remove(end.taskInfo().taskId());
    }

    /** The task's values of the two accumulators, or null when it has neither. */
    private long[] read(Iterable<AccumulableInfo> infos) {
        long[] values = null;
        for (AccumulableInfo info : infos) {
            int slot = info.id() == documents.id() ? 0 : info.id() == inputBytes.id() ? 1 : -1;
            if (slot >= 0 && info.update().isDefined()) {
                if (values == null) {
                    values = new long[2];
                }
                values[slot] = ((Number) info.update().get()).longValue();
            }
        }
        return values;
    }

    /** Stops showing progress; a phase cut short by a failure is not reported as done. */
    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            if (phase != null && terminal && drawnWidth > 0) {
                out.println();
                out.flush();
            }
            phase = null;
        }
        spark.removeSparkListener(this);
    }
}
