package org.corpusforge.core.config;

import java.io.Serializable;

/**
 * The corpus's search index ({@code output.search_index:}), built by the tasks that write the shards, for
 * {@code search} and {@code serve}: a suffix array over the characters of every shard's texts
 * ({@code search/part-NNNNN.csa}) and, with {@code passages} (on by default), a Lucene index of the texts cut into
 * passages for keyword search ({@code search/part-NNNNN.passages}), with, when an {@code embedding} model is
 * named, each passage's vector in the same index for nearest-neighbour search.
 *
 * @param embedding null: no vectors
 */
public record SearchIndexSpec(boolean enabled, boolean passages, EmbeddingSpec embedding) implements Serializable {
    static SearchIndexSpec parse(ConfigNode node) {
        return new SearchIndexSpec(node.bool("enabled", false), node.bool("passages", true),
                node.has("embedding") ? EmbeddingSpec.parse(node.child("embedding")) : null);
    }

    /** Whether each shard gets a passage index. */
    public boolean writesPassages() {
        return enabled && passages;
    }
}
