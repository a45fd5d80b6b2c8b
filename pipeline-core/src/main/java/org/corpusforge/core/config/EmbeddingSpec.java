package org.corpusforge.core.config;

import java.io.Serializable;

/**
 * The sentence-embedding model of the passage index ({@code output.search_index.embedding:}): an ONNX encoder and the
 * Hugging Face {@code tokenizer.json} it reads, on any file system the run reads; how its token states become one
 * vector ({@code pooling: mean} or {@code cls}, {@code normalize} to unit length); the prefixes e5- and ruri-style
 * models expect before a query and a passage; tokens per text and texts per batch.
 */
public record EmbeddingSpec(String model, String tokenizer, String pooling, boolean normalize, String queryPrefix,
                            String passagePrefix, int maxTokens, int batch) implements Serializable {
    static EmbeddingSpec parse(ConfigNode node) {
        return new EmbeddingSpec(node.requireString("model"), node.requireString("tokenizer"),
                node.choice("pooling", "mean", "mean", "cls"), node.bool("normalize", true),
                node.string("query_prefix", ""), node.string("passage_prefix", ""),
                node.intValue("max_tokens", 512, 8, 8192), node.intValue("batch", 32, 1, 1024));
    }
}
