package org.corpusforge.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.corpusforge.jobs.PipelinePlan;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.jobs.SparkSessions;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dedup", mixinStandardHelpOptions = true,
        description = "Runs corpusforge's near-dedup and Spark MLlib's MinHashLSH.approxSimilarityJoin (plus the same "
                + "connected-components step) on the same documents at the same threshold, and prints wall time, peak "
                + "heap and recall on labelled pairs for each.")
final class BenchDedupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path config;

    @Option(names = "--input", paramLabel = "PATH_OR_GLOB")
    List<String> inputs = List.of();

    @Option(names = "--pairs", required = true, paramLabel = "FILE",
            description = "Labelled pairs (doc_a, doc_b, label, jaccard_char5_body), as in shared/data/dedup.")
    Path pairs;

    @Option(names = "--hash-tables", defaultValue = "20", paramLabel = "N",
            description = "MLlib's numHashTables (default ${DEFAULT-VALUE}).")
    int hashTables;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(pairs)) {
            throw new UserError("--pairs " + pairs + ": cannot be read");
        }
        PipelinePlan plan = PipelinePlan.load(config, inputs, Map.of(), Map.of());
        CorpusConfig parsed = plan.config();
        List<JsonNode> labelled = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(pairs)) {
            if (!line.isBlank()) {
                labelled.add(json.readTree(line));
            }
        }
        SparkSession spark = SparkSessions.getOrCreate(null, parsed.spark(), Map.of());
        PrintWriter out = spec.commandLine().getOut();
        try {
            org.corpusforge.jobs.global.Deduplication dedup =
                    org.corpusforge.jobs.global.Deduplication.in(plan.newGlobalStages());
            double threshold = dedup == null ? 0 : dedup.spec().minJaccard();
            for (DedupBenchmark.Run run : DedupBenchmark.run(spark, plan, hashTables,
                    spark.sparkContext().defaultParallelism())) {
                int found = 0;
                int total = 0;
                int falsePositives = 0;
                for (JsonNode p : labelled) {
                    if (!run.clusters().containsKey(p.get("doc_a").asText())
                            || !run.clusters().containsKey(p.get("doc_b").asText())) {
                        continue; // a document of the pair is not among the inputs
                    }
                    boolean same = run.clusters().containsKey(p.get("doc_a").asText())
                            && run.clusters().get(p.get("doc_a").asText())
                            .equals(run.clusters().get(p.get("doc_b").asText()));
                    if (p.get("jaccard_char5_body").asDouble() >= threshold) {
                        total++;
                        found += same ? 1 : 0;
                    }
                    if ("not_duplicate".equals(p.get("label").asText()) && same) {
                        falsePositives++;
                    }
                }
                out.printf("%s: %.1f s, peak heap %.0f MB, recall %.4f on the %d pairs at Jaccard >= %.2f, "
                                + "%d not_duplicate pairs joined%n", run.method(), run.seconds(), run.peakHeapMb(),
                        total == 0 ? 1.0 : (double) found / total, total, threshold, falsePositives);
            }
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
