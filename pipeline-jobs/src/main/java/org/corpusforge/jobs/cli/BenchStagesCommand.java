package org.corpusforge.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.NamedStage;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.core.stage.Verdict;
import org.corpusforge.filters.StageCatalog;
import org.corpusforge.jobs.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The speed of each per-document stage on one core, without Spark or I/O: documents are read into memory first,
 * then every stage runs over the documents that reach it, timed on its own, several rounds.
 */
@Command(name = "bench-stages", mixinStandardHelpOptions = true,
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

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || maxMb < 1) {
            throw new UserError("--repeat and --max-mb must be at least 1");
        }
        CorpusConfig parsed = RunCommand.loadConfig(config, inputs);
        List<Document> docs = LocalRecords.keptDocuments(parsed.inputs(), new StageChain(List.of()), (long) maxMb << 20);
        long bytes = docs.stream().mapToLong(Document::textUtf8Bytes).sum();
        StageChain chain = StageCatalog.build(parsed.reparse().stageNodes());
        List<NamedStage> stages = chain.stages();
        double[] best = new double[stages.size()];
        long[] inBytes = new long[stages.size()];
        int[] inDocs = new int[stages.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
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
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d documents, %.1f MB of text read; one thread; fastest of %d rounds%n", docs.size(), bytes / 1e6,
                repeat);
        out.println("| stage | documents in | MB in | seconds | MB/s (of its input) |");
        out.println("|---|---|---|---|---|");
        double total = 0;
        for (int s = 0; s < stages.size(); s++) {
            total += best[s];
            out.printf("| %s | %d | %.1f | %.3f | %.1f |%n", stages.get(s).name(), inDocs[s], inBytes[s] / 1e6, best[s],
                    inBytes[s] / 1e6 / best[s]);
        }
        out.printf("| all stages | %d | %.1f | %.3f | %.1f |%n", docs.size(), bytes / 1e6, total, bytes / 1e6 / total);
        out.flush();
        return 0;
    }
}
