package org.corpusforge.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Cuts records, in {@link OrderKey} order, into shards of about a target size, and returns the first key of
 * every shard. Record {@code r} covers bytes {@code [before, before + size)} of the whole ordered corpus; it
 * opens a new shard when that range contains a multiple of the target. So the cut depends only on the keys and
 * sizes, never on partitioning; no shard is empty; every shard but the last holds at least the target less one
 * record. Only keys and sizes are shuffled here, never texts.
 */
public final class ShardPlanner {
    private ShardPlanner() {}

    /** @param sizes one entry per record: its key and its size (at least 1) */
    public static List<OrderKey> plan(JavaPairRDD<OrderKey, Long> sizes, long target, int partitions) {
        JavaPairRDD<OrderKey, Long> sorted = sizes.sortByKey(true, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Long> totals = sorted.mapPartitions(ShardPlanner::sum, true).collect();
            long[] offsets = new long[totals.size()];
            for (int p = 1; p < offsets.length; p++) {
                offsets[p] = offsets[p - 1] + totals.get(p - 1);
            }
            return sorted.mapPartitionsWithIndex((index, records) -> shardStarts(offsets[index], records, target), true)
                    .collect();
        } finally {
            sorted.unpersist(false);
        }
    }

    private static Iterator<Long> sum(Iterator<Tuple2<OrderKey, Long>> records) {
        long total = 0;
        while (records.hasNext()) {
            total += records.next()._2();
        }
        return Collections.singletonList(total).iterator();
    }

    private static Iterator<OrderKey> shardStarts(long before, Iterator<Tuple2<OrderKey, Long>> records, long target) {
        List<OrderKey> starts = new ArrayList<>();
        while (records.hasNext()) {
            Tuple2<OrderKey, Long> r = records.next();
            long size = r._2();
            if (size < 1) {
                throw new IllegalArgumentException("record sizes must be at least 1, got " + size);
            }
            if (opensShard(before, size, target)) {
                starts.add(r._1());
            }
            before += size;
        }
        return starts.iterator();
    }

    /** Whether a record covering {@code [before, before + size)} contains a multiple of {@code target}. */
    static boolean opensShard(long before, long size, long target) {
        return before == 0 || (before + size - 1) / target != (before - 1) / target;
    }
}
