package org.corpusforge.jobs;

import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.shards.ShardPartitioner;
import org.corpusforge.jobs.shards.ShardPlanner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.corpusforge.core.model.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.Tuple2;

/** Shard plans on sizes shaped like a book corpus: many short documents and a long tail of long ones. */
@ExtendWith(SharedSpark.class)
class ShardPlannerTest {

    @Test
    void heavyTailedSizesSplitIntoAMultipleOfTheWorldSizeWithinTwoPercent() {
        List<Tuple2<OrderKey, Long>> records = heavyTailed(20_000, 42);
        long total = records.stream().mapToLong(Tuple2::_2).sum();
        long target = total / 60;
        long[] loads = loads(records, target, 8, 3);
        assertEquals(64, loads.length, "60 shards' worth, rounded to a multiple of 8");
        long smallest = java.util.Arrays.stream(loads).min().orElseThrow();
        long largest = java.util.Arrays.stream(loads).max().orElseThrow();
        assertTrue(largest <= smallest * 1.02, smallest + " .. " + largest);
        assertEquals(total, java.util.Arrays.stream(loads).sum());
    }

    @Test
    void thePlanDoesNotDependOnPartitioning() {
        List<Tuple2<OrderKey, Long>> records = heavyTailed(5_000, 7);
        long target = records.stream().mapToLong(Tuple2::_2).sum() / 16;
        ShardPartitioner one = ShardPlanner.plan(rdd(records, 1), target, 4, 1).partitioner();
        ShardPartitioner seven = ShardPlanner.plan(rdd(records, 5), target, 4, 7).partitioner();
        for (Tuple2<OrderKey, Long> r : records) {
            assertEquals(one.getPartition(r._1()), seven.getPartition(r._1()), r._1().toString());
        }
    }

    @Test
    void aDocumentLargerThanAFairShareGetsAShardOfItsOwn() {
        List<Tuple2<OrderKey, Long>> records = heavyTailed(1_000, 3);
        long total = records.stream().mapToLong(Tuple2::_2).sum();
        records.add(new Tuple2<>(key("huge"), total));
        long[] loads = loads(records, total / 2, 2, 2);
        assertEquals(4, loads.length);
        assertEquals(total, java.util.Arrays.stream(loads).max().orElseThrow());
    }

    @Test
    void theShardCountIsTheTotalOverTheTargetRoundedOnceToTheWorldSize() {
        // 2.59 shards' worth at dp_size 2: the nearest multiple of 2 is 2 (rounding to 3 first gave 4)
        assertEquals(2, ShardPlanner.shardCount(258_564, 1_000, 100_000, 2));
        assertEquals(4, ShardPlanner.shardCount(300_001, 1_000, 100_000, 2));
        assertEquals(3, ShardPlanner.shardCount(258_564, 1_000, 100_000, 1));
        assertEquals(8, ShardPlanner.shardCount(1, 1_000, 100_000, 8));
    }

    @Test
    void fewerDocumentsThanTheWorldSizeGiveOneShardEach() {
        assertEquals(5, ShardPlanner.shardCount(500, 5, 10, 8));
        assertEquals(8, ShardPlanner.shardCount(500, 12, 10, 8));
        assertEquals(8, ShardPlanner.shardCount(500, 1_000, 1_000_000, 8));
        assertEquals(16, ShardPlanner.shardCount(1_300, 1_000, 100, 8));
        long[] loads = loads(heavyTailed(5, 1), 1, 8, 2);
        assertEquals(5, loads.length);
        assertTrue(java.util.Arrays.stream(loads).allMatch(l -> l > 0));
    }

    private static long[] loads(List<Tuple2<OrderKey, Long>> records, long target, int multipleOf, int partitions) {
        ShardPlanner.Plan plan = ShardPlanner.plan(rdd(records, 3), target, multipleOf, partitions);
        long[] loads = new long[plan.shards()];
        for (Tuple2<OrderKey, Long> r : records) {
            loads[plan.partitioner().getPartition(r._1())] += r._2();
        }
        return loads;
    }

    /** Log-normal sizes (median about 1,100 tokens) with a Pareto tail up to 400,000. */
    private static List<Tuple2<OrderKey, Long>> heavyTailed(int n, long seed) {
        Random random = new Random(seed);
        List<Tuple2<OrderKey, Long>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double size = random.nextDouble() < 0.05
                    ? 20_000 / Math.pow(random.nextDouble() + 0.05, 1.2)
                    : Math.exp(7 + 1.2 * random.nextGaussian());
            records.add(new Tuple2<>(key("doc-" + seed + "-" + i), Math.max(1, Math.min(400_000, Math.round(size)))));
        }
        return records;
    }

    private static OrderKey key(String id) {
        return OrderKey.of(id, new Provenance("file:/x", id, "00"));
    }

    private static JavaPairRDD<OrderKey, Long> rdd(List<Tuple2<OrderKey, Long>> records, int slices) {
        return JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext())
                .parallelizePairs(records, slices);
    }
}
