package org.corpusforge.jobs.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.EmbeddingSpec;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.filters.embed.OnnxEmbedder;
import org.corpusforge.jobs.base.UserError;

/**
 * The passage index's embedding model as a run holds it: the configuration, the model's and tokenizer's bytes (read
 * once on the driver, from any file system, and handed to the shard tasks) and the width of its vectors, found by
 * embedding one text before Spark starts, so that a file that is not an ONNX encoder or a tokenizer.json is one line.
 */
public final class EmbeddingModel implements Serializable {
    private static final long serialVersionUID = 1L;

    // the configuration's values, not the record: Spark's Kryo cannot write a record's fields
    private final String modelLocation;
    private final String tokenizerLocation;
    private final String pooling;
    private final boolean normalize;
    private final String queryPrefix;
    private final String passagePrefix;
    private final int maxTokens;
    private final int batch;
    private final byte[] model;
    private final byte[] tokenizer;
    private final int dimensions;

    private EmbeddingModel(EmbeddingSpec spec, byte[] model, byte[] tokenizer, int dimensions) {
        this.modelLocation = spec.model();
        this.tokenizerLocation = spec.tokenizer();
        this.pooling = spec.pooling();
        this.normalize = spec.normalize();
        this.queryPrefix = spec.queryPrefix();
        this.passagePrefix = spec.passagePrefix();
        this.maxTokens = spec.maxTokens();
        this.batch = spec.batch();
        this.model = model;
        this.tokenizer = tokenizer;
        this.dimensions = dimensions;
    }

    /** @param where the configuration key, for errors ({@code output.search_index.embedding}) */
    public static EmbeddingModel load(EmbeddingSpec spec, Configuration conf, String where) {
        byte[] model = read(spec.model(), where + ".model", conf);
        byte[] tokenizer = read(spec.tokenizer(), where + ".tokenizer", conf);
        return check(spec, model, tokenizer, where);
    }

    /**
     * The model a corpus's manifest names, read again for a query: it must still be the bytes the passages were
     * embedded with.
     */
    public static EmbeddingModel forQueries(Manifest.Embedding recorded, Configuration conf, String root) {
        EmbeddingSpec spec = new EmbeddingSpec(recorded.model(), recorded.tokenizer(), recorded.pooling(),
                recorded.normalize(), recorded.queryPrefix(), recorded.passagePrefix(), recorded.maxTokens(), 1);
        String where = root + "'s embedding";
        byte[] model = read(recorded.model(), where + " model", conf);
        byte[] tokenizer = read(recorded.tokenizer(), where + " tokenizer", conf);
        if (!Hashing.sha256Hex(model).equals(recorded.modelSha256())
                || !Hashing.sha256Hex(tokenizer).equals(recorded.tokenizerSha256())) {
            throw new UserError(where + ": " + recorded.model() + " or " + recorded.tokenizer() + " is not the file the "
                    + "passages were embedded with (SHA-256 differs); rebuild the index with `corpusforge index`");
        }
        EmbeddingModel loaded = check(spec, model, tokenizer, where);
        if (loaded.dimensions != recorded.dimensions()) {
            throw new UserError(where + ": the model gives " + loaded.dimensions + " dimensions, the index holds "
                    + recorded.dimensions());
        }
        return loaded;
    }

    private static byte[] read(String location, String key, Configuration conf) {
        try {
            return HadoopFiles.readRegularFile(location, conf, HadoopFiles.MAX_MODEL_BYTES);
        } catch (IOException | RuntimeException e) {
            throw new UserError(key + " " + location + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static EmbeddingModel check(EmbeddingSpec spec, byte[] model, byte[] tokenizer, String where) {
        try (OnnxEmbedder embedder = open(spec, model, tokenizer)) {
            float[] probe = embedder.embed(List.of(spec.passagePrefix() + "吾輩は猫である。")).get(0);
            return new EmbeddingModel(spec, model, tokenizer, probe.length);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(where + ": " + spec.model() + " with " + spec.tokenizer() + " is not a sentence "
                    + "encoder this run can use: " + e.getMessage());
        }
    }

    private static OnnxEmbedder open(EmbeddingSpec spec, byte[] model, byte[] tokenizer) {
        return new OnnxEmbedder(model, tokenizer, spec.maxTokens(),
                OnnxEmbedder.Pooling.valueOf(spec.pooling().toUpperCase(java.util.Locale.ROOT)), spec.normalize());
    }

    /** A fresh embedder (one per task: ONNX Runtime sessions are not shared across threads here). */
    public OnnxEmbedder open() {
        return open(spec(), model, tokenizer);
    }

    public EmbeddingSpec spec() {
        return new EmbeddingSpec(modelLocation, tokenizerLocation, pooling, normalize, queryPrefix, passagePrefix,
                maxTokens, batch);
    }

    public int dimensions() {
        return dimensions;
    }

    /** Lucene's similarity for the vectors: the dot product of unit vectors is their cosine. */
    public boolean unitVectors() {
        return normalize;
    }

    public Manifest.Embedding manifestEntry() {
        return new Manifest.Embedding(modelLocation, Hashing.sha256Hex(model), tokenizerLocation,
                Hashing.sha256Hex(tokenizer), dimensions, pooling, normalize, queryPrefix, passagePrefix, maxTokens,
                normalize ? "dot_product" : "cosine");
    }
}
