package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
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
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.jobs.io.PartCommit;
import org.corpusforge.jobs.io.SearchIndexWriter;

/**
 * {@code index DIR}: the search index of a corpus that already exists, one task per shard, from the shards' texts.
 * Written through {@link PartCommit} like a run's parts, under the corpus's lock; then the card and the manifest,
 * which lists the index, are written again. An index of an earlier version (token-level, or without passages) is
 * replaced.
 */
public final class SearchIndexJob {
    private SearchIndexJob() {}

    /** @param embedding the passages' embedding model, or null: no vectors */
    public static Manifest build(JavaSparkContext jsc, String dir, org.corpusforge.jobs.io.EmbeddingModel embedding) {
        CorpusDirectory root = CorpusDirectory.of(dir);
        Configuration conf = jsc.hadoopConfiguration();
        Manifest manifest = OutputDirectory.readManifest(root, conf);
        String runId = "index-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Path rootPath = new Path(root.uri());
            FileSystem fs = rootPath.getFileSystem(conf);
            try (OutputLock lock = OutputLock.acquire(rootPath, fs, runId, root.uri())) {
                List<String> shards = manifest.shards().stream().map(Manifest.FileEntry::path).toList();
                SerializableConfiguration taskConf = new SerializableConfiguration(conf);
                org.apache.spark.broadcast.Broadcast<org.corpusforge.jobs.io.EmbeddingModel> vectors =
                        embedding == null ? null : jsc.broadcast(embedding);
                PartCommit commit = PartCommit.forOutput(root.uri(), runId, conf);
                commit.setupJob(conf);
                List<Manifest.FileEntry> files;
                try {
                    files = jsc.parallelize(IntStream.range(0, shards.size()).boxed().toList(), Math.max(1, shards.size()))
                            .flatMap(i -> indexShard(root, shards.get(i), i, commit,
                                    vectors == null ? null : vectors.value(), taskConf.value()).iterator())
                            .collect();
                    commit.commitJob();
                } catch (IOException | RuntimeException e) {
                    commit.abortJob();
                    throw e;
                }
                if (manifest.searchIndex() != null) {
                    // the earlier index's files, where the new one did not overwrite them (another extension)
                    java.util.Set<String> kept = new java.util.HashSet<>(files.stream().map(Manifest.FileEntry::path).toList());
                    for (Manifest.FileEntry old : manifest.searchIndex().allFiles()) {
                        if (!kept.contains(old.path())) {
                            HadoopFiles.delete(root.resolve(old.path()), conf);
                        }
                    }
                }
                Manifest indexed = manifest.withSearchIndex(SearchIndexWriter.manifestEntry(files,
                        embedding == null ? null : embedding.manifestEntry()));
                if (manifest.card() != null) {
                    return OutputDirectory.commit(root, indexed, conf);
                }
                // an older corpus without a card keeps none
                OutputDirectory.rewriteManifest(root, indexed, conf);
                return indexed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Manifest.FileEntry> indexShard(CorpusDirectory root, String shard, int index, PartCommit commit,
                                                       org.corpusforge.jobs.io.EmbeddingModel embedding,
                                                       Configuration conf) throws IOException {
        TaskContext task = TaskContext.get();
        PartCommit.TaskWork work = commit.startTask(index, task == null ? 0 : task.attemptNumber(), conf);
        try {
            String name = shard.substring(shard.lastIndexOf('/') + 1).replaceFirst("\\.parquet$", "");
            SearchIndexWriter writer = new SearchIndexWriter(work.root(), name, true, embedding, conf);
            List<Manifest.FileEntry> entries;
            try {
                ParquetJson.forEachRow(root.resolve(shard), conf, 0, r -> writer.write(r.path("text").asText()));
                entries = writer.finish();
            } catch (IOException | RuntimeException e) {
                writer.abort();
                throw e;
            }
            commit.commitTask(work);
            return entries;
        } catch (IOException | RuntimeException e) {
            commit.abortTask(work);
            throw e;
        }
    }
}
