package org.corpusforge.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A kept document on its way to a shard, with its subword token count and, when an output needs them (a
 * {@code token_ids} column, Megatron files), the ids themselves. Without a tokenizer the count is -1.
 * (A plain class, not a record, so that any Spark serializer can shuffle it.)
 */
public final class TokenizedDocument implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int NOT_TOKENIZED = -1;

    private final Document document;
    private final int tokenCount;
    private final int[] tokenIds;

    public TokenizedDocument(Document document, int tokenCount, int[] tokenIds) {
        this.document = Objects.requireNonNull(document, "document");
        if (tokenIds != null && tokenIds.length != tokenCount) {
            throw new IllegalArgumentException(tokenIds.length + " ids for a count of " + tokenCount);
        }
        this.tokenCount = tokenCount;
        this.tokenIds = tokenIds;
    }

    public static TokenizedDocument untokenized(Document document) {
        return new TokenizedDocument(document, NOT_TOKENIZED, null);
    }

    public Document document() {
        return document;
    }

    /** The number of subword tokens of the text (no special tokens), or {@link #NOT_TOKENIZED}. */
    public int tokenCount() {
        return tokenCount;
    }

    public boolean tokenized() {
        return tokenCount != NOT_TOKENIZED;
    }

    /** The ids, or null when they were counted but not kept. Not copied: callers must not change them. */
    public int[] tokenIds() {
        return tokenIds;
    }
}
