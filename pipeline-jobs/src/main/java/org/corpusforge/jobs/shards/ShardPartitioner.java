package org.corpusforge.jobs.shards;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.Partitioner;

/**
 * Sends a record to its shard as {@link ShardPlanner} decided: documents placed whole by key, every other one to
 * the range of the order it falls in (the greatest range start not above its key).
 */
public final class ShardPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int shards;
    private final Map<OrderKey, Integer> placedWhole;
    private final OrderKey[] rangeStarts;
    private final int[] rangeShards;

    public ShardPartitioner(int shards, Map<OrderKey, Integer> placedWhole, OrderKey[] rangeStarts, int[] rangeShards) {
        this.shards = shards;
        this.placedWhole = placedWhole;
        this.rangeStarts = rangeStarts;
        this.rangeShards = rangeShards;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    @Override
    public int getPartition(Object key) {
        Integer whole = placedWhole.get(key);
        if (whole != null) {
            return whole;
        }
        int i = Arrays.binarySearch(rangeStarts, (OrderKey) key);
        int range = i >= 0 ? i : Math.max(0, -i - 2);
        return rangeShards.length == 0 ? 0 : rangeShards[range];
    }

    /** A checksum of the plan: two partitioners with the same fingerprint send every record to the same shard. */
    public String fingerprint() {
        StringBuilder plan = new StringBuilder().append(shards).append('\n');
        placedWhole.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> plan.append(e.getKey().hash()).append('\u0000').append(e.getKey().tiebreak())
                        .append('\u0000').append(e.getValue()).append('\n'));
        plan.append("ranges\n");
        for (int i = 0; i < rangeStarts.length; i++) {
            plan.append(rangeStarts[i].hash()).append('\u0000').append(rangeStarts[i].tiebreak()).append('\u0000')
                    .append(rangeShards[i]).append('\n');
        }
        return org.corpusforge.core.model.Hashing.sha256Hex(plan.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardPartitioner p && shards == p.shards && placedWhole.equals(p.placedWhole)
                && Arrays.equals(rangeStarts, p.rangeStarts) && Arrays.equals(rangeShards, p.rangeShards);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rangeStarts) * 31 + shards;
    }
}
