package org.corpusforge.jobs.global;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.shards.OrderKey;
import scala.Tuple2;

/**
 * Brings what a global stage decided about each document (a dedup decision, the boilerplate lines found in it) to the
 * partition where the document already is, instead of moving the documents to the decisions: the texts stay where the
 * per-document stages left them and cross a shuffle only once, into the shards. Only the small side is shuffled, by
 * the document's partition number; each task then looks its documents up in a map of its partition's decisions.
 * What a document receives depends only on its key, so the result does not depend on partitioning.
 */
final class InPlaceJoin {
    private InPlaceJoin() {}

    /** Where a kept document is: the partition of the outcomes that holds it, and its key there. */
    static final class Address implements Serializable {
        private static final long serialVersionUID = 1L;
        final int partition;
        final OrderKey key;

        Address(int partition, OrderKey key) {
            this.partition = partition;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && partition == a.partition && key.equals(a.key);
        }

        @Override
        public int hashCode() {
            return partition * 31 + key.hashCode();
        }
    }

    /** Every kept document with its address, lazily. */
    static JavaPairRDD<Address, Outcome> kept(JavaRDD<Outcome> outcomes) {
        return outcomes.mapPartitionsWithIndex((partition, it) -> StreamSupport
                .stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .filter(o -> o.status() == Outcome.Status.KEPT)
                .map(o -> new Tuple2<>(new Address(partition, OrderKey.of(o.id(), o.provenance())), o))
                .iterator(), true).mapToPair(t -> t);
    }

    /** The partitioner that sends a value to the partition of the document it is about. */
    static Partitioner byDocument(JavaRDD<Outcome> outcomes) {
        return new ByPartition(outcomes.getNumPartitions());
    }

    /**
     * The outcomes, with every kept document passed to {@code merge} with the value its address received (null when
     * none). Other outcomes pass unchanged; the partitioning stays the same.
     */
    static <V> JavaRDD<Outcome> join(JavaRDD<Outcome> outcomes, JavaPairRDD<Address, V> values,
                                     Function2<Outcome, V, Outcome> merge) {
        JavaPairRDD<Address, V> placed = values.partitionBy(byDocument(outcomes));
        return outcomes.zipPartitions(placed, (documents, received) -> {
            Map<OrderKey, V> byKey = byKey(received);
            return new Iterator<Outcome>() {
                @Override
                public boolean hasNext() {
                    return documents.hasNext();
                }

                @Override
                public Outcome next() {
                    Outcome o = documents.next();
                    try {
                        return o.status() != Outcome.Status.KEPT ? o
                                : merge.call(o, byKey.get(OrderKey.of(o.id(), o.provenance())));
                    } catch (Exception e) {
                        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                }
            };
        });
    }

    /**
     * What {@code visit} makes of every kept document that received a value, where the document is: the way to read a
     * few documents' texts (dedup's shingle sets of its candidates) without moving the texts. A partition that
     * received nothing is not read.
     */
    static <V, R> JavaRDD<R> visit(JavaRDD<Outcome> outcomes, JavaPairRDD<Address, V> values,
                                   Function2<Outcome, V, R> visit) {
        JavaPairRDD<Address, V> placed = values.partitionBy(byDocument(outcomes));
        return outcomes.zipPartitions(placed, (documents, received) -> {
            Map<OrderKey, V> byKey = byKey(received);
            if (byKey.isEmpty()) {
                return java.util.Collections.emptyIterator();
            }
            java.util.List<R> out = new java.util.ArrayList<>(byKey.size());
            while (documents.hasNext()) {
                Outcome o = documents.next();
                V v = o.status() == Outcome.Status.KEPT ? byKey.get(OrderKey.of(o.id(), o.provenance())) : null;
                if (v != null) {
                    out.add(visit.call(o, v));
                }
            }
            return out.iterator();
        });
    }

    /** What a partition received, by the documents' keys. */
    private static <V> Map<OrderKey, V> byKey(Iterator<Tuple2<Address, V>> received) {
        Map<OrderKey, V> byKey = new HashMap<>();
        received.forEachRemaining(t -> byKey.put(t._1().key, t._2()));
        return byKey;
    }

    /** Partition n of the values goes with partition n of the documents. */
    private static final class ByPartition extends CountedPartitioner {
        private static final long serialVersionUID = 1L;

        ByPartition(int partitions) {
            super(partitions);
        }

        @Override
        public int getPartition(Object key) {
            return ((Address) key).partition;
        }
    }
}
