package org.corpusforge.jobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.config.RehydrationSpec;
import org.corpusforge.core.model.Document;

/**
 * Writes a deduplicated cluster's kept document as many times as the schedule gives its {@code dup_cluster_size},
 * just before the shards are written. The first copy keeps the document's id, copy k its id with {@code #k}; all of
 * them carry {@code rehydration_copy} (k) and {@code rehydration_copies} (how many), and the same text and
 * provenance, so every copy traces to the same source bytes. Copies get their own place in the shuffled order (their
 * ids differ), so they spread over the shards, and they count in the shards' tokens and balance like any row.
 */
final class Rehydration {
    static final String COPY = "rehydration_copy";
    static final String COPIES = "rehydration_copies";
    static final String CLUSTER_SIZE = "dup_cluster_size";

    private Rehydration() {}

    static JavaRDD<Document> apply(JavaRDD<Document> kept, RehydrationSpec spec) {
        if (!spec.enabled()) {
            return kept;
        }
        return kept.flatMap(doc -> copies(doc, spec).iterator());
    }

    static List<Document> copies(Document doc, RehydrationSpec spec) {
        Double cluster = doc.signals().get(CLUSTER_SIZE);
        int n = spec.copies(cluster == null ? 1 : cluster.longValue());
        if (n == 1) {
            return List.of(doc);
        }
        List<Document> out = new ArrayList<>(n);
        for (int k = 1; k <= n; k++) {
            out.add((k == 1 ? doc : doc.withId(doc.id() + "#" + k)).withSignal(COPY, k).withSignal(COPIES, n));
        }
        return out;
    }
}
