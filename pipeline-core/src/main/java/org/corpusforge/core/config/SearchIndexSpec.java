package org.corpusforge.core.config;

import java.io.Serializable;

/**
 * The corpus's search index ({@code output.search_index:}): a suffix array over the characters of every shard's
 * texts ({@code search/part-NNNNN.csa}), built by the tasks that write the shards, for {@code search} and
 * {@code serve}.
 */
public record SearchIndexSpec(boolean enabled) implements Serializable {
    static SearchIndexSpec parse(ConfigNode node) {
        return new SearchIndexSpec(node.bool("enabled", false));
    }
}
