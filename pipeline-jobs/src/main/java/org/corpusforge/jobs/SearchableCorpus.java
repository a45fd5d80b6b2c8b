package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.base.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.filters.text.MorphTokenizer;
import org.corpusforge.jobs.io.LocalFile;
import org.corpusforge.jobs.io.ShardProvenance;
import org.corpusforge.search.CharIndexLayout;
import org.corpusforge.search.CharShardIndex;
import org.corpusforge.search.PassageIndex;
import org.corpusforge.search.PassageIndexBuilder;
import org.corpusforge.search.training.TrainingIterations;
import org.corpusforge.search.TextIndex;
import org.corpusforge.search.TextSearch;

/**
 * A finished corpus opened for queries: its character index (memory-mapped; a temporary local copy for a corpus on a
 * remote file system), the run's own normaliser for the queries, Kuromoji for words, and the shards for provenance.
 * An index of an earlier format (token-level) is refused with the command that rebuilds it. No Spark.
 */
public final class SearchableCorpus implements AutoCloseable {
    private final Manifest manifest;
    private final TextSearch search;
    private final TextIndex index;
    private final List<LocalFile> files;

    private final PassageIndex passages;

    private SearchableCorpus(Manifest manifest, TextSearch search, TextIndex index, PassageIndex passages,
                             List<LocalFile> files) {
        this.manifest = manifest;
        this.search = search;
        this.index = index;
        this.passages = passages;
        this.files = files;
    }

    /**
     * The passages' model for queries, loaded when a first query asks for it (a model of hundreds of megabytes is
     * not read for a count); null when the passages have no vectors.
     */
    private static TextSearch.QueryEmbedder queryEmbedder(CorpusDirectory root, Manifest manifest, Configuration conf) {
        Manifest.Embedding recorded = manifest.searchIndex().passages().embedding();
        if (recorded == null) {
            return null;
        }
        return new TextSearch.QueryEmbedder() {
            private org.corpusforge.filters.embed.OnnxEmbedder embedder;

            @Override
            public synchronized float[] embed(String query) {
                if (embedder == null) {
                    embedder = org.corpusforge.jobs.io.EmbeddingModel.forQueries(recorded, conf, root.uri()).open();
                }
                return embedder.embed(List.of(recorded.queryPrefix() + query)).get(0);
            }
        };
    }

    /** The recorded training schedule ({@code schedule DIR}) as a lookup by shard and row; null without one. */
    private static TextSearch.TrainingLookup training(CorpusDirectory root, Manifest manifest, Configuration conf,
                                                      List<LocalFile> files) {
        if (manifest.training() == null) {
            return null;
        }
        if (!TrainingIterations.FORMAT.equals(manifest.training().format())) {
            throw new UserError(root + " records a training schedule of another version ("
                    + manifest.training().format() + "); record it again with `corpusforge schedule " + root + "`");
        }
        long[] firstRow = new long[manifest.shards().size()];
        for (int s = 1; s < firstRow.length; s++) {
            firstRow[s] = firstRow[s - 1] + manifest.shards().get(s - 1).rows();
        }
        try {
            LocalFile local = LocalFile.of(root.resolve(TrainingSchedule.ITERATIONS), conf);
            files.add(local);
            TrainingIterations its = TrainingIterations.open(local.path());
            long of = manifest.training().trainIterations();
            return new TextSearch.TrainingLookup() {
                @Override
                public int[] iterations(int shard, long row) {
                    return its.of(firstRow[shard] + row);
                }

                @Override
                public long trainIterations() {
                    return of;
                }
            };
        } catch (IOException e) {
            throw new UserError(root.resolve(TrainingSchedule.ITERATIONS + " cannot be read: " + e.getMessage()
                    + " (corpusforge verify " + root + ")"));
        }
    }

    /** The shards' passage indexes, in shard order; null when the corpus has none. */
    private static PassageIndex openPassages(CorpusDirectory root, Manifest manifest, Configuration conf, List<LocalFile> files)
            throws IOException {
        Manifest.Passages passages = manifest.searchIndex().passages();
        if (passages == null) {
            return null;
        }
        if (!PassageIndexBuilder.FORMAT.equals(passages.format())) {
            throw new UserError(root + " has a passage index of another version (" + passages.format()
                    + "); rebuild it with `scripts/corpusforge index " + root + "`");
        }
        if (passages.files().size() != manifest.shards().size()) {
            throw new UserError("the passage index of " + root + " has " + passages.files().size() + " files for "
                    + manifest.shards().size() + " shards (corpusforge index " + root + " rebuilds it)");
        }
        List<java.nio.file.Path> packed = new ArrayList<>();
        for (Manifest.FileEntry f : passages.files()) {
            LocalFile local = LocalFile.of(root.resolve(f.path()), conf);
            files.add(local);
            packed.add(local.path());
        }
        return PassageIndex.openPacked(packed);
    }

    public static SearchableCorpus open(String dir, Configuration conf) {
        CorpusDirectory root = CorpusDirectory.of(dir);
        Manifest manifest = OutputDirectory.readManifest(root, conf);
        if (manifest.searchIndex() == null) {
            throw new UserError(root + " has no search index: build one with `corpusforge index " + root
                    + "` (or run with output.search_index.enabled: true)");
        }
        if (!CharIndexLayout.FORMAT.equals(manifest.searchIndex().format())) {
            throw new UserError(root + " has a search index of an earlier version (" + manifest.searchIndex().format()
                    + ", token-level counts); rebuild it with `scripts/corpusforge index " + root + "`");
        }
        UnaryOperator<String> normalize = queryNormalizer(manifest);
        List<LocalFile> files = new ArrayList<>();
        List<CharShardIndex> shards = new ArrayList<>();
        try {
            for (Manifest.FileEntry entry : manifest.searchIndex().files()) {
                LocalFile file = LocalFile.of(root.resolve(entry.path()), conf);
                files.add(file);
                shards.add(CharShardIndex.open(file.path()));
            }
        } catch (IOException | IllegalArgumentException e) {
            closeAll(files);
            throw new UserError("the search index of " + root + " cannot be opened: " + e.getMessage()
                    + " (corpusforge verify " + root + " checks it; corpusforge index " + root + " rebuilds it)");
        }
        PassageIndex passages = null;
        TextSearch.TrainingLookup training;
        try {
            passages = openPassages(root, manifest, conf, files);
            training = training(root, manifest, conf, files);
        } catch (IOException | RuntimeException e) {
            closeAll(files);
            closeQuietly(passages);
            throw e instanceof UserError u ? u : new UserError("the passage index of " + root + " cannot be opened: "
                    + e.getMessage() + " (corpusforge verify " + root + " checks it; corpusforge index " + root
                    + " rebuilds it)");
        }
        List<String> shardPaths = manifest.shards().stream().map(Manifest.FileEntry::path).toList();
        TextIndex index = new TextIndex(shards);
        TextSearch search = new TextSearch(index, normalize,
                new ShardProvenance(shardPaths.stream().map(p -> root.resolve(p)).toList(), conf), shardPaths,
                SearchableCorpus::words, passages, training, passages == null ? null : queryEmbedder(root, manifest, conf));
        return new SearchableCorpus(manifest, search, index, passages, files);
    }

    /** Kuromoji's words of a text (its surfaces, white space left out). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (MorphTokenizer.Token t : MorphTokenizer.forCurrentThread().tokenize(text)) {
            if (!t.surface().isBlank()) {
                words.add(t.surface());
            }
        }
        return words;
    }

    /**
     * The run's stages whose kind rewrites queries as it rewrote the text (normalisation), so that a query typed with
     * full-width letters or half-width kana meets the corpus's text as it was normalised; the identity when the run
     * had none.
     */
    private static UnaryOperator<String> queryNormalizer(Manifest manifest) {
        if (manifest.config() == null || !manifest.config().path("stages").isArray()) {
            return UnaryOperator.identity();
        }
        // those stages alone: other stages may name models that are not here
        com.fasterxml.jackson.databind.node.ArrayNode stages = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.arrayNode();
        manifest.config().get("stages").forEach(stage -> {
            org.corpusforge.filters.kind.DocumentStageType type =
                    org.corpusforge.filters.StageCatalog.type(stage.path("name").asText(""));
            if (type != null && type.rewritesQueries()) {
                stages.add(stage);
            }
        });
        org.corpusforge.core.config.ConfigNode root = org.corpusforge.core.config.ConfigNode.root(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().set("stages", stages));
        return org.corpusforge.filters.StageCatalog.build(root.list("stages"))::normalizeQuery;
    }

    public Manifest manifest() {
        return manifest;
    }

    public TextSearch search() {
        return search;
    }

    public TextIndex index() {
        return index;
    }

    /** What the server's {@code /api/info} says about the corpus. */
    public java.util.Map<String, Object> info() {
        java.util.Map<String, Object> info = new java.util.LinkedHashMap<>();
        info.put("run_id", manifest.runId());
        info.put("shards", manifest.shards().size());
        info.put("shard_paths", manifest.shards().stream().map(Manifest.FileEntry::path).toList());
        info.put("documents", index.documents());
        info.put("characters", index.units());
        info.put("unit", TextSearch.UNIT);
        info.put("index_format", manifest.searchIndex().format());
        info.put("passages", passages == null ? null : passages.passages());
        info.put("vectors", search.hasVectors() ? manifest.searchIndex().passages().embedding().dimensions() : null);
        info.put("train_iterations", manifest.training() == null ? null : manifest.training().trainIterations());
        return info;
    }

    @Override
    public void close() {
        index.close();
        closeQuietly(passages);
        closeAll(files);
    }

    private static void closeQuietly(PassageIndex passages) {
        if (passages != null) {
            try {
                passages.close();
            } catch (IOException e) {
                // readers of local files only
            }
        }
    }

    private static void closeAll(List<LocalFile> files) {
        for (LocalFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                // a temporary copy left behind in the temp directory; nothing of the corpus
            }
        }
    }
}
