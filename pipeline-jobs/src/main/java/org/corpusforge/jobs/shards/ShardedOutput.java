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
        ShardPlanner.Plan plan = ShardPlanner.plan(records.mapValues(size), target, multipleOf, partitions);
        return write(records, plan, java.util.Map.of(), outputUri, writeId, factory, null);
    }

    /**
     * The parts of {@code plan} an earlier attempt at the same write committed (a {@link Resumable} with the same key),
     * each with its files: a marker with this key and plan, every file there with its recorded size and SHA-256.
     */
    public static java.util.Map<Integer, List<Manifest.FileEntry>> committed(
            org.apache.spark.api.java.JavaSparkContext jsc, Resumable resumable, ShardPlanner.Plan plan,
            String outputUri) throws IOException {
        return new CommittedParts(resumable, plan, outputUri).verified(jsc);
    }

    /**
     * Writes the parts of {@code plan} but those in {@code done} (whose records the caller left out, and whose files
     * are listed as recorded), and with {@code resumable} records each part as it is committed.
     */
    public static <T> Written write(JavaPairRDD<OrderKey, T> records, ShardPlanner.Plan plan,
                                    java.util.Map<Integer, List<Manifest.FileEntry>> done, String outputUri,
                                    String writeId, WriterFactory<T> factory, Resumable resumable) throws IOException {
        if (plan.shards() == 0) {
            return new Written(List.of(), plan, List.of());
        }
        Configuration hadoopConf = records.context().hadoopConfiguration();
        SerializableConfiguration conf = new SerializableConfiguration(hadoopConf);
        CommittedParts committed = resumable == null ? null : new CommittedParts(resumable, plan, outputUri);
        java.util.Map<Integer, List<Manifest.FileEntry>> reused = new java.util.TreeMap<>(done);
        PartCommit commit = PartCommit.forOutput(outputUri, writeId, hadoopConf);
        commit.setupJob(hadoopConf);
        try {
            // the records cross the shuffle as bytes: sorting objects, Spark would measure each one's object graph
            // (SizeEstimator) many times over to decide when to spill, which cost more than serialising them once
            List<Manifest.FileEntry> files = records
                    .mapPartitionsToPair(ShardedOutput::serialised, true)
                    .repartitionAndSortWithinPartitions(plan.partitioner())
                    .mapPartitionsWithIndex((index, it) -> reused.containsKey(index) ? reused.get(index).iterator()
                            : writePart(index, it, commit, factory, committed, conf.value()), true)
                    .collect();
            commit.commitJob();
            return new Written(files, plan, List.copyOf(reused.keySet()));
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
