package org.corpusforge.jobs.shards;

import org.corpusforge.jobs.base.TaskFaults;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.io.PartCommit;
import org.corpusforge.jobs.io.RecordFileWriter;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Writes keyed records as numbered files ({@code part-NNNNN}), cut by {@link ShardPlanner}, each file in key order.
 * Every task writes its own files under their final names (through {@link PartCommit}: directly on file systems,
 * through an S3A committer on s3a), which a retry or a speculative copy writes again with the same bytes; readers
 * trust only runs whose manifest, written last, lists the files.
 */
public final class ShardedOutput {
    private ShardedOutput() {}

    /** Opens the writer of one part; it names its own files (a shard and, say, its Megatron pair). */
    public interface WriterFactory<T> extends Serializable {
        RecordFileWriter<T> open(String outputUri, String partName, Configuration conf) throws IOException;
    }

    /** What was written: every file, in part order, the plan that cut them, and the parts reused as they were. */
    public record Written(List<Manifest.FileEntry> files, ShardPlanner.Plan plan, List<Integer> reused) {}

    /** Writes every part. @param writeId unique to this write in this run (names the S3A committer's job) */
    public static <T> Written write(JavaPairRDD<OrderKey, T> records, Function<T, Long> size, long target,
                                    int multipleOf, int partitions, String outputUri, String writeId,
                                    WriterFactory<T> factory) throws IOException {
        return write(records, size, target, multipleOf, partitions, outputUri, writeId, factory, null);
    }

    /**
     * Writes the parts, and with {@code resumable} records each as it is committed, so that a later run given the
     * same {@link Resumable#key} (the same records) and cutting the same plan reuses every part whose files are still
     * there with their recorded sizes and SHA-256s: its records are not even shuffled.
     */
    public static <T> Written write(JavaPairRDD<OrderKey, T> records, Function<T, Long> size, long target,
                                    int multipleOf, int partitions, String outputUri, String writeId,
                                    WriterFactory<T> factory, Resumable resumable) throws IOException {
        ShardPlanner.Plan plan = ShardPlanner.plan(records.mapValues(size), target, multipleOf, partitions);
        if (plan.shards() == 0) {
            return new Written(List.of(), plan, List.of());
        }
        Configuration hadoopConf = records.context().hadoopConfiguration();
        SerializableConfiguration conf = new SerializableConfiguration(hadoopConf);
        CommittedParts committed = resumable == null ? null
                : new CommittedParts(resumable, plan, outputUri);
        java.util.Map<Integer, List<Manifest.FileEntry>> done = committed == null ? java.util.Map.of()
                : committed.verified(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(records.context()));
        java.util.Set<Integer> skipped = new java.util.HashSet<>(done.keySet());
        ShardPartitioner partitioner = plan.partitioner();
        JavaPairRDD<OrderKey, T> toWrite = skipped.isEmpty() ? records
                : records.filter(r -> !skipped.contains(partitioner.getPartition(r._1())));
        PartCommit commit = PartCommit.forOutput(outputUri, writeId, hadoopConf);
        commit.setupJob(hadoopConf);
        try {
            // the records cross the shuffle as bytes: sorting objects, Spark would measure each one's object graph
            // (SizeEstimator) many times over to decide when to spill, which cost more than serialising them once
            List<Manifest.FileEntry> files = toWrite
                    .mapPartitionsToPair(ShardedOutput::serialised, true)
                    .repartitionAndSortWithinPartitions(partitioner)
                    .mapPartitionsWithIndex((index, it) -> done.containsKey(index) ? done.get(index).iterator()
                            : writePart(index, it, commit, factory, committed, conf.value()), true)
                    .collect();
            commit.commitJob();
            return new Written(files, plan, skipped.stream().sorted().toList());
        } catch (IOException | RuntimeException e) {
            commit.abortJob();
            throw e;
        }
    }

    private static <T> Iterator<Tuple2<OrderKey, byte[]>> serialised(Iterator<Tuple2<OrderKey, T>> records) {
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        ClassTag<Object> any = ClassTag$.MODULE$.AnyRef();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Tuple2<OrderKey, byte[]> next() {
                Tuple2<OrderKey, T> r = records.next();
                ByteBuffer bytes = serializer.serialize(r._2(), any);
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                return new Tuple2<>(r._1(), copy);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> Iterator<Manifest.FileEntry> writePart(int index, Iterator<Tuple2<OrderKey, byte[]>> records,
                                                             PartCommit commit, WriterFactory<T> factory,
                                                             CommittedParts committed, Configuration conf)
            throws IOException {
        TaskContext task = TaskContext.get();
        PartCommit.TaskWork work = commit.startTask(index, task == null ? 0 : task.attemptNumber(), conf);
        RecordFileWriter<T> writer = null;
        try {
            TaskFaults.maybeFail(conf, "write", index, task);
            writer = factory.open(work.root(), String.format("part-%05d", index), conf);
            SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
            ClassTag<Object> any = ClassTag$.MODULE$.AnyRef();
            while (records.hasNext()) {
                writer.write((T) serializer.deserialize(ByteBuffer.wrap(records.next()._2()), any));
            }
            List<Manifest.FileEntry> files = writer.finish();
            commit.commitTask(work);
            if (committed != null) {
                committed.record(index, files, conf);
            }
            return files.iterator();
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.abort();
            }
            commit.abortTask(work);
            throw e;
        }
    }
}
