package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.shards.Resumable;
import org.corpusforge.jobs.shards.ShardedOutput;
import org.corpusforge.jobs.base.Persisted;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.jobs.io.EmbeddingModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.config.OutputSpec;
import org.corpusforge.core.manifest.Accounting;
import org.corpusforge.core.report.DatasetCard;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.NamedStage;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.SignalTotals;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.InputResolver;
import org.corpusforge.jobs.io.JsonLinesWriter;
import org.corpusforge.jobs.global.GlobalStage;
import org.corpusforge.jobs.report.OutcomeSketches;
import org.corpusforge.jobs.report.ReportData;
import scala.Tuple2;

/**
 * One corpus run: sources, per-document stages, sharded Parquet, quarantine, and the manifest, written last.
 * The per-document outcomes are computed once and kept (memory, then disk); the accounting is counted from
 * them, so the manifest describes exactly the records that were written.
 */
public final class CorpusJob {
    static final long INPUT_BYTES_PER_SHUFFLE_PARTITION = 256L << 20;
    /** Where the shard writer records each shard it has committed, for a resumed run. */
    static final String SHARD_MARKERS = OutputDirectory.CHECKPOINTS + "/shards";

    private CorpusJob() {}

    /**
     * Everything about a run that can be checked without Spark, checked: the tokenizer model, the inputs (they
     * exist and hold files), the output directory (usable, and locked for this run). Close it to release the lock.
     */
    public record Prepared(RunOptions options, Instant started, String runId, SubwordTokenizer tokenizer,
                           List<StageFiles.Model> models, EmbeddingModel embedding, List<GlobalStage> globalStages,
                           List<InputFile> files, OutputDirectory.Prepared output)
            implements AutoCloseable {
        @Override
        public void close() {
            output.lock().close();
        }
    }

    /** @param hadoopConf the run's Hadoop settings ({@link SparkSessions#hadoopConfiguration}), before Spark starts */
    public static Prepared prepare(RunOptions options, Configuration hadoopConf) {
        Instant started = Instant.now();
        String runId = runId(started);
        CorpusConfig config = options.config();
        SubwordTokenizer tokenizer = config.tokenizer().enabled()
                ? Tokenization.load(config.tokenizer(), hadoopConf) : null;
        CorpusShards.checkSettings(config.output(), tokenizer);
        // classifier models: read here once, from any file system, then handed to every executor
        List<StageFiles.Model> models = StageFiles.read(options.plan(), hadoopConf);
        org.corpusforge.filters.classify.ClassifierModels.provide(StageFiles.byLocation(models));
        // the passages' embedding model: read and tried on one text now, so a wrong file is one line before Spark
        EmbeddingModel embedding = config.output().searchIndex().writesPassages()
                && config.output().searchIndex().embedding() != null
                ? EmbeddingModel.load(config.output().searchIndex().embedding(), hadoopConf,
                        "output.search_index.embedding") : null;
        // what global stages read from outside the corpus (benchmarks), checked now
        List<GlobalStage> globalStages = options.plan().newGlobalStages();
        GlobalStage.Preparation preparation = new GlobalStage.Preparation(hadoopConf,
                options.plan().sideTextRedaction());
        globalStages.forEach(stage -> stage.prepare(preparation));
        List<InputFile> files = InputResolver.resolve(config.inputs(), hadoopConf);
        if (files.isEmpty() && !options.allowEmpty()) {
            throw new UserError("inputs: " + config.inputs().stream().map(i -> i.path()).toList()
                    + " hold no file to read (run --allow-empty to write an empty corpus)");
        }
        // the committer the output will be written through (s3a: magic or directory, never rename)
        org.corpusforge.jobs.io.PartCommit.forOutput(options.output(), runId, hadoopConf);
        OutputDirectory.Prepared prepared = OutputDirectory.prepare(options.output(), options.overwrite(),
                options.resume(), runId, config.inputs(), files, hadoopConf);
        return new Prepared(options, started, runId, tokenizer, models, embedding, globalStages, files, prepared);
    }

    public static Manifest run(SparkSession spark, RunOptions options) {
        try (Prepared prepared = prepare(options, spark.sparkContext().hadoopConfiguration())) {
            return run(spark, prepared, null);
        }
    }

    /** Runs a prepared run; the caller closes {@code prepared}. @param phases shows the phases, or null */
    public static Manifest run(SparkSession spark, Prepared prepared, RunProgress phases) {
        return new Phases(spark, prepared, phases).run();
    }

    /**
     * One run, phase by phase: start (Spark's checkpoints, what the tasks gather), the per-document pass, the global
     * stages, the tally, the shards, the side files (quarantine, dropped), the manifest and its commit. Each phase is
     * a method; what they pass on is below, set once by the phase that makes it.
     */
    private static final class Phases {
        private final SparkSession spark;
        private final JavaSparkContext jsc;
        private final Prepared prepared;
        private final RunOptions options;
        private final CorpusConfig config;
        private final RunPhases progress;
        private final CorpusDirectory out;
        private final int parallelism;
        private final PhaseClock clock = new PhaseClock();
        private final OutcomeSketches measured = new OutcomeSketches();
        /** What per-document stages ask to be totalled over the kept documents (pii: the spans masked per type). */
        private final Map<String, SignalTotals> totals = new java.util.LinkedHashMap<>();
        private final Map<String, Map<String, Object>> stageDetails = new TreeMap<>();
        private final Map<String, List<Manifest.FileEntry>> stageFiles = new TreeMap<>();
        /** What to free when the run ends, whichever way: persisted outcomes, what global stages hold. */
        private final List<Runnable> releases = new ArrayList<>();
        private String sparkCheckpoints;
        private PerDocumentPass.Result processed;
        private JavaRDD<Outcome> outcomes;

        Phases(SparkSession spark, Prepared prepared, RunProgress phases) {
            this.spark = spark;
            this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            this.prepared = prepared;
            this.options = prepared.options();
            this.config = options.config();
            this.progress = phases != null ? phases : RunPhases.NONE;
            this.out = prepared.output().directory();
            this.parallelism = options.parallelism() > 0 ? options.parallelism()
                    : shufflePartitions(jsc.defaultParallelism(), prepared.files());
        }

        Manifest run() {
            try {
                start();
                perDocumentPass();
                globalStages();
                progress.begin("counting", -1);
                OutcomeTally tally = OutcomeTally.of(outcomes, config.output().shuffleSeed(), totals);
                clock.lap("count");
                CorpusShards.Corpus corpus = shards();
                progress.begin("quarantine and manifest", -1);
                SideFiles side = sideFiles(tally);
                Manifest manifest = commit(manifest(tally, corpus, side), tally, corpus);
                progress.end();
                cleanUp();
                return manifest;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                // in reverse: what was persisted last goes first, the per-document outcomes last
                for (int i = releases.size() - 1; i >= 0; i--) {
                    releases.get(i).run();
                }
            }
        }

        /** Spark's checkpoints on a cluster, and what the tasks gather for the report. */
        private void start() {
            for (NamedStage stage : options.plan().chain().stages()) {
                if (stage.stage().totals() != null) {
                    totals.put(stage.name(), stage.stage().totals());
                }
            }
            // on a cluster an executor can die with its blocks: dedup's rounds then need checkpoints that outlive it
            if (!jsc.sc().isLocal() && !jsc.getCheckpointDir().isPresent()) {
                sparkCheckpoints = out.resolve(OutputDirectory.CHECKPOINTS + "/spark");
                jsc.setCheckpointDir(sparkCheckpoints);
            }
            // unnamed: a named accumulator's value is rendered for Spark's UI at every task's end
            jsc.sc().register(measured);
            prepared.globalStages().forEach(stage -> stage.register(jsc));
        }

        /** Reads every input through the per-document stages (or takes a resumed run's checkpoint of it). */
        private void perDocumentPass() {
            List<StageFiles.Model> models = prepared.models();
            processed = PerDocumentPass.run(jsc, options, out, prepared.runId(), prepared.files(),
                    new SerializableConfiguration(jsc.hadoopConfiguration()), clock, progress, measured,
                    models.isEmpty() ? null : jsc.broadcast(StageFiles.byLocation(models)));
            outcomes = processed.outcomes();
            JavaRDD<Outcome> perDocument = outcomes;
            releases.add(() -> perDocument.unpersist(false));
            // the reader's own rule: ids holding personal data become keyed pseudonyms (under whose key, for the card)
            stageDetails.put(Outcome.READ_STAGE, new TreeMap<>(Map.of(DatasetCard.ID_PSEUDONYM_KEY,
                    org.corpusforge.filters.pii.IdPseudonyms.ownKey()
                            ? org.corpusforge.filters.pii.IdPseudonyms.KEY_VARIABLE : "built-in")));
            for (StageFiles.Model model : models) {
                Map<String, Object> details = stageDetails.computeIfAbsent(model.stageId(), id -> new TreeMap<>());
                if (model.key().equals("file")) {
                    // a stage's list files (url-filter): each by its location, with its SHA-256
                    @SuppressWarnings("unchecked")
                    Map<String, Object> files = (Map<String, Object>) details.computeIfAbsent("files",
                            k -> new TreeMap<String, Object>());
                    files.put(model.location(), model.bytes().sha256());
                    continue;
                }
                details.put(model.key(), model.location());
                details.put(model.key() + "_sha256", model.bytes().sha256());
                details.put(model.key() + "_bytes", (long) model.bytes().content().length);
            }
        }

        /**
         * Each global stage over the outcomes, in order. Each result is persisted without the texts it no longer
         * needs, and kept until the run ends, with what each stage holds (decontamination's broadcast index): a block
         * lost with an executor is recomputed through them, so freeing them after the count (tried: no gain
         * measured) broke recovery on a cluster.
         */
        private void globalStages() {
            GlobalStage.Run run = new GlobalStage.Run(parallelism, out, prepared.runId());
            for (GlobalStage stage : prepared.globalStages()) {
                progress.begin(stage.name(), -1);
                GlobalStage.Result applied = stage.apply(outcomes, run);
                if (applied.details() != null) {
                    stageDetails.put(stage.name(), applied.details());
                }
                if (!applied.files().isEmpty()) {
                    stageFiles.put(stage.name(), applied.files());
                }
                releases.add(applied.release());
                // the stage's own jobs; its last map runs lazily, in the next stage's (or the count's) first job
                clock.lap(stage.name());
                if (applied.outcomes() == outcomes) {
                    continue; // the stage changed nothing (decontamination that found no item): no pass, no copy
                }
                JavaRDD<Outcome> result = applied.outcomes()
                        .map(o -> o.status() == Outcome.Status.KEPT ? o : o.withoutText()).persist(Persisted.LEVEL);
                releases.add(() -> result.unpersist(false));
                outcomes = result;
            }
        }

        /** Tokenises the kept documents and writes the shards, Megatron files and search indexes. */
        private CorpusShards.Corpus shards() throws IOException {
            OutputSpec output = config.output();
            progress.begin(output.searchIndex().enabled() ? "tokenise, shards and search index"
                    : "tokenise and shards", -1);
            CorpusShards.Corpus corpus = CorpusShards.write(jsc,
                    outcomes.filter(o -> o.status() == Outcome.Status.KEPT).map(Outcome::document),
                    config.tokenizer(), prepared.tokenizer(), output, prepared.embedding(), parallelism, out,
                    prepared.runId(), output.checkpoint() ? shardsResumable() : null);
            clock.lap("tokenize_and_shards");
            if (options.resume() && output.checkpoint()) {
                progress.note("resume: " + corpus.reusedShards().size() + " of " + corpus.shards().size()
                        + " shards were committed by the interrupted run and reused; the other "
                        + (corpus.shards().size() - corpus.reusedShards().size()) + " were written");
            }
            return corpus;
        }

        /**
         * Where the shards' commits are recorded, under a key that names the documents they are cut from: this config,
         * this build, these input bytes give the same documents, so a resumed run with the same key reuses a shard.
         */
        private Resumable shardsResumable() {
            StringBuilder key = new StringBuilder(config.effectiveSha256()).append('\n').append(toolLabel());
            processed.inputs().forEach(f -> key.append('\n').append(f.uri()).append('\u0000').append(f.sha256()));
            return new Resumable(out.resolve(SHARD_MARKERS), key.toString());
        }

        /** The quarantine and dropped files. */
        private record SideFiles(List<Manifest.FileEntry> quarantine, List<Manifest.FileEntry> dropped) {}

        /**
         * The side files, written from the outcomes not kept, without texts, taken in one pass (none when the count
         * found nothing to write): the files are cut and written from that small copy.
         */
        private SideFiles sideFiles(OutcomeTally tally) throws IOException {
            OutputSpec output = config.output();
            boolean anyQuarantined = tally.count(Outcome.Status.QUARANTINED) > 0;
            boolean droppedToWrite = output.writeDropped() && tally.count(Outcome.Status.DROPPED) > 0;
            JavaRDD<Outcome> side = null;
            if (anyQuarantined || droppedToWrite) {
                side = outcomes.filter(o -> o.status() == Outcome.Status.QUARANTINED
                                || (droppedToWrite && o.status() == Outcome.Status.DROPPED))
                        .map(Outcome::withoutText).persist(Persisted.LEVEL);
                JavaRDD<Outcome> persisted = side;
                releases.add(() -> persisted.unpersist(false));
            }
            String runId = prepared.runId();
            List<Manifest.FileEntry> quarantine = !anyQuarantined ? List.of()
                    : CorpusJob.sideFiles(side, Outcome.Status.QUARANTINED, "quarantine", output, parallelism, out, runId);
            clock.lap("quarantine");
            List<Manifest.FileEntry> dropped = !droppedToWrite ? List.of()
                    : CorpusJob.sideFiles(side, Outcome.Status.DROPPED, "dropped", output, parallelism, out, runId);
            if (output.writeDropped()) {
                clock.lap("dropped");
            }
            return new SideFiles(quarantine, dropped);
        }

        /** The manifest, each phase's part of it assembled. */
        private Manifest manifest(OutcomeTally tally, CorpusShards.Corpus corpus, SideFiles side) throws IOException {
            totals.forEach((stage, t) -> stageDetails.put(stage, Map.of(t.name(), tally.signalTotals().get(stage))));
            List<Manifest.StageEntry> stages = Accounting.stages(options.plan().stageIdentities(), tally.byStage());
            Map<String, Long> perInput = tally.byInput();
            List<Manifest.InputEntry> inputs = processed.inputs().stream()
                    .map(f -> new Manifest.InputEntry(f.uri(), f.bytes(), f.sha256(), perInput.getOrDefault(f.uri(), 0L)))
                    .toList();
            Instant finished = Instant.now();
            return Manifest.builder()
                    .formatVersion(Manifest.FORMAT_VERSION).runId(prepared.runId()).tool(tool())
                    .startedAt(prepared.started().toString()).finishedAt(finished.toString())
                    .durationSeconds(Duration.between(prepared.started(), finished).toMillis() / 1000.0)
                    .phaseSeconds(clock.laps())
                    .spark(new Manifest.SparkInfo(jsc.master(), parallelism, spark.version(), jsc.sc().applicationId()))
                    .resumedFrom(resumedFrom(corpus.reusedShards()))
                    .config(readJson(config.effectiveJson())).configSha256(config.effectiveSha256())
                    .inputs(inputs).stages(stages).stageDetails(stageDetails)
                    .tokenizer(corpus.tokenizer()).shardPlan(corpus.plan()).shards(corpus.shards())
                    .megatron(corpus.megatron()).quarantine(side.quarantine()).dropped(side.dropped())
                    .totals(Accounting.totals(stages, corpus.shards(), corpus.tokensBySource()))
                    .shardSchema(corpus.schema()).composition(corpus.composition()).searchIndex(corpus.searchIndex())
                    .stageFiles(stageFiles.isEmpty() ? null : stageFiles)
                    .rehydration(corpus.profile().rehydration(config.output().rehydration(), corpus.tokenizer() != null))
                    .build();
        }

        /** What this run took from an interrupted one: the checkpoint's units, then the shards it had committed. */
        private Manifest.ResumedFrom resumedFrom(List<String> reusedShards) {
            Manifest.ResumedFrom units = processed.resumedFrom();
            if (reusedShards.isEmpty()) {
                return units;
            }
            return units != null ? units.withShards(reusedShards)
                    : new Manifest.ResumedFrom(out.resolve(SHARD_MARKERS), null, null, 0, List.of(), reusedShards);
        }

        /** The report written beside the manifest, then the manifest itself, last: the corpus is complete. */
        private Manifest commit(Manifest manifest, OutcomeTally tally, CorpusShards.Corpus corpus) throws IOException {
            ReportData reportData = RunReports.data(measured, corpus.profile(), tally.dropped());
            for (GlobalStage stage : prepared.globalStages()) {
                reportData = stage.report(reportData);
            }
            Configuration hadoopConf = jsc.hadoopConfiguration();
            Manifest withReport = manifest.withReport(RunReports.write(out, manifest, reportData, hadoopConf));
            return OutputDirectory.commit(out, withReport, hadoopConf);
        }

        /** Removes the run's working state: Spark's checkpoints, and ours unless kept. */
        private void cleanUp() throws IOException {
            Configuration hadoopConf = jsc.hadoopConfiguration();
            if (sparkCheckpoints != null) {
                HadoopFiles.delete(sparkCheckpoints, hadoopConf);
            }
            if (!config.output().keepCheckpoint()) {
                HadoopFiles.delete(out.resolve(OutputDirectory.CHECKPOINTS), hadoopConf);
            }
        }
    }

    /**
     * The shuffles' partitions when {@code --parallelism} does not say: the cores, and more as the input grows, one per
     * {@value #INPUT_BYTES_PER_SHUFFLE_PARTITION} bytes of stored input. With the cores alone a reduce task's share grew
     * with the input: at 320,000 pages (1.5 GB of gzipped WARC) on 2 cores, boilerplate's and substring-dedup's two
     * reduce tasks spilled 892 MB, and their phase took 2.5 times as long as at half the input.
     * The output does not depend on it.
     */
    static int shufflePartitions(int cores, List<InputFile> files) {
        long bytes = files.stream().mapToLong(InputFile::bytes).sum();
        return (int) Math.max(cores, Math.min(Integer.MAX_VALUE,
                (bytes + INPUT_BYTES_PER_SHUFFLE_PARTITION - 1) / INPUT_BYTES_PER_SHUFFLE_PARTITION));
    }

    /** The {@code kind} files (quarantine, dropped) of the outcomes in {@code side} with that status. */
    private static List<Manifest.FileEntry> sideFiles(JavaRDD<Outcome> side, Outcome.Status status, String kind,
                                                      OutputSpec output, int parallelism, CorpusDirectory out, String runId)
            throws IOException {
        long seed = output.shuffleSeed();
        return ShardedOutput.write(side.filter(o -> o.status() == status)
                        .mapToPair(o -> new Tuple2<>(OrderKey.of(seed, o.id(), o.provenance()), o)),
                CorpusJob::quarantineSize, output.quarantineTargetBytes(), 1, parallelism, out.uri(), runId + "-" + kind,
                (uri, part, c) -> new JsonLinesWriter<>(uri, kind, part, c, JsonLinesWriter::outcome)).files();
    }

    /** A rough size of the JSON line, enough to cut quarantine files near their target. */
    private static Long quarantineSize(Outcome o) {
        int excerpt = o.excerpt() == null ? 0 : o.excerpt().length();
        int detail = o.detail() == null ? 0 : o.detail().length();
        return 256L + 3L * (excerpt + detail) + o.provenance().sourceUri().length();
    }

    private static Manifest.Tool tool() {
        return new Manifest.Tool("corpusforge", BuildInfo.version(), BuildInfo.gitCommit());
    }

    /**
     * What of a run a resume would not do again, as an interrupted run says it ("; 142 of 200 input files done, 3 of
     * 8 shards written"), or "" when nothing is committed yet. Read from the checkpoint's markers alone.
     */
    public static String committedWork(Prepared prepared, Configuration conf) {
        CorpusDirectory out = prepared.output().directory();
        try {
            PerDocumentCheckpoint.Marker marker = PerDocumentCheckpoint.find(out, conf);
            if (marker == null) {
                return "";
            }
            String said = "; " + PerDocumentCheckpoint.filesCommitted(out, conf) + " of " + marker.inputs().size()
                    + " input files done";
            org.corpusforge.jobs.shards.CommittedParts.Summary shards =
                    org.corpusforge.jobs.shards.CommittedParts.summary(out.resolve(SHARD_MARKERS), conf);
            return shards.committed() == 0 ? said
                    : said + ", " + shards.committed() + " of " + shards.parts() + " shards written";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** This build, as a checkpoint records what made it: work of another build is not mixed into a run. */
    static String toolLabel() {
        return "corpusforge " + BuildInfo.version() + " " + BuildInfo.gitCommit();
    }

    private static String runId(Instant started) {
        return started.toString().replace(":", "").replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode readJson(String json) throws IOException {
        return new ObjectMapper().readTree(json);
    }
}
