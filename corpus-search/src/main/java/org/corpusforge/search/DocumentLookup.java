package org.corpusforge.search;

import java.io.IOException;
import java.util.Map;
import java.util.SortedSet;

/** Where a shard's rows came from, read from the corpus's shards (the index holds only token ids). */
public interface DocumentLookup {
    /** A document's identity and provenance, as its shard row has them. */
    record Provenance(String id, String sourceUri, String sourceLocator, String sourceSha256, String license) {}

    /** The rows of one shard, by row number. */
    Map<Long, Provenance> rows(int shard, SortedSet<Long> rows) throws IOException;
}
