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
    private SparkSessions() {}

    public static SparkSession getOrCreate(String master, Map<String, String> fromConfig, Map<String, String> fromCli) {
        SparkConf conf = new SparkConf(true); // spark-submit's settings arrive as system properties
        fromConfig.forEach(conf::setIfMissing);
        fromCli.forEach(conf::set);
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", "corpusforge");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Kryo shuffles documents about a third faster than Java serialization (BENCHMARKS.md)
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
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
