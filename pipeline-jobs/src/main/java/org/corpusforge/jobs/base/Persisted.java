package org.corpusforge.jobs.base;

import org.apache.spark.storage.StorageLevel;

/** How the job keeps the datasets it reads more than once. */
public final class Persisted {
    /**
     * Serialised (Kryo), in memory and then on disk. Kept as objects instead, every block is measured by Spark's
     * SizeEstimator, which walks each document's object graph again at every sample: that was 16 % of a sample
     * run's CPU time (BENCHMARKS section 10), more than serialising the same documents once.
     */
    public static final StorageLevel LEVEL = StorageLevel.MEMORY_AND_DISK_SER();

    private Persisted() {}
}
