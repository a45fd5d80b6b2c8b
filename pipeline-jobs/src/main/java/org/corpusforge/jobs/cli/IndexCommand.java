package org.corpusforge.jobs.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.OutputDirectory;
import org.corpusforge.jobs.SearchIndexJob;
import org.corpusforge.jobs.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Builds the search index of a finished corpus (search/part-NNNNN.csa, a suffix array of the "
                + "characters of each shard's texts, in parallel on Spark) and lists it in the manifest; an index of "
                + "an earlier version is replaced. Rebuilding gives the same bytes.")
final class IndexCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master; default: what spark-submit gives, else local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> sparkConf = new TreeMap<>();

    @Option(names = "--embedding", paramLabel = "KEY=VALUE", description = "The passages' embedding model, as "
            + "output.search_index.embedding's keys (model=, tokenizer=, pooling=, normalize=, query_prefix=, "
            + "passage_prefix=, max_tokens=, batch=; repeatable). Default: the model the index had, if any.")
    Map<String, String> embedding = new TreeMap<>();

    @Option(names = "--no-vectors", description = "Build the passages without vectors, even if the index had them.")
    boolean noVectors;

    @Override
    public Integer call() {
        // what needs no Spark first: a directory that is not a corpus is one line before Spark starts, and so is an
        // embedding model that cannot be read or run
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        Manifest before = OutputDirectory.readManifest(dir, hadoop);
        org.corpusforge.jobs.io.EmbeddingModel model = noVectors ? null : embeddingModel(before, hadoop);
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSessions.getOrCreate(master, Map.of(), sparkConf);
        try {
            long started = System.nanoTime();
            Manifest m = SearchIndexJob.build(JavaSparkContext.fromSparkContext(spark.sparkContext()), dir, model);
            long bytes = m.searchIndex().files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
            Manifest.Passages passages = m.searchIndex().passages();
            long passageBytes = passages.files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
            long textBytes = m.shards().stream().mapToLong(Manifest.FileEntry::textBytes).sum();
            spec.commandLine().getOut().printf("corpusforge: indexed %d shards of %d text bytes (UTF-8) in %.1f s: "
                            + "characters %d bytes (%.2f times the text), %d passages %d bytes (%.2f times) -> %s%n",
                    m.searchIndex().files().size(), textBytes, (System.nanoTime() - started) / 1e9,
                    bytes, textBytes == 0 ? 0.0 : (double) bytes / textBytes, passages.count(), passageBytes,
                    textBytes == 0 ? 0.0 : (double) passageBytes / textBytes, dir);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            if (!existing) {
                spark.stop();
            }
        }
    }

    /** The model --embedding names, else the one the corpus's passages were embedded with, else none. */
    private org.corpusforge.jobs.io.EmbeddingModel embeddingModel(Manifest manifest,
                                                                  org.apache.hadoop.conf.Configuration hadoop) {
        org.corpusforge.core.config.EmbeddingSpec spec;
        if (!embedding.isEmpty()) {
            // the values as --set reads them (YAML scalars), checked as the configuration's keys are
            Map<String, String> settings = new TreeMap<>();
            settings.put("output.search_index.enabled", "true");
            embedding.forEach((k, v) -> settings.put("output.search_index.embedding." + k, v));
            spec = org.corpusforge.jobs.PipelinePlan.parse("inputs: [{path: unused}]\n", List.of(), settings)
                    .config().output().searchIndex().embedding();
        } else if (manifest.searchIndex() != null && manifest.searchIndex().passages() != null
                && manifest.searchIndex().passages().embedding() != null) {
            Manifest.Embedding r = manifest.searchIndex().passages().embedding();
            spec = new org.corpusforge.core.config.EmbeddingSpec(r.model(), r.tokenizer(), r.pooling(), r.normalize(),
                    r.queryPrefix(), r.passagePrefix(), r.maxTokens(), 32);
        } else {
            return null;
        }
        return org.corpusforge.jobs.io.EmbeddingModel.load(spec, hadoop, "--embedding");
    }
}
