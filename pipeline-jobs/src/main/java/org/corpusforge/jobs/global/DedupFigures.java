package org.corpusforge.jobs.global;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.jobs.global.Deduplication.Evidence;
import org.corpusforge.jobs.global.Deduplication.Ref;
import scala.Tuple2;

/**
 * What dedup tells the user beside its decisions, for the manifest's details, the report and the card: the largest
 * clusters (a kept document and the documents it witnesses, with their sources), and warnings for every source kind
 * and input file that lost more than half its documents. Small jobs over the nodes' refs and the evidence, never the
 * texts.
 */
final class DedupFigures {
    private DedupFigures() {}

    /** The ids of a few numbered documents, in one small job. */
    static Map<Long, String> idsOf(JavaPairRDD<Long, Ref> refs, List<Long> numbers) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        java.util.Set<Long> wanted = new java.util.HashSet<>(numbers);
        return new java.util.HashMap<>(refs.filter(t -> wanted.contains(t._1())).mapValues(Ref::id).collectAsMap());
    }

    /** The largest clusters (a kept document and the documents it witnesses), with their sources. */
    static void clusters(JavaPairRDD<Long, Tuple2<Ref, Long>> witnesses, JavaRDD<Evidence> evidence,
                         Map<String, Object> details) {
        List<Tuple2<Ref, Long>> largest = witnesses.values().takeOrdered(Deduplication.LISTED, CLUSTER_ORDER);
        java.util.Set<String> ids = new java.util.HashSet<>(largest.stream().map(t -> t._1().id()).toList());
        Map<String, Map<String, Long>> sources = new TreeMap<>();
        if (!ids.isEmpty()) {
            evidence.filter(e -> ids.contains(e.kept.id())).mapToPair(e -> new Tuple2<>(
                    e.kept.id() + '\u0000' + e.dropped.source(), 1L)).reduceByKey(Long::sum).collectAsMap()
                    .forEach((k, n) -> sources.computeIfAbsent(k.substring(0, k.indexOf('\u0000')), x -> new TreeMap<>())
                            .put(k.substring(k.indexOf('\u0000') + 1), n));
        }
        details.put("largest_clusters", largest.stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kept", t._1().id());
            row.put("documents", t._2());
            Map<String, Long> bySource = new TreeMap<>(sources.getOrDefault(t._1().id(), Map.of()));
            bySource.merge(t._1().source(), 1L, Long::sum);
            row.put("sources", bySource);
            return row;
        }).toList());
    }

    private static final Comparator<Tuple2<Ref, Long>> CLUSTER_ORDER = (Comparator<Tuple2<Ref, Long>> & Serializable)
            (a, b) -> !a._2().equals(b._2()) ? Long.compare(b._2(), a._2()) : a._1().id().compareTo(b._1().id());

    /** Warnings for every source kind and input file that loses more than half its documents to dedup. */
    static void losses(JavaPairRDD<Long, Ref> refs, JavaRDD<Evidence> evidence, Map<String, Object> details) {
        // one job: (documents in, documents lost) per source kind and input file, kept where more than half went
        JavaPairRDD<String, long[]> flagged = refs.values().flatMapToPair(r -> List.of(
                        new Tuple2<>("source " + r.source(), new long[] {1, 0}),
                        new Tuple2<>("input " + Deduplication.sourceUri(r), new long[] {1, 0})).iterator())
                .union(evidence.flatMapToPair(e -> List.of(
                        new Tuple2<>("source " + e.dropped.source(), new long[] {0, 1}),
                        new Tuple2<>("input " + Deduplication.sourceUri(e.dropped), new long[] {0, 1})).iterator()))
                .reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})
                .filter(t -> 2 * t._2()[1] > t._2()[0]);
        List<Tuple2<String, long[]>> first = flagged.takeOrdered(Deduplication.LISTED + 1, BY_NAME);
        List<String> warnings = new ArrayList<>();
        Object large = details.remove("warning_large");
        if (large != null) {
            warnings.add((String) large);
        }
        first.stream().limit(Deduplication.LISTED).forEach(t -> warnings.add(t._1() + " lost " + t._2()[1] + " of its "
                + t._2()[0] + " documents to dedup"));
        details.put("warnings", warnings);
        if (first.size() > Deduplication.LISTED) {
            details.put("warnings_not_listed", flagged.count() - Deduplication.LISTED);
        }
    }

    private static final Comparator<Tuple2<String, long[]>> BY_NAME = (Comparator<Tuple2<String, long[]>> & Serializable)
            (a, b) -> a._1().compareTo(b._1());
}
