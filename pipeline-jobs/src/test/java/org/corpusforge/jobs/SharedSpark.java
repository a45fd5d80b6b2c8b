package org.corpusforge.jobs;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local SparkSession for the whole test JVM: starting Spark costs 10-20 s per JVM on two cores, a second
 * session almost nothing. JUnit stops it once, after the last test class. Tests never stop it themselves.
 */
public final class SharedSpark implements BeforeAllCallback {
    private static SparkSession session;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedSpark.class, k -> (AutoCloseable) SharedSpark::stop, AutoCloseable.class);
        session();
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            // the same settings as a real run (Kryo with the record registrator), plus quiet, small test ones
            session = SparkSessions.getOrCreate("local[2]", Map.of(), Map.of(
                    "spark.app.name", "corpusforge-tests",
                    "spark.ui.enabled", "false",
                    "spark.sql.shuffle.partitions", "4",
                    "spark.default.parallelism", "4",
                    "spark.sql.session.timeZone", "UTC"));
        }
        return session;
    }

    private static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
