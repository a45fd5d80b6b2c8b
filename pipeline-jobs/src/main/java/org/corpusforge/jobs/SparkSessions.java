package org.corpusforge.jobs;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session for a run. Settings are applied in this order, later ones winning: built-in
 * defaults, the config file's {@code spark:} section, what {@code spark-submit} passed, then {@code --conf}
 * and {@code --master} on the corpusforge command line. Without any master, Spark runs locally on all cores.
 */
public final class SparkSessions {
    private static final java.util.concurrent.atomic.AtomicInteger CREATED = new java.util.concurrent.atomic.AtomicInteger();

    private SparkSessions() {}

    /** How many times {@link #getOrCreate} was asked for a session in this JVM (tests: errors come before Spark). */
    public static int requested() {
        return CREATED.get();
    }

    /**
     * The Hadoop configuration a run will have, without starting Spark: the site files on the classpath and every
     * {@code spark.hadoop.*} setting of the config's {@code spark:} section, then of {@code --conf}, as Spark
     * would apply them; for the checks that come before the session (inputs, output, tokenizer).
     */
    public static org.apache.hadoop.conf.Configuration hadoopConfiguration(Map<String, String> fromConfig,
                                                                            Map<String, String> fromCli) {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        Map<String, String> merged = new java.util.TreeMap<>(fromConfig);
        merged.putAll(fromCli);
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.hadoop.")) {
                merged.putIfAbsent(key, System.getProperty(key));
            }
        }
        merged.forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                conf.set(key.substring("spark.hadoop.".length()), value);
            }
        });
        return conf;
    }

    public static SparkSession getOrCreate(String master, Map<String, String> fromConfig, Map<String, String> fromCli) {
        CREATED.incrementAndGet();
        SparkConf conf = new SparkConf(true); // spark-submit's settings arrive as system properties
        fromConfig.forEach(conf::setIfMissing);
        fromCli.forEach(conf::set);
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", "corpusforge");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // running tasks report their progress (the stored bytes read of a large .gz so far) with their heartbeat:
        // every 3 s rather than Spark's 10, so the console's progress moves through one large file
        conf.setIfMissing("spark.executor.heartbeatInterval", "3s");
        // Kryo shuffles documents about a third faster than Java serialization (BENCHMARKS.md)
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        // Without reference tracking: with it Kryo clears its table of seen objects after every record, at a cost
        // that grows with the largest record it ever wrote, which took a quarter of the global stages' CPU time
        // (BENCHMARKS section 10). Nothing the job serialises refers back to itself or shares objects that must stay
        // shared (records go through Java serialization, which tracks its own references).
        conf.setIfMissing("spark.kryo.referenceTracking", "false");
        // Persisted datasets are kept serialised, in chunks of this size; Spark's 1 MB default is a G1 "humongous"
        // object whenever the heap's regions are 2 MB or smaller (heaps under 4 GB), each taking two regions: the
        // cached bytes then used twice the heap Spark accounted for, and a 2 GB run of 40,000 pages ran out of heap
        // (BENCHMARKS section 10). 256 KB chunks are ordinary objects for any heap from 512 MB.
        conf.setIfMissing("spark.storage.unrollMemoryThreshold", String.valueOf(256 * 1024));
        String registrators = conf.get("spark.kryo.registrator", "");
        if (!registrators.contains(KryoRecords.class.getName())) {
            conf.set("spark.kryo.registrator", registrators.isEmpty() ? KryoRecords.class.getName()
                    : registrators + "," + KryoRecords.class.getName());
        }
        if (conf.get("spark.master").startsWith("local")) {
            // Spark otherwise binds to the first non-loopback interface it finds (STACK.md P10)
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
