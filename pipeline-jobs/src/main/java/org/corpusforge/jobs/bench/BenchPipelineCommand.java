package org.corpusforge.jobs.bench;

import java.util.Map;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.corpusforge.jobs.PipelinePlan;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.source.InputSpec;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.CorpusJob;
import org.corpusforge.jobs.RunOptions;
import org.corpusforge.jobs.SparkSessions;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the pipeline against the cheapest possible job on the same input in the same Spark session: an
 * identity copy (Spark's JSON reader, Parquet with zstd). The ratio says what the stages and the shard
 * planning cost on top of reading and writing.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Runs the pipeline and an identity copy (JSONL to zstd Parquet with Spark's own reader and "
                + "writer) on the same JSONL inputs, alternately, and prints MB/s of input text for both.")
final class BenchPipelineCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Pipeline configuration.")
    Path config;

    @Option(names = "--input", paramLabel = "PATH_OR_GLOB", description = "JSONL inputs (replace the config's).")
    List<String> inputs = List.of();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one config setting by its dotted key, as for run (repeatable).")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Option(names = "--work", required = true, paramLabel = "DIR", description = "Scratch directory for outputs.")
    String work;

    @Option(names = "--repeat", defaultValue = "2", paramLabel = "N",
            description = "Timed rounds of each job (default ${DEFAULT-VALUE}); the fastest round is reported.")
    int repeat;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master; default local[*].")
    String master;

    @Option(names = "--baseline", defaultValue = "json", paramLabel = "json|files",
            description = "The identity copy: json (Spark's JSON reader, the text field to Parquet; MB/s of text) or "
                    + "files (the input files' bytes to Parquet with Spark's binaryFile source; MB/s of stored bytes, "
                    + "for WARC). Default ${DEFAULT-VALUE}.")
    String baseline;

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1, got " + repeat);
        }
        if (!baseline.equals("json") && !baseline.equals("files")) {
            throw new UserError("--baseline must be json or files, got " + baseline);
        }
        PipelinePlan plan = PipelinePlan.load(config, inputs, settings, settings);
        CorpusConfig parsed = plan.config();
        List<String> paths = parsed.inputs().stream().map(InputSpec::path).toList();
        SparkSession spark = SparkSessions.getOrCreate(master, parsed.spark(), java.util.Map.of());
        PrintWriter out = spec.commandLine().getOut();
        try {
            boolean files = baseline.equals("files");
            double inputMb = files
                    ? spark.read().format("binaryFile").load(paths.toArray(new String[0]))
                            .agg(functions.sum(functions.col("length"))).first().getLong(0) / 1e6
                    : spark.read().schema("text STRING").json(paths.toArray(new String[0]))
                            .agg(functions.sum(functions.octet_length(functions.col("text")))).first().getLong(0) / 1e6;
            List<Double> copy = new ArrayList<>();
            List<Double> pipeline = new ArrayList<>();
            // CPU seconds of the whole process (driver and local executors): on a shared machine, where wall times
            // move by a factor of 2 between rounds, the CPU time moves much less
            List<Double> pipelineCpu = new ArrayList<>();
            double oldGenerationMb = 0;
            double allPoolsMb = 0;
            Manifest last = null;
            for (int round = 0; round < repeat; round++) {
                String target = work + "/copy-" + System.nanoTime();
                copy.add(time(() -> {
                    if (files) {
                        fileCopy(spark, paths, target);
                    } else {
                        identityCopy(spark, paths, target);
                    }
                }));
                HeapPeaks.reset();
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                last = CorpusJob.run(spark, new RunOptions(plan, work + "/pipeline-" + System.nanoTime(), false, 0));
                pipeline.add((System.nanoTime() - start) / 1e9);
                pipelineCpu.add(Math.round((processCpuNanos() - cpuStart) / 1e7) / 100.0);
                oldGenerationMb = Math.max(oldGenerationMb, HeapPeaks.oldGenerationMb());
                allPoolsMb = Math.max(allPoolsMb, HeapPeaks.allPoolsMb());
            }
            double copySeconds = copy.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double pipelineSeconds = pipeline.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            int cores = spark.sparkContext().defaultParallelism();
            out.printf("input: %d files, %.1f MB of %s, %d records read, %d kept (%.1f MB of text out); master %s, %d cores%n",
                    last.inputs().size(), inputMb, files ? "stored file bytes" : "UTF-8 text", last.totals().recordsRead(),
                    last.totals().kept(), last.totals().textBytes() / 1e6, spark.sparkContext().master(), cores);
            out.printf("identity copy: %s s -> best %.2f s, %.1f MB/s (%.1f MB/s per core)%n", copy, copySeconds,
                    inputMb / copySeconds, inputMb / copySeconds / cores);
            out.printf("pipeline:      %s s -> best %.2f s, %.1f MB/s (%.1f MB/s per core)%n", pipeline, pipelineSeconds,
                    inputMb / pipelineSeconds, inputMb / pipelineSeconds / cores);
            double leastCpu = pipelineCpu.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            out.printf("pipeline CPU:  %s s -> least %.2f s, %.2f MB per CPU second%n", pipelineCpu, leastCpu,
                    inputMb / leastCpu);
            out.printf("pipeline peak heap: old generation %.0f MB, all pools %.0f MB (an upper bound), heap %d MB%n",
                    oldGenerationMb, allPoolsMb, Runtime.getRuntime().maxMemory() >> 20);
            out.printf("pipeline / copy time: %.2f%n", pipelineSeconds / copySeconds);
            out.printf("pipeline phases of the last round (s): %s%n", last.phaseSeconds());
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static void identityCopy(SparkSession spark, List<String> paths, String target) {
        Dataset<Row> rows = spark.read().schema("id STRING, text STRING, title STRING, author STRING, license STRING")
                .json(paths.toArray(new String[0]));
        rows.write().option("compression", "zstd").parquet(target);
    }

    private static void fileCopy(SparkSession spark, List<String> paths, String target) {
        spark.read().format("binaryFile").load(paths.toArray(new String[0]))
                .write().option("compression", "zstd").parquet(target);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double time(Runnable job) {
        long start = System.nanoTime();
        job.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
