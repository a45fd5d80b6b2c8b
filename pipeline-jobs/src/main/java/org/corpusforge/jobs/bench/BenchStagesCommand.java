package org.corpusforge.jobs.bench;

import org.corpusforge.jobs.local.LocalRecords;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.jobs.PipelinePlan;
import org.corpusforge.jobs.global.GlobalStage;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.NamedStage;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.core.stage.Verdict;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.Tokenization;
import org.corpusforge.jobs.io.SearchIndexWriter;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.InputResolver;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The speed of each kernel of a run on one core, without Spark: reading the inputs into documents (decompress,
 * parse, extract; timed as a whole), then every per-document stage over the documents that reach it, then the
 * per-document work of the global stages (dedup's hashes and signatures, boilerplate's line hashes, decontamination's
 * lookups) and of the tokenizer over the documents the stages keep, each timed on its own, several rounds. Their sum is what a run could
 * cost on one core if Spark, shuffles and writing cost nothing.
 */
@Command(name = "stages", mixinStandardHelpOptions = true,
        description = "Times each per-document stage of a configuration on one thread over documents held in memory "
                + "and prints MB/s of input text per stage and for the chain.")
final class BenchStagesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path config;

    @Option(names = "--input", paramLabel = "[FORMAT:]PATH_OR_GLOB", description = "Inputs (replace the config's).")
    List<String> inputs = List.of();

    @Option(names = "--max-mb", defaultValue = "64", paramLabel = "N",
            description = "Stop reading after this many MB of text (default ${DEFAULT-VALUE}).")
    int maxMb;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
            description = "Rounds; the fastest is reported per stage (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one config setting by its dotted key, as for run (repeatable).")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    /** Where each kernel's results go, so that the JIT cannot drop work whose result nobody reads. */
    private static volatile long observed;

    /** A corpus-wide stage's or the tokenizer's work on one document, as the run does it in its tasks. */
    private record Kernel(String name, ToLongFunction<Document> work) {}

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || maxMb < 1) {
            throw new UserError("--repeat and --max-mb must be at least 1");
        }
        PipelinePlan plan = PipelinePlan.load(config, inputs, settings, settings);
        CorpusConfig parsed = plan.config();
        List<Document> docs = null;
        double readBest = Double.MAX_VALUE;
        for (int round = 0; round < repeat; round++) {
            long start = System.nanoTime();
            docs = LocalRecords.keptDocuments(parsed.inputs(), new StageChain(List.of()), (long) maxMb << 20);
            readBest = Math.min(readBest, (System.nanoTime() - start) / 1e9);
        }
        long bytes = docs.stream().mapToLong(Document::textUtf8Bytes).sum();
        long storedBytes = 0;
        double checksumBest = Double.MAX_VALUE;
        org.apache.hadoop.conf.Configuration hadoopConf = new org.apache.hadoop.conf.Configuration();
        List<InputFile> files = InputResolver.resolve(parsed.inputs(), hadoopConf);
        for (InputFile f : files) {
            storedBytes += f.bytes();
        }
        for (int round = 0; round < repeat; round++) {
            long start = System.nanoTime();
            for (InputFile f : files) {
                HadoopFiles.checksummed(f, hadoopConf);
            }
            checksumBest = Math.min(checksumBest, (System.nanoTime() - start) / 1e9);
        }
        StageChain chain = plan.chain();
        List<NamedStage> stages = chain.stages();
        List<Kernel> kernels = afterTheStages(plan);
        int rows = stages.size() + kernels.size();
        double[] best = new double[rows];
        long[] inBytes = new long[rows];
        int[] inDocs = new int[rows];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        List<Document> keptByStages = docs;
        for (int round = 0; round < repeat; round++) {
            List<Document> current = docs;
            for (int s = 0; s < stages.size(); s++) {
                inDocs[s] = current.size();
                inBytes[s] = current.stream().mapToLong(Document::textUtf8Bytes).sum();
                List<Document> next = new ArrayList<>(current.size());
                long start = System.nanoTime();
                for (Document d : current) {
                    Verdict v = stages.get(s).stage().apply(d);
                    if (v.kind() == Verdict.Kind.KEEP) {
                        next.add(v.document());
                    }
                }
                best[s] = Math.min(best[s], (System.nanoTime() - start) / 1e9);
                current = next;
            }
            keptByStages = current;
            for (int k = 0; k < kernels.size(); k++) {
                int row = stages.size() + k;
                inDocs[row] = current.size();
                inBytes[row] = current.stream().mapToLong(Document::textUtf8Bytes).sum();
                long start = System.nanoTime();
                long sink = 0;
                for (Document d : current) {
                    sink += kernels.get(k).work().applyAsLong(d);
                }
                best[row] = Math.min(best[row], (System.nanoTime() - start) / 1e9);
                observed = sink;
            }
        }
        // the search index is built per shard in the run: the kept documents cut into the run's shards, each indexed
        double indexBest = Double.MAX_VALUE;
        List<List<String>> shards = searchIndexShards(plan, keptByStages);
        boolean passages = parsed.output().searchIndex().writesPassages();
        for (int round = 0; shards != null && round < repeat; round++) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("corpusforge-bench-index-");
            try {
                long start = System.nanoTime();
                for (int part = 0; part < shards.size(); part++) {
                    SearchIndexWriter writer = new SearchIndexWriter(dir.toUri().toString(),
                            String.format("part-%05d", part), passages, null, hadoopConf);
                    shards.get(part).forEach(writer::write);
                    writer.finish();
                }
                indexBest = Math.min(indexBest, (System.nanoTime() - start) / 1e9);
            } finally {
                try (var walk = java.nio.file.Files.walk(dir)) {
                    for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p); // the temporary directory this round made
                    }
                }
            }
        }
        PrintWriter out = out();
        out.printf("%d documents, %.1f MB of text read from %.1f MB of files; one thread; fastest of %d rounds%n",
                docs.size(), bytes / 1e6, storedBytes / 1e6, repeat);
        out.println("| kernel | documents in | MB in | seconds | MB/s (of its input) |");
        out.println("|---|---|---|---|---|");
        out.printf("| read (%s) | - | %.1f (files) | %.3f | %.1f |%n", "decompress, parse, extract", storedBytes / 1e6,
                readBest, storedBytes / 1e6 / readBest);
        out.printf("| checksums (SHA-256 of the files) | - | %.1f (files) | %.3f | %.1f |%n", storedBytes / 1e6,
                checksumBest, storedBytes / 1e6 / checksumBest);
        double stagesTotal = 0;
        for (int s = 0; s < rows; s++) {
            String name = s < stages.size() ? stages.get(s).name() : kernels.get(s - stages.size()).name();
            if (s < stages.size()) {
                stagesTotal += best[s];
            }
            out.printf("| %s | %d | %.1f | %.3f | %.1f |%n", name, inDocs[s], inBytes[s] / 1e6, best[s],
                    inBytes[s] / 1e6 / best[s]);
        }
        double all = checksumBest + readBest + java.util.Arrays.stream(best).sum();
        if (shards != null) {
            long indexed = shards.stream().flatMap(List::stream).mapToLong(t -> t.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8).length).sum();
            out.printf("| search index (%s, %d shards of the documents the per-document stages keep) | %d | %.1f | %.3f | %.1f |%n",
                    passages ? "characters and passages" : "characters", shards.size(),
                    shards.stream().mapToInt(List::size).sum(), indexed / 1e6, indexBest, indexed / 1e6 / indexBest);
            all += indexBest;
        }
        out.printf("| all stages | %d | %.1f | %.3f | %.1f |%n", docs.size(), bytes / 1e6, stagesTotal,
                bytes / 1e6 / stagesTotal);
        out.printf("| all kernels (checksums, read, stages, global, tokenise, search index) | %d | %.1f | %.3f | %.1f |%n", docs.size(),
                bytes / 1e6, all, bytes / 1e6 / all);
        out.printf("kernels: %.3f s of one core for %.1f MB of text%n", all, bytes / 1e6);
        out.flush();
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * The kept texts cut into shards as the run sizes them (by tokens with a tokenizer, else by UTF-8 bytes, in the
     * order read: the run's order differs, not the sizes), or null when the configuration builds no search index.
     */
    private static List<List<String>> searchIndexShards(PipelinePlan plan, List<Document> kept) {
        CorpusConfig config = plan.config();
        if (!config.output().searchIndex().enabled()) {
            return null;
        }
        SubwordTokenizer tokenizer = config.tokenizer().enabled()
                ? Tokenization.load(config.tokenizer(), new org.apache.hadoop.conf.Configuration()) : null;
        long target = tokenizer != null ? config.output().shardTargetTokens() : config.output().shardTargetTextBytes();
        List<List<String>> shards = new ArrayList<>();
        List<String> shard = new ArrayList<>();
        long size = 0;
        for (Document d : kept) {
            shard.add(d.text());
            size += tokenizer != null ? tokenizer.encode(d.text()).length : d.textUtf8Bytes();
            if (size >= target) {
                shards.add(shard);
                shard = new ArrayList<>();
                size = 0;
            }
        }
        if (!shard.isEmpty()) {
            shards.add(shard);
        }
        return shards;
    }

    /** The per-document work of the global stages and the tokenizer the config enables, in the order they run. */
    private static List<Kernel> afterTheStages(PipelinePlan plan) {
        CorpusConfig config = plan.config();
        List<Kernel> kernels = new ArrayList<>();
        GlobalStage.Preparation preparation = new GlobalStage.Preparation(new org.apache.hadoop.conf.Configuration(),
                plan.sideTextRedaction());
        for (GlobalStage stage : plan.newGlobalStages()) {
            stage.prepare(preparation);
            stage.kernels().forEach(k -> kernels.add(new Kernel(k.name(), k.work())));
        }
        if (config.tokenizer().enabled()) {
            SubwordTokenizer tokenizer = Tokenization.load(config.tokenizer(), new org.apache.hadoop.conf.Configuration());
            kernels.add(new Kernel("tokenise (" + config.tokenizer().name() + ")", d -> tokenizer.encode(d.text()).length));
        }
        return kernels;
    }
}
