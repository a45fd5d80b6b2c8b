package org.corpusforge.jobs.shards;

import org.corpusforge.jobs.base.Persisted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * Decides which shard each record goes to, from its {@link OrderKey} and size (tokens or text bytes) alone, so the
 * plan never depends on partitioning. Only keys and sizes travel here, never texts.
 *
 * <ol>
 *   <li>The shard count is the total over the target, rounded to the nearest multiple of {@code multipleOf} (a
 *       data-parallel world size), at least {@code multipleOf}; when that is more than there are records, the
 *       largest multiple not above the record count (or the record count, when it is below
 *       {@code multipleOf}).</li>
 *   <li>Records larger than {@value #PLACED_WHOLE_SHARE} of a fair shard are few (at most 200 per shard); they are
 *       placed whole, largest first, each on the shard holding least so far (LPT scheduling).</li>
 *   <li>The rest, in key order (a seeded shuffle), are cut into contiguous ranges sized to what each shard still
 *       lacks; a record goes to the range holding its midpoint.</li>
 * </ol>
 * Each shard then misses its fair share by less than one small record at each end, so the largest shard holds at
 * most about 2 x {@value #PLACED_WHOLE_SHARE} more than the smallest, unless single records are too large for any
 * balance (the plan's spread in the manifest tells).
 */
public final class ShardPlanner {
    public static final double PLACED_WHOLE_SHARE = 0.005;

    /** Where each record goes, and how. */
    public record Plan(ShardPartitioner partitioner, int shards, long placedWhole) {
        static final Plan EMPTY = new Plan(null, 0, 0);
    }

    private ShardPlanner() {}

    /** @param sizes one entry per record: its key and its size (at least 1) */
    public static Plan plan(JavaPairRDD<OrderKey, Long> sizes, long target, int multipleOf, int partitions) {
        JavaPairRDD<OrderKey, Long> kept = sizes.persist(Persisted.LEVEL);
        try {
            Tuple2<Long, Long> countAndTotal = kept.values().aggregate(new Tuple2<>(0L, 0L),
                    (acc, size) -> {
                        if (size < 1) {
                            throw new IllegalArgumentException("record sizes must be at least 1, got " + size);
                        }
                        return new Tuple2<>(acc._1() + 1, acc._2() + size);
                    },
                    (a, b) -> new Tuple2<>(a._1() + b._1(), a._2() + b._2()));
            long records = countAndTotal._1();
            long total = countAndTotal._2();
            if (records == 0) {
                return Plan.EMPTY;
            }
            int shards = shardCount(total, records, target, multipleOf);
            double fair = (double) total / shards;
            long wholeAbove = (long) Math.floor(fair * PLACED_WHOLE_SHARE);

            List<Tuple2<OrderKey, Long>> large = new ArrayList<>(kept.filter(r -> r._2() > wholeAbove).collect());
            long[] loads = new long[shards];
            Map<OrderKey, Integer> placedWhole = placeLargestFirst(large, loads);

            long rest = total - large.stream().mapToLong(Tuple2::_2).sum();
            double[] ends = rangeEnds(loads, fair, rest);
            JavaPairRDD<OrderKey, Long> sorted = kept.filter(r -> r._2() <= wholeAbove)
                    .sortByKey(true, partitions).persist(Persisted.LEVEL);
            try {
                List<Long> partitionTotals = sorted.mapPartitions(ShardPlanner::sum, true).collect();
                long[] offsets = new long[partitionTotals.size()];
                for (int p = 1; p < offsets.length; p++) {
                    offsets[p] = offsets[p - 1] + partitionTotals.get(p - 1);
                }
                List<Tuple2<OrderKey, Integer>> starts = sorted.mapPartitionsWithIndex(
                        (index, it) -> rangeStarts(offsets[index], it, ends), true).collect();
                return new Plan(partitioner(shards, placedWhole, starts), shards, large.size());
            } finally {
                sorted.unpersist(false);
            }
        } finally {
            kept.unpersist(false);
        }
    }

    /** The total over the target, rounded to a multiple of {@code multipleOf}, and not more than the records. */
    public static int shardCount(long total, long records, long target, int multipleOf) {
        // rounded once: total / target shards, to the nearest multiple of multipleOf
        long count = Math.max(multipleOf, Math.round((double) total / target / multipleOf) * multipleOf);
        if (count > records) {
            count = records >= multipleOf ? records / multipleOf * multipleOf : records;
        }
        return Math.toIntExact(count);
    }

    /** LPT: largest first (ties by key), each on the least-loaded shard (ties by lowest index). */
    public static Map<OrderKey, Integer> placeLargestFirst(List<Tuple2<OrderKey, Long>> records, long[] loads) {
        records.sort(Comparator.comparing((Tuple2<OrderKey, Long> r) -> -r._2()).thenComparing(Tuple2::_1));
        PriorityQueue<Integer> byLoad = new PriorityQueue<>(
                Comparator.comparingLong((Integer s) -> loads[s]).thenComparingInt(s -> s));
        for (int s = 0; s < loads.length; s++) {
            byLoad.add(s);
        }
        Map<OrderKey, Integer> placed = new HashMap<>();
        for (Tuple2<OrderKey, Long> r : records) {
            int shard = byLoad.poll();
            loads[shard] += r._2();
            placed.put(r._1(), shard);
            byLoad.add(shard);
        }
        return placed;
    }

    /**
     * Cumulative ends of each shard's range of the remaining {@code rest}: sized to what the shard lacks of its
     * fair share, scaled so that they cover exactly the rest.
     */
    public static double[] rangeEnds(long[] loads, double fair, long rest) {
        double[] lack = new double[loads.length];
        double lackTotal = 0;
        for (int s = 0; s < loads.length; s++) {
            lack[s] = Math.max(0, fair - loads[s]);
            lackTotal += lack[s];
        }
        double[] ends = new double[loads.length];
        double sum = 0;
        for (int s = 0; s < loads.length; s++) {
            sum += lackTotal == 0 ? 1.0 / loads.length : lack[s] / lackTotal;
            ends[s] = rest * sum;
        }
        ends[loads.length - 1] = Double.POSITIVE_INFINITY;
        return ends;
    }

    private static Iterator<Long> sum(Iterator<Tuple2<OrderKey, Long>> records) {
        long total = 0;
        while (records.hasNext()) {
            total += records.next()._2();
        }
        return Collections.singletonList(total).iterator();
    }

    /** The first key of each range met in this partition, with the shard of the range. */
    private static Iterator<Tuple2<OrderKey, Integer>> rangeStarts(long before, Iterator<Tuple2<OrderKey, Long>> records,
                                                                   double[] ends) {
        List<Tuple2<OrderKey, Integer>> starts = new ArrayList<>();
        int last = -1;
        while (records.hasNext()) {
            Tuple2<OrderKey, Long> r = records.next();
            int shard = shardOf(before + r._2() / 2.0, ends);
            if (shard != last) {
                starts.add(new Tuple2<>(r._1(), shard));
                last = shard;
            }
            before += r._2();
        }
        return starts.iterator();
    }

    /** The first shard whose range ends after {@code position}. */
    public static int shardOf(double position, double[] ends) {
        int low = 0;
        int high = ends.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ends[mid] > position) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Range starts arrive in key order, partition by partition; a range cut by a partition boundary repeats. */
    private static ShardPartitioner partitioner(int shards, Map<OrderKey, Integer> placedWhole,
                                                List<Tuple2<OrderKey, Integer>> starts) {
        List<OrderKey> keys = new ArrayList<>();
        List<Integer> shardOfRange = new ArrayList<>();
        for (Tuple2<OrderKey, Integer> start : starts) {
            if (shardOfRange.isEmpty() || !shardOfRange.get(shardOfRange.size() - 1).equals(start._2())) {
                keys.add(start._1());
                shardOfRange.add(start._2());
            }
        }
        return new ShardPartitioner(shards, placedWhole, keys.toArray(new OrderKey[0]),
                shardOfRange.stream().mapToInt(Integer::intValue).toArray());
    }
}
