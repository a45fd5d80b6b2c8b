package org.corpusforge.filters.tokenize;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded tokenizer per model per JVM: loading a 100k-piece model takes about half a second and its native
 * memory is not small, so every task of an executor shares the instance.
 */
public final class SubwordTokenizers {
    private static final Map<String, SubwordTokenizer> LOADED = new ConcurrentHashMap<>();

    private SubwordTokenizers() {}

    /** The JVM's instance for this model, loaded on first use. */
    public static SubwordTokenizer shared(TokenizerModel model) {
        return LOADED.computeIfAbsent(model.sha256(), sha -> load(model));
    }

    /** A new instance; throws IllegalArgumentException naming the file when the bytes are not a model. */
    public static SubwordTokenizer load(TokenizerModel model) {
        try {
            return switch (model.kind()) {
                case SENTENCEPIECE -> new SentencePieceTokenizer(model);
                case HUGGINGFACE -> new HuggingFaceJsonTokenizer(model);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load " + model.kind().label() + " tokenizer "
                    + model.location() + ": " + e.getMessage(), e);
        }
    }
}
