package org.corpusforge.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.TokenizedDocument;
import org.corpusforge.jobs.io.DocumentSchema;

/**
 * What the kept documents hold, in one pass before the shards are written: the signal and attribute names (the
 * fields of the shards' struct columns, so every shard has the same schema) and the documents, text bytes and
 * tokens by source and licence (for the manifest and the dataset card). Everything is sorted, so it depends only
 * on the documents.
 */
final class CorpusProfile implements Serializable {
    private static final String NO_LICENSE = "\u0000";
    private final TreeSet<String> signals = new TreeSet<>();
    private final TreeSet<String> attributes = new TreeSet<>();
    /** source + '\t' + licence to {documents, text bytes, tokens} */
    private final TreeMap<String, long[]> composition = new TreeMap<>();
    /** source to KLL sketches of the kept documents' characters (code points) and tokens, for the run report */
    private final TreeMap<String, org.corpusforge.jobs.report.Histogram[]> lengths = new TreeMap<>();
    /** dedup cluster size (documents a kept document stood for) to kept documents */
    private final TreeMap<Long, Long> clusterSizes = new TreeMap<>();
    /** rehydration: documents written more than once, copies added, tokens those copies add */
    private final long[] rehydrated = new long[3];

    static CorpusProfile of(JavaRDD<TokenizedDocument> rows) {
        return rows.treeAggregate(new CorpusProfile(), CorpusProfile::add, CorpusProfile::merge);
    }

    private CorpusProfile add(TokenizedDocument row) {
        Document doc = row.document();
        signals.addAll(doc.signals().keySet());
        attributes.addAll(doc.metadata().attributes().keySet());
        String license = doc.metadata().license();
        long[] sums = composition.computeIfAbsent(doc.source().label() + "\t" + (license == null ? NO_LICENSE : license),
                k -> new long[3]);
        sums[0]++;
        sums[1] += doc.textUtf8Bytes();
        sums[2] += row.tokenized() ? row.tokenCount() : 0;
        org.corpusforge.jobs.report.Histogram[] kll = lengths.computeIfAbsent(doc.source().label(),
                k -> new org.corpusforge.jobs.report.Histogram[] {new org.corpusforge.jobs.report.Histogram(),
                        new org.corpusforge.jobs.report.Histogram()});
        kll[0].add(doc.text().codePointCount(0, doc.text().length()));
        if (row.tokenized()) {
            kll[1].add(row.tokenCount());
        }
        Double copy = doc.signals().get(Rehydration.COPY);
        Double cluster = doc.signals().get("dup_cluster_size");
        if (cluster != null && (copy == null || copy == 1)) {
            clusterSizes.merge(cluster.longValue(), 1L, Long::sum);
        }
        if (copy != null) {
            rehydrated[0] += copy == 1 ? 1 : 0;
            rehydrated[1] += copy == 1 ? 0 : 1;
            rehydrated[2] += copy == 1 || !row.tokenized() ? 0 : row.tokenCount();
        }
        return this;
    }

    private CorpusProfile merge(CorpusProfile other) {
        signals.addAll(other.signals);
        attributes.addAll(other.attributes);
        other.composition.forEach((key, sums) -> {
            long[] mine = composition.computeIfAbsent(key, k -> new long[3]);
            for (int i = 0; i < mine.length; i++) {
                mine[i] += sums[i];
            }
        });
        other.lengths.forEach((source, kll) -> {
            org.corpusforge.jobs.report.Histogram[] mine = lengths.computeIfAbsent(source,
                    k -> new org.corpusforge.jobs.report.Histogram[] {new org.corpusforge.jobs.report.Histogram(),
                            new org.corpusforge.jobs.report.Histogram()});
            mine[0].merge(kll[0]);
            mine[1].merge(kll[1]);
        });
        other.clusterSizes.forEach((size, n) -> clusterSizes.merge(size, n, Long::sum));
        for (int i = 0; i < rehydrated.length; i++) {
            rehydrated[i] += other.rehydrated[i];
        }
        return this;
    }

    Manifest.ShardSchema schema() {
        return new Manifest.ShardSchema(DocumentSchema.VERSION, new ArrayList<>(signals), new ArrayList<>(attributes));
    }

    List<Manifest.Composition> composition(boolean tokenized) {
        List<Manifest.Composition> result = new ArrayList<>();
        composition.forEach((key, sums) -> {
            String[] parts = key.split("\t", 2);
            result.add(new Manifest.Composition(parts[0], NO_LICENSE.equals(parts[1]) ? null : parts[1], sums[0],
                    sums[1], tokenized ? sums[2] : null));
        });
        return result;
    }

    /** Source to {characters, tokens} sketches of the kept documents. */
    SortedMap<String, org.corpusforge.jobs.report.Histogram[]> lengths() {
        return lengths;
    }

    /** What rehydration wrote, or null when it was off. */
    Manifest.Rehydration rehydration(org.corpusforge.core.config.RehydrationSpec spec, boolean tokenized) {
        if (!spec.enabled()) {
            return null;
        }
        List<Manifest.RehydrationStep> schedule = spec.schedule().stream()
                .map(s -> new Manifest.RehydrationStep(s.from(), s.copies())).toList();
        return new Manifest.Rehydration(schedule, rehydrated[0], rehydrated[1], tokenized ? rehydrated[2] : null);
    }

    SortedMap<Long, Long> clusterSizes() {
        return clusterSizes;
    }

    SortedMap<String, Long> tokensBySource() {
        SortedMap<String, Long> tokens = new TreeMap<>();
        composition.forEach((key, sums) -> tokens.merge(key.substring(0, key.indexOf('\t')), sums[2], Long::sum));
        return tokens;
    }
}
