package org.corpusforge.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.config.TokenizerSpec;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.filters.StageCatalog;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.io.LocalFile;
import org.corpusforge.jobs.io.ShardProvenance;
import org.corpusforge.search.CorpusIndex;
import org.corpusforge.search.CorpusSearch;
import org.corpusforge.search.ShardIndex;
import org.corpusforge.search.TokenCodec;

/**
 * A finished corpus opened for queries: its search index (memory-mapped; a temporary local copy for a corpus on a
 * remote file system), the tokenizer the manifest names (its SHA-256 checked), the run's own normaliser for the
 * queries, and the shards for provenance. No Spark.
 */
public final class SearchableCorpus implements AutoCloseable {
    private final Manifest manifest;
    private final CorpusSearch search;
    private final CorpusIndex index;
    private final List<LocalFile> files;

    private SearchableCorpus(Manifest manifest, CorpusSearch search, CorpusIndex index, List<LocalFile> files) {
        this.manifest = manifest;
        this.search = search;
        this.index = index;
        this.files = files;
    }

    public static SearchableCorpus open(String dir, Configuration conf) {
        String root = CorpusVerifier.strip(dir);
        Manifest manifest = CorpusVerifier.readManifest(root, conf);
        if (manifest.searchIndex() == null) {
            throw new UserError(root + " has no search index: build one with `corpusforge index " + root
                    + "` (or run with output.search_index.enabled: true)");
        }
        SubwordTokenizer tokenizer = tokenizer(manifest, conf);
        UnaryOperator<String> normalize = queryNormalizer(manifest);
        SubwordTokenizer inText = tokenizer.inText();
        TokenCodec codec = new TokenCodec() {
            @Override
            public int[] encode(String text) {
                return inText.encode(normalize.apply(text));
            }

            @Override
            public String decode(int[] ids) {
                return tokenizer.decode(ids);
            }
        };
        List<LocalFile> files = new ArrayList<>();
        List<ShardIndex> shards = new ArrayList<>();
        try {
            for (Manifest.FileEntry entry : manifest.searchIndex().files()) {
                LocalFile file = LocalFile.of(root + "/" + entry.path(), conf);
                files.add(file);
                shards.add(ShardIndex.open(file.path()));
            }
        } catch (IOException | IllegalArgumentException e) {
            closeAll(files);
            throw new UserError("the search index of " + root + " cannot be opened: " + e.getMessage()
                    + " (corpusforge verify " + root + " checks it; corpusforge index " + root + " rebuilds it)");
        }
        List<String> shardPaths = manifest.shards().stream().map(Manifest.FileEntry::path).toList();
        CorpusIndex index = new CorpusIndex(shards);
        CorpusSearch search = new CorpusSearch(index, codec,
                new ShardProvenance(shardPaths.stream().map(p -> root + "/" + p).toList(), conf), shardPaths);
        return new SearchableCorpus(manifest, search, index, files);
    }

    /** The manifest's tokenizer from its recorded location, refused when the file there is another model. */
    public static SubwordTokenizer tokenizer(Manifest manifest, Configuration conf) {
        Manifest.TokenizerInfo info = manifest.tokenizer();
        if (info == null) {
            throw new UserError("the corpus was not tokenised: a search index needs a tokenizer");
        }
        SubwordTokenizer tokenizer = Tokenization.load(new TokenizerSpec(info.location(), info.name(), false), conf,
                "tokenizer.location in the manifest");
        if (!tokenizer.model().sha256().equals(info.sha256())) {
            throw new UserError("tokenizer.location in the manifest: " + info.location() + " has sha256 "
                    + tokenizer.model().sha256() + ", the corpus was tokenised with " + info.sha256());
        }
        return tokenizer;
    }

    /**
     * The run's {@code normalize} stage, so that a query typed with full-width letters or half-width kana meets the
     * corpus's text as it was normalised; the identity when the run had none.
     */
    private static UnaryOperator<String> queryNormalizer(Manifest manifest) {
        if (manifest.config() == null || !manifest.config().path("stages").isArray()) {
            return UnaryOperator.identity();
        }
        // the stages alone: other sections of an older manifest may not parse any more (a redacted number, say)
        com.fasterxml.jackson.databind.node.ObjectNode stagesOnly = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        stagesOnly.putArray("inputs").addObject().put("path", "unused");
        stagesOnly.set("stages", manifest.config().get("stages"));
        CorpusConfig config = CorpusConfig.parse(stagesOnly.toString(), List.of());
        List<ConfigNode> normalize = config.stageNodes().stream()
                .filter(n -> "normalize".equals(n.string("name", null))).toList();
        if (normalize.isEmpty()) {
            return UnaryOperator.identity();
        }
        return StageCatalog.build(normalize)::redact;
    }

    public Manifest manifest() {
        return manifest;
    }

    public CorpusSearch search() {
        return search;
    }

    public CorpusIndex index() {
        return index;
    }

    /** What the server's {@code /api/info} says about the corpus. */
    public java.util.Map<String, Object> info() {
        java.util.Map<String, Object> info = new java.util.LinkedHashMap<>();
        info.put("run_id", manifest.runId());
        info.put("shards", manifest.shards().size());
        info.put("documents", index.documents());
        info.put("tokens", index.tokens());
        info.put("tokenizer", manifest.tokenizer().name());
        info.put("tokenizer_sha256", manifest.tokenizer().sha256());
        info.put("index_format", manifest.searchIndex().format());
        return info;
    }

    @Override
    public void close() {
        index.close();
        closeAll(files);
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
