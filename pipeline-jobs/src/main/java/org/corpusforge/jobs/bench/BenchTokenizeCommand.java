package org.corpusforge.jobs.bench;

import org.corpusforge.jobs.PipelinePlan;
import org.corpusforge.jobs.local.LocalRecords;
import java.util.Map;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.model.Document;
import org.corpusforge.filters.text.MorphTokenizer;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.Tokenization;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The speed of the subword tokenizer (one instance shared by all threads, as on an executor) and of Kuromoji (one
 * per thread), on documents held in memory after the config's stages, and the subword tokenizer's speed against
 * document length, which must stay flat for linear time.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Times the config's subword tokenizer and Kuromoji over documents held in memory and prints MB/s "
                + "of text per core, on 1 and N threads, and against document length.")
final class BenchTokenizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Inputs, the stages that prepare the text, and the tokenizer.")
    Path config;

    @Option(names = "--input", paramLabel = "[FORMAT:]PATH_OR_GLOB", description = "Inputs (replace the config's).")
    List<String> inputs = List.of();

    @Option(names = "--max-mb", defaultValue = "32", paramLabel = "N",
            description = "Stop reading after this many MB of text (default ${DEFAULT-VALUE}).")
    int maxMb;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
            description = "Rounds; the fastest is reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Threads for the shared-instance run (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || maxMb < 1 || threads < 1) {
            throw new UserError("--repeat, --max-mb and --threads must be at least 1");
        }
        PipelinePlan plan = PipelinePlan.load(config, inputs, Map.of(), Map.of());
        CorpusConfig parsed = plan.config();
        if (!parsed.tokenizer().enabled()) {
            throw new UserError(config + ": no tokenizer.model to time");
        }
        SubwordTokenizer tokenizer = Tokenization.load(parsed.tokenizer(), new Configuration());
        List<Document> docs = LocalRecords.keptDocuments(parsed.inputs(),
                plan.chain(), (long) maxMb << 20);
        List<String> texts = docs.stream().map(Document::text).toList();
        double mb = docs.stream().mapToLong(Document::textUtf8Bytes).sum() / 1e6;
        long chars = texts.stream().mapToLong(t -> t.codePointCount(0, t.length())).sum();
        long tokens = texts.stream().mapToLong(t -> tokenizer.encode(t).length).sum();
        long words = texts.stream().mapToLong(t -> MorphTokenizer.forCurrentThread().tokenize(t).size()).sum();

        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d documents, %.1f MB of text (%,d characters), %s; fastest of %d rounds%n", texts.size(), mb,
                chars, tokenizer.model(), repeat);
        out.println("| tokenizer | threads | seconds | MB/s | MB/s per thread | units | characters per unit |");
        out.println("|---|---|---|---|---|---|---|");
        ToLongFunction<String> subword = t -> tokenizer.encode(t).length;
        ToLongFunction<String> morph = t -> MorphTokenizer.forCurrentThread().tokenize(t).size();
        for (int n : threads == 1 ? List.of(1) : List.of(1, threads)) {
            double s = fastest(texts, subword, n);
            out.printf("| %s (one shared instance) | %d | %.2f | %.2f | %.2f | %,d tokens | %.2f |%n",
                    tokenizer.model().kind().label(), n, s, mb / s, mb / s / n, tokens, (double) chars / tokens);
        }
        for (int n : threads == 1 ? List.of(1) : List.of(1, threads)) {
            double s = fastest(texts, morph, n);
            out.printf("| Kuromoji (one per thread) | %d | %.2f | %.2f | %.2f | %,d words | %.2f |%n", n, s, mb / s,
                    mb / s / n, words, (double) chars / words);
        }

        out.println();
        out.println("| document length (characters) | documents | MB/s, one thread |");
        out.println("|---|---|---|");
        String all = String.join("\n", texts);
        for (int length = 1_000; length <= Math.min(all.length(), 10_000_000); length *= 10) {
            List<String> pieces = new ArrayList<>();
            for (int at = 0; at + length <= all.length() && pieces.size() * (long) length < 20_000_000; at += length) {
                pieces.add(all.substring(at, at + length));
            }
            long bytes = pieces.stream().mapToLong(p -> p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
            double s = fastest(pieces, subword, 1);
            out.printf("| %,d | %d | %.2f |%n", length, pieces.size(), bytes / 1e6 / s);
        }
        out.flush();
        return 0;
    }

    /** The fastest of the rounds, with the texts split evenly over {@code threads} threads. */
    private double fastest(List<String> texts, ToLongFunction<String> work, int threads) throws Exception {
        double best = Double.MAX_VALUE;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < repeat; round++) {
                long start = System.nanoTime();
                List<Future<Long>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    parts.add(pool.submit(() -> {
                        long sum = 0;
                        for (int i = first; i < texts.size(); i += threads) {
                            sum += work.applyAsLong(texts.get(i));
                        }
                        return sum;
                    }));
                }
                for (Future<Long> f : parts) {
                    f.get();
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            pool.shutdown();
        }
        return best;
    }
}
