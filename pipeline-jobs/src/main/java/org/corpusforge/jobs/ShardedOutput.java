package org.corpusforge.jobs;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.io.RecordFileWriter;
import scala.Tuple2;

/**
 * Writes keyed records as numbered files ({@code part-NNNNN}), cut by {@link ShardPlanner}, each file in key order.
 * Every task writes its own files under their final names, which a retry or a speculative copy overwrites with the
 * same bytes; readers trust only runs whose manifest, written last, lists the files.
 */
public final class ShardedOutput {
    private ShardedOutput() {}

    /** Opens the writer of one part; it names its own files (a shard and, say, its Megatron pair). */
    public interface WriterFactory<T> extends Serializable {
        RecordFileWriter<T> open(String outputUri, String partName, Configuration conf) throws IOException;
    }

    /** What was written: every file, in part order, and the plan that cut them. */
    public record Written(List<Manifest.FileEntry> files, ShardPlanner.Plan plan) {}

    public static <T> Written write(JavaPairRDD<OrderKey, T> records, Function<T, Long> size, long target,
                                    int multipleOf, int partitions, String outputUri, WriterFactory<T> factory) {
        ShardPlanner.Plan plan = ShardPlanner.plan(records.mapValues(size), target, multipleOf, partitions);
        if (plan.shards() == 0) {
            return new Written(List.of(), plan);
        }
        SerializableConfiguration conf = new SerializableConfiguration(records.context().hadoopConfiguration());
        List<Manifest.FileEntry> files = records.repartitionAndSortWithinPartitions(plan.partitioner())
                .mapPartitionsWithIndex((index, it) -> writePart(index, it, outputUri, factory, conf.value()), true)
                .collect();
        return new Written(files, plan);
    }

    private static <T> Iterator<Manifest.FileEntry> writePart(int index, Iterator<Tuple2<OrderKey, T>> records,
                                                             String outputUri, WriterFactory<T> factory,
                                                             Configuration conf) throws IOException {
        RecordFileWriter<T> writer = factory.open(outputUri, String.format("part-%05d", index), conf);
        while (records.hasNext()) {
            writer.write(records.next()._2());
        }
        return writer.finish().iterator();
    }
}
