package org.corpusforge.jobs.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.jobs.InputPacking;
import org.corpusforge.jobs.base.Persisted;
import org.corpusforge.jobs.PipelinePlan;
import org.corpusforge.jobs.ReadAndProcess;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.jobs.global.ConnectedComponents;
import org.corpusforge.jobs.global.DedupSpec;
import org.corpusforge.jobs.global.Deduplication;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.MinHashSignature;
import org.corpusforge.jobs.io.InputResolver;
import scala.Tuple2;

/**
 * Our near-dedup against Spark MLlib's {@code MinHashLSH.approxSimilarityJoin} plus the same connected-components
 * step, on the same prepared documents in the same session: wall time, peak heap and, for labelled pairs, which
 * pairs each puts in one cluster.
 */
public final class DedupBenchmark {
    private DedupBenchmark() {}

    /** One method's result: seconds, peak heap in MB, and the cluster of every document by id. */
    public record Run(String method, double seconds, double peakHeapMb, Map<String, String> clusters) {}

    public static List<Run> run(SparkSession spark, PipelinePlan plan, int hashTables, int parallelism) {
        CorpusConfig config = plan.config();
        Deduplication stage = Deduplication.in(plan.newGlobalStages());
        if (stage == null) {
            throw new UserError("the config removes no duplicates: give its dedup near: true");
        }
        DedupSpec dedup = stage.spec();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
        List<InputFile> files = InputResolver.resolve(config.inputs(), jsc.hadoopConfiguration());
        List<List<InputFile>> tasks = InputPacking.pack(files, jsc.defaultParallelism());
        JavaRDD<Outcome> prepared = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                .mapPartitions(new ReadAndProcess(plan.recipe(), conf, null))
                .filter(o -> o.status() == Outcome.Status.KEPT)
                .persist(Persisted.LEVEL);
        prepared.count();
        List<Run> runs = new ArrayList<>();
        try {
            HeapPeaks.reset();
            long start = System.nanoTime();
            Deduplication.Deduplicated ours = Deduplication.deduplicate(prepared, dedup, parallelism);
            Map<String, String> ourClusters = new HashMap<>(ours.outcomes().mapToPair(o -> new Tuple2<>(o.id(),
                    o.status() == Outcome.Status.KEPT ? o.document().metadata().attributes().get("dup_cluster_id")
                            : o.document().metadata().attributes().get("dup_cluster_id"))).collectAsMap());
            runs.add(new Run("corpusforge MinHash LSH " + dedup.bands() + "x" + dedup.rows(),
                    (System.nanoTime() - start) / 1e9, HeapPeaks.allPoolsMb(), ourClusters));
            ours.release();

            HeapPeaks.reset();
            start = System.nanoTime();
            runs.add(new Run("MLlib MinHashLSH, " + hashTables + " hash tables, approxSimilarityJoin",
                    0, 0, mllib(spark, prepared, dedup, hashTables, parallelism)));
            Run mllib = runs.remove(runs.size() - 1);
            runs.add(new Run(mllib.method(), (System.nanoTime() - start) / 1e9, HeapPeaks.allPoolsMb(), mllib.clusters()));
        } finally {
            prepared.unpersist(false);
        }
        return runs;
    }

    private static Map<String, String> mllib(SparkSession spark, JavaRDD<Outcome> prepared, DedupSpec dedup,
                                             int hashTables, int parallelism) {
        int n = dedup.shingleSize();
        StructType schema = new StructType().add("id", DataTypes.StringType)
                .add("features", SQLDataTypes.VectorType());
        JavaRDD<Row> rows = prepared.map(o -> {
            long[] shingles = new MinHashSignature(n, 1, 0).shingles(o.document().text());
            java.util.TreeSet<Integer> indices = new java.util.TreeSet<>();
            for (long s : shingles) {
                indices.add((int) ((s >>> 1) % (1 << 24)));
            }
            if (indices.isEmpty()) {
                indices.add(0);
            }
            int[] idx = indices.stream().mapToInt(Integer::intValue).toArray();
            double[] ones = new double[idx.length];
            java.util.Arrays.fill(ones, 1.0);
            return RowFactory.create(o.id(), Vectors.sparse(1 << 24, idx, ones));
        });
        Dataset<Row> df = spark.createDataFrame(rows, schema).cache();
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(hashTables).setSeed(dedup.seed())
                .setInputCol("features").setOutputCol("hashes").fit(df);
        Dataset<Row> pairs = model.approxSimilarityJoin(df, df, 1.0 - dedup.minJaccard(), "distance")
                .selectExpr("datasetA.id as a", "datasetB.id as b").where("a < b");
        // number the documents by id, find components with the same large-star / small-star step
        JavaPairRDD<String, Long> numbers = df.select("id").javaRDD().map(r -> r.getString(0)).sortBy(s -> s, true,
                parallelism).zipWithIndex();
        JavaPairRDD<Long, Long> edges = pairs.javaRDD().mapToPair(r -> new Tuple2<>(r.getString(0), r.getString(1)))
                .join(numbers).mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2()))
                .join(numbers).mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2()));
        JavaPairRDD<Long, Long> labels = ConnectedComponents.of(edges, 40, parallelism, new LinkedHashMap<>());
        JavaPairRDD<Long, String> names = numbers.mapToPair(Tuple2::swap);
        Map<String, String> clusters = new HashMap<>();
        names.collectAsMap().forEach((number, id) -> clusters.put(id, id));
        Map<Long, String> byNumber = names.collectAsMap();
        labels.collectAsMap().forEach((node, label) -> clusters.put(byNumber.get(node), byNumber.get(label)));
        df.unpersist();
        return clusters;
    }

}
