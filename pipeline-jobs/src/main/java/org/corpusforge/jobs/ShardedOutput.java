package org.corpusforge.jobs;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
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
 * Writes keyed records as numbered files {@code DIR/part-NNNNN.EXT}, cut by {@link ShardPlanner}, each file
 * in key order. Every task writes its own file under its final name, which a retry or a speculative copy
 * overwrites with the same bytes; readers trust only runs whose manifest, written last, lists the file.
 */
public final class ShardedOutput {
    private ShardedOutput() {}

    /** Opens a writer for one file. */
    public interface WriterFactory<T> extends Serializable {
        RecordFileWriter<T> open(String uri, Configuration conf) throws IOException;
    }

    public static <T> List<Manifest.FileEntry> write(JavaPairRDD<OrderKey, T> records, Function<T, Long> size,
                                                     long targetBytes, int partitions, String outputUri,
                                                     String directory, String extension, WriterFactory<T> factory) {
        List<OrderKey> firstKeys = ShardPlanner.plan(records.mapValues(size), targetBytes, partitions);
        if (firstKeys.isEmpty()) {
            return List.of();
        }
        SerializableConfiguration conf = new SerializableConfiguration(records.context().hadoopConfiguration());
        return records.repartitionAndSortWithinPartitions(new BoundaryPartitioner(firstKeys))
                .mapPartitionsWithIndex((index, it) -> writeFile(index, it, outputUri, directory, extension, factory,
                        conf.value()), true)
                .collect();
    }

    private static <T> Iterator<Manifest.FileEntry> writeFile(int index, Iterator<Tuple2<OrderKey, T>> records,
                                                              String outputUri, String directory, String extension,
                                                              WriterFactory<T> factory, Configuration conf)
            throws IOException {
        String relative = directory + "/" + String.format("part-%05d", index) + extension;
        RecordFileWriter<T> writer = factory.open(outputUri + "/" + relative, conf);
        while (records.hasNext()) {
            writer.write(records.next()._2());
        }
        return Collections.singletonList(writer.finish(relative)).iterator();
    }
}
