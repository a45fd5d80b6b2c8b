package org.corpusforge.jobs.global;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.corpusforge.jobs.base.Persisted;
import scala.Tuple2;

/**
 * Connected components of an undirected graph on Spark with the large-star / small-star rounds of Kiveris et
 * al. (2014), written with reduce-by-key and joins only: a node's smallest neighbour is found by reducing, never
 * by gathering its neighbours, so a component of millions of documents costs no memory on one machine. Ends when
 * a round leaves the edge set unchanged; then every edge joins a node to its component's smallest node.
 * Each round's edges are checkpointed, so the lineage stays short however many rounds it takes: to the Spark
 * checkpoint directory when there is one (a cluster, where an executor can be lost with its blocks), else locally.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {}

    /** For every node of an edge except each component's smallest: (node, smallest node of its component). */
    public static JavaPairRDD<Long, Long> of(JavaPairRDD<Long, Long> edges, int maxRounds, int parallelism,
                                      Map<String, Object> details) {
        JavaPairRDD<Long, Long> current = orient(edges).distinct(parallelism).persist(Persisted.LEVEL);
        long[] signature = signature(current);
        int rounds = 0;
        while (true) {
            rounds++;
            JavaPairRDD<Long, Long> next = smallStar(largeStar(current, parallelism), parallelism)
                    .persist(Persisted.LEVEL);
            if (next.context().getCheckpointDir().isDefined()) {
                next.rdd().checkpoint();
            } else {
                next.rdd().localCheckpoint();
            }
            long[] nextSignature = signature(next);
            current.unpersist(false);
            current = next;
            if (java.util.Arrays.equals(signature, nextSignature)) {
                break;
            }
            signature = nextSignature;
            if (rounds >= maxRounds) {
                throw new IllegalStateException("connected components did not converge in " + maxRounds
                        + " rounds (dedup.max_rounds)");
            }
        }
        details.put("connected_component_rounds", rounds);
        details.put("components", current.values().distinct().count());
        details.put("documents_joined_to_a_component", signature[0]);
        return current;
    }

    /** Edges as (larger, smaller), self-loops dropped. */
    private static JavaPairRDD<Long, Long> orient(JavaPairRDD<Long, Long> edges) {
        return edges.filter(e -> !e._1().equals(e._2()))
                .mapToPair(e -> e._1() > e._2() ? e : new Tuple2<>(e._2(), e._1()));
    }

    /** Every node links its larger neighbours to the smallest node among itself and its neighbours. */
    private static JavaPairRDD<Long, Long> largeStar(JavaPairRDD<Long, Long> edges, int parallelism) {
        JavaPairRDD<Long, Long> both = edges.union(edges.mapToPair(Tuple2::swap));
        JavaPairRDD<Long, Long> smallest = both.reduceByKey(Math::min, parallelism);
        return both.filter(e -> e._2() > e._1()).join(smallest, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), Math.min(t._1(), t._2()._2())))
                .filter(e -> !e._1().equals(e._2()))
                .distinct(parallelism);
    }

    /** Every node links itself and its smaller neighbours to the smallest of them. */
    private static JavaPairRDD<Long, Long> smallStar(JavaPairRDD<Long, Long> edges, int parallelism) {
        JavaPairRDD<Long, Long> down = orient(edges);
        JavaPairRDD<Long, Long> smallest = down.reduceByKey(Math::min, parallelism);
        return down.join(smallest, parallelism)
                .flatMapToPair(t -> List.of(new Tuple2<>(t._2()._1(), t._2()._2()), new Tuple2<>(t._1(), t._2()._2()))
                        .iterator())
                .filter(e -> !e._1().equals(e._2()))
                .distinct(parallelism);
    }

    /** Edge count and an order-independent checksum: equal for equal edge sets, whatever the partitioning. */
    private static long[] signature(JavaPairRDD<Long, Long> edges) {
        Tuple2<Long, Long> s = edges.map(e -> new Tuple2<>(1L, e._1() * 0x9E3779B97F4A7C15L ^ e._2() * 0xC2B2AE3D27D4EB4FL))
                .fold(new Tuple2<>(0L, 0L), (a, b) -> new Tuple2<>(a._1() + b._1(), a._2() + b._2()));
        return new long[] {s._1(), s._2()};
    }
}
