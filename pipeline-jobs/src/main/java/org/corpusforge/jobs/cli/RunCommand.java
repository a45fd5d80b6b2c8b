package org.corpusforge.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.CorpusJob;
import org.corpusforge.jobs.RunProgress;
import org.corpusforge.jobs.PipelinePlan;
import org.corpusforge.jobs.RunOptions;
import org.corpusforge.jobs.SparkSessions;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the pipeline: reads the inputs, applies the configured stages, writes sharded Parquet, "
                + "the quarantine and OUT/manifest.json (last).")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration (see conf/): "
            + "stages: from ${sys:corpusforge.stages}; global_stages: from ${sys:corpusforge.global_stages}.")
    Path config;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Output directory (local path, file:, hdfs: or s3a: URI); must be empty or absent.")
    String output;

    @Option(names = "--input", paramLabel = "[FORMAT:]PATH_OR_GLOB",
            description = "Replaces the config's inputs (repeatable): files, directories or globs, local or any "
                    + "Hadoop URI. Each file's format comes from its name or, where the name says nothing, its first "
                    + "bytes; FORMAT: forces one (${sys:corpusforge.formats}; see README). Files may be compressed "
                    + "(gzip, zstd, bzip2, xz). Other settings come from the config's input_defaults.")
    List<String> inputs = List.of();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master; default: what spark-submit gives, else local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> sparkConf = new TreeMap<>();

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Partitions for shuffles (default: Spark's default parallelism). Never changes the output.")
    int parallelism;

    @Option(names = "--overwrite", description = "Delete the output directory first if it holds anything.")
    boolean overwrite;

    @Option(names = "--resume",
            description = "Continue an interrupted run in --output from its checkpoint of the per-document stages "
                    + "(when there is a complete one; else start from the inputs). The config and inputs must be "
                    + "the same.")
    boolean resume;

    @Option(names = "--dp-size", paramLabel = "N",
            description = "Data-parallel world size: the shard count becomes a multiple of N (sets output.dp_size).")
    Integer dpSize;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one config setting by its dotted key, e.g. output.shard_target_tokens=2000000 "
                    + "(repeatable; recorded in the manifest's config).")
    Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Option(names = "--allow-empty",
            description = "Write an empty corpus when the inputs hold no file (otherwise that is an error).")
    boolean allowEmpty;

    @Override
    public Integer call() {
        if (resume && overwrite) {
            throw new UserError("--resume keeps the output directory's checkpoint, --overwrite deletes it: give one");
        }
        if (dpSize != null && dpSize < 1) {
            throw new UserError("--dp-size must be 1 or more, got " + dpSize);
        }
        Map<String, String> overrides = new java.util.LinkedHashMap<>(settings);
        if (dpSize != null) {
            overrides.put("output.dp_size", String.valueOf(dpSize));
        }
        PipelinePlan plan = PipelinePlan.load(config, inputs, overrides, settings);
        CorpusConfig parsed = plan.config();
        if (parallelism < 0) {
            throw new UserError("--parallelism must be 0 (Spark's default) or more, got " + parallelism);
        }
        RunOptions options = new RunOptions(plan, output, overwrite, parallelism, resume, allowEmpty);
        // everything that can be checked without Spark is, before the session starts (seconds, on a loaded machine)
        // (a session this JVM already has, as under spark-shell or the tests, lends its own Hadoop settings)
        scala.Option<SparkSession> session = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession() : SparkSession.getDefaultSession();
        org.apache.hadoop.conf.Configuration hadoopConf = session.isDefined()
                ? session.get().sparkContext().hadoopConfiguration()
                : SparkSessions.hadoopConfiguration(parsed.spark(), sparkConf);
        try (CorpusJob.Prepared prepared = CorpusJob.prepare(options, hadoopConf)) {
            for (String line : org.corpusforge.jobs.io.MixedFormats.lines(prepared.files())) {
                spec.commandLine().getErr().println("corpusforge: " + line);
            }
            org.corpusforge.jobs.Interruption.install(spec.commandLine().getErr(),
                    () -> (progress == null || progress.phase() == null ? "the run" : "\"" + progress.phase() + "\"")
                            + CorpusJob.committedWork(prepared, hadoopConf),
                    resumeCommand(), prepared::close);
            return run(prepared);
        }
    }

    private volatile RunProgress progress;

    /** This run's command line with --resume (and without --overwrite, which --resume refuses). */
    private String resumeCommand() {
        StringBuilder command = new StringBuilder("scripts/corpusforge");
        boolean resumes = false;
        for (String arg : Main.arguments()) {
            if (arg.equals("--overwrite")) {
                continue;
            }
            resumes |= arg.equals("--resume");
            command.append(' ').append(arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return command + (resumes ? "" : " --resume");
    }

    private int run(CorpusJob.Prepared prepared) {
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSessions.getOrCreate(master, prepared.options().config().spark(), sparkConf);
        try (RunProgress progress = new RunProgress(spark.sparkContext(), spec.commandLine().getErr(),
                System.console() != null, progressInterval())) {
            this.progress = progress;
            Manifest m = CorpusJob.run(spark, prepared, progress);
            Manifest.Totals t = m.totals();
            spec.commandLine().getOut().printf(
                    "corpusforge: %d records read, %d kept in %d shards%s, %d dropped, %d quarantined, in %.1f s%s -> %s%n",
                    t.recordsRead(), t.kept(), t.shardCount(), t.tokens() == null ? "" : " (" + t.tokens() + " tokens)",
                    t.dropped(), t.quarantined(), m.durationSeconds(),
                    m.resumedFrom() == null ? "" : " (resumed from the checkpoint of run " + m.resumedFrom().runId() + ")",
                    output);
            spec.commandLine().getOut().flush();
            // what a global stage asks the user to look at (dedup: a source losing most of its documents)
            if (m.stageDetails() != null) {
                m.stageDetails().forEach((stage, details) -> {
                    if (details.get("warnings") instanceof java.util.List<?> warnings) {
                        warnings.forEach(w -> spec.commandLine().getErr().println("corpusforge: warning: " + stage
                                + ": " + w));
                    }
                });
                spec.commandLine().getErr().flush();
            }
            return 0;
        } finally {
            if (!existing) {
                spark.stop();
            }
        }
    }

    /** How often a progress line is printed when not on a terminal: CORPUSFORGE_PROGRESS_SECONDS, default 30. */
    private static java.time.Duration progressInterval() {
        String value = System.getenv("CORPUSFORGE_PROGRESS_SECONDS");
        try {
            return java.time.Duration.ofSeconds(value == null ? 30 : Math.max(1, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            throw new UserError("CORPUSFORGE_PROGRESS_SECONDS=" + value + ": expected a whole number of seconds");
        }
    }
}
