package org.corpusforge.jobs;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.Partitioner;

/** Sends a record to the shard whose first key is the greatest one not above the record's key. */
final class BoundaryPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final OrderKey[] firstKeys;

    BoundaryPartitioner(List<OrderKey> firstKeys) {
        this.firstKeys = firstKeys.toArray(new OrderKey[0]);
    }

    @Override
    public int numPartitions() {
        return firstKeys.length;
    }

    @Override
    public int getPartition(Object key) {
        int i = Arrays.binarySearch(firstKeys, (OrderKey) key);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundaryPartitioner b && Arrays.equals(firstKeys, b.firstKeys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(firstKeys);
    }
}
