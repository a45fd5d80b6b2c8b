package org.corpusforge.core.config;

import java.io.Serializable;

/**
 * The subword tokenizer ({@code tokenizer:}): a SentencePiece {@code .model} or a Hugging Face {@code tokenizer.json}.
 * Without a model nothing is tokenised and shards are cut by text bytes.
 *
 * @param model    path or URI of the model file, or null
 * @param name     how the manifest names it (default: the file name)
 * @param writeIds whether shards get a {@code token_ids} column
 */
public record TokenizerSpec(String model, String name, boolean writeIds) implements Serializable {

    static TokenizerSpec parse(ConfigNode node) {
        String model = node.string("model", null);
        String fileName = model == null ? null : model.substring(model.lastIndexOf('/') + 1);
        return new TokenizerSpec(model, node.string("name", fileName), node.bool("write_ids", false));
    }

    public boolean enabled() {
        return model != null;
    }
}
