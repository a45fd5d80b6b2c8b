package org.corpusforge.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.filters.tokenize.SubwordTokenizers;
import org.corpusforge.filters.tokenize.TokenizerModel;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.jobs.io.PartCommit;
import org.corpusforge.jobs.io.SearchIndexWriter;
import org.corpusforge.search.SuffixIndexLayout;

/**
 * {@code index DIR}: the search index of a corpus that already exists, one task per shard, from the shards' token
 * ids or, when they carry none, their texts tokenised again with the manifest's tokenizer (SHA-256 checked; each
 * row's count must equal its {@code token_count}). Written through {@link PartCommit} like a run's parts, under the
 * corpus's lock; then the card and the manifest, which lists the index, are written again.
 */
public final class SearchIndexJob {
    private SearchIndexJob() {}

    public static Manifest build(JavaSparkContext jsc, String dir) {
        String root = CorpusVerifier.strip(dir);
        Configuration conf = jsc.hadoopConfiguration();
        Manifest manifest = CorpusVerifier.readManifest(root, conf);
        SubwordTokenizer tokenizer = SearchableCorpus.tokenizer(manifest, conf);
        String runId = "index-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(conf);
            try (OutputLock lock = OutputLock.acquire(rootPath, fs, runId, root)) {
                Broadcast<TokenizerModel> model = jsc.broadcast(tokenizer.model());
                List<String> shards = manifest.shards().stream().map(Manifest.FileEntry::path).toList();
                int vocabulary = tokenizer.vocabularySize();
                SerializableConfiguration taskConf = new SerializableConfiguration(conf);
                PartCommit commit = PartCommit.forOutput(root, runId, conf);
                commit.setupJob(conf);
                List<Manifest.FileEntry> files;
                try {
                    files = jsc.parallelize(IntStream.range(0, shards.size()).boxed().toList(), Math.max(1, shards.size()))
                            .map(i -> indexShard(root, shards.get(i), i, vocabulary, model.value(), commit, taskConf.value()))
                            .collect();
                    commit.commitJob();
                } catch (IOException | RuntimeException e) {
                    commit.abortJob();
                    throw e;
                }
                Manifest indexed = manifest.withSearchIndex(new Manifest.SearchIndex(SuffixIndexLayout.FORMAT,
                        tokenizer.model().sha256(), files));
                if (manifest.card() != null) {
                    return CorpusJob.commit(root, indexed, conf);
                }
                HadoopFiles.writeAtomically(root + "/" + CorpusJob.MANIFEST, ManifestJson.toBytes(indexed), conf);
                return indexed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Manifest.FileEntry indexShard(String root, String shard, int index, int vocabulary,
                                                 TokenizerModel model, PartCommit commit, Configuration conf)
            throws IOException {
        TaskContext task = TaskContext.get();
        PartCommit.TaskWork work = commit.startTask(index, task == null ? 0 : task.attemptNumber(), conf);
        try {
            SubwordTokenizer tokenizer = SubwordTokenizers.shared(model);
            String name = shard.substring(shard.lastIndexOf('/') + 1).replaceFirst("\\.parquet$", "");
            SearchIndexWriter writer = new SearchIndexWriter(work.root(), name, vocabulary, conf);
            long[] row = {0};
            ParquetJson.forEachRow(root + "/" + shard, conf, 0, r -> {
                int[] stored = ParquetJson.tokenIds(r);
                int[] ids = stored != null ? stored : tokenizer.encode(r.path("text").asText());
                long counted = r.path("token_count").asLong(-1);
                if (counted != ids.length) {
                    throw new UserError(shard + " row " + row[0] + ": token_count " + counted + ", the tokenizer gives "
                            + ids.length + " (the shard and the manifest's tokenizer disagree)");
                }
                writer.write(ids);
                row[0]++;
            });
            Manifest.FileEntry entry = writer.finish();
            commit.commitTask(work);
            return entry;
        } catch (IOException | RuntimeException e) {
            commit.abortTask(work);
            throw e;
        }
    }
}
