package org.corpusforge.jobs.global;

import java.io.Serializable;
import java.util.List;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;

/**
 * Exact and near-duplicate removal ({@code dedup:}), after the per-document stages. See the README for what each
 * key does and the similarity threshold the band layout implies.
 */
public record DedupSpec(boolean exact, boolean near, String keep, List<String> preferSources, String shingleUnit,
                        int shingleSize,
                        int bands, int rows, long seed, double minJaccard, long maxBucketSize,
                        int maxRounds, boolean foldSpelling, boolean foldReadings, long maxClusterSize,
                        boolean allowLargeClusters, long selectOnDriverEdges) implements Serializable {

    public static DedupSpec parse(ConfigNode node) {
        DedupSpec spec = new DedupSpec(
                node.bool("exact", false),
                node.bool("near", false),
                node.choice("keep", "smallest-id", "smallest-id", "longest"),
                List.copyOf(node.stringList("prefer_sources")),
                node.choice("shingle_unit", "char", "char", "word"),
                node.intValue("shingle_size", 5, 1, 64),
                node.intValue("bands", 25, 1, 1000),
                node.intValue("rows", 4, 1, 1000),
                node.longValue("seed", 20240518L, Long.MIN_VALUE, Long.MAX_VALUE),
                node.doubleValue("min_jaccard", 0.7, 0.0, 1.0),
                node.longValue("max_bucket_size", 10_000, 2, Long.MAX_VALUE),
                node.intValue("max_rounds", 40, 1, 1000),
                node.bool("fold_spelling", true),
                node.bool("fold_readings", false),
                node.longValue("max_cluster_size", 100_000, 2, Long.MAX_VALUE),
                node.bool("allow_large_clusters", false),
                node.longValue("select_on_driver_edges", 1_000_000, 0, 50_000_000));
        // read so that old configurations stay valid: every decision is measured on the exact shingle sets now
        node.bool("exact_jaccard", true);
        for (String source : spec.preferSources) {
            if (!List.of("web", "book", "transcript").contains(source)) {
                throw new ConfigException(node.path() + ".prefer_sources: unknown source kind \"" + source + "\"");
            }
        }
        return spec;
    }

    public boolean enabled() {
        return exact || near;
    }

    public int permutations() {
        return bands * rows;
    }
}
