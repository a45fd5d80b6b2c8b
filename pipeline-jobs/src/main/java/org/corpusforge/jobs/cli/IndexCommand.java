package org.corpusforge.jobs.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.CorpusVerifier;
import org.corpusforge.jobs.SearchIndexJob;
import org.corpusforge.jobs.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Builds the search index of a finished corpus (search/part-NNNNN.sfx, one per shard, in "
                + "parallel on Spark) from its token ids, or from its texts tokenised again with the manifest's "
                + "tokenizer (SHA-256 checked), and lists it in the manifest. Rebuilding gives the same bytes.")
final class IndexCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master; default: what spark-submit gives, else local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> sparkConf = new TreeMap<>();

    @Override
    public Integer call() {
        // what needs no Spark first: a directory that is not a corpus is one line before Spark starts
        Manifest before = CorpusVerifier.readManifest(dir, new org.apache.hadoop.conf.Configuration());
        if (before.tokenizer() == null) {
            throw new org.corpusforge.jobs.UserError(dir + ": the corpus was not tokenised: a search index needs a tokenizer");
        }
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSessions.getOrCreate(master, Map.of(), sparkConf);
        try {
            long started = System.nanoTime();
            Manifest m = SearchIndexJob.build(JavaSparkContext.fromSparkContext(spark.sparkContext()), dir);
            long bytes = m.searchIndex().files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
            long tokens = m.searchIndex().files().stream().mapToLong(f -> f.tokens() == null ? 0 : f.tokens()).sum();
            spec.commandLine().getOut().printf("corpusforge: indexed %d shards, %d tokens, %d bytes (%.2f per token) in %.1f s -> %s%n",
                    m.searchIndex().files().size(), tokens, bytes, tokens == 0 ? 0.0 : (double) bytes / tokens,
                    (System.nanoTime() - started) / 1e9, dir);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            if (!existing) {
                spark.stop();
            }
        }
    }
}
