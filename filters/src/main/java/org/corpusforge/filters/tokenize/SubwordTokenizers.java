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

    /**
     * The JVM's instance for this model, loaded on first use. Models are shared by content; the result answers
     * {@link SubwordTokenizer#model()} with the caller's model (its name and location), not the first loader's.
     */
    public static SubwordTokenizer shared(TokenizerModel model) {
        SubwordTokenizer loaded = LOADED.computeIfAbsent(model.sha256(), sha -> load(model));
        return loaded.model() == model ? loaded : new Named(model, loaded);
    }

    /** A shared tokenizer under the name a caller gave its model. */
    private record Named(TokenizerModel model, SubwordTokenizer tokenizer) implements SubwordTokenizer {
        @Override
        public int[] encode(String text) {
            return tokenizer.encode(text);
        }

        @Override
        public String decode(int[] ids) {
            return tokenizer.decode(ids);
        }

        @Override
        public SubwordTokenizer inText() {
            return tokenizer.inText();
        }

        @Override
        public int vocabularySize() {
            return tokenizer.vocabularySize();
        }

        @Override
        public int idOf(String piece) {
            return tokenizer.idOf(piece);
        }

        @Override
        public String endOfSequence() {
            return tokenizer.endOfSequence();
        }
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
