package org.corpusforge.jobs.global;

import java.util.Objects;
import org.apache.spark.Partitioner;

/**
 * A partitioner whose rule is its class and whose only setting is its partition count, so that two of the same
 * class and count partition alike (Spark then skips a shuffle between them).
 */
abstract class CountedPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    CountedPartitioner(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public final int numPartitions() {
        return partitions;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((CountedPartitioner) o).partitions == partitions;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), partitions);
    }
}
