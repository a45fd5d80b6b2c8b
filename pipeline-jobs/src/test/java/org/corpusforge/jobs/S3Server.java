package org.corpusforge.jobs;

import java.net.URI;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** A real S3 protocol server for the tests: s3proxy in this JVM, in memory, on a free loopback port. */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "corpusforge-test-access";
    /** A value no log, manifest or message may ever contain. */
    static final String SECRET_KEY = "SECRET-canary-9f3b1c2d7e";

    private final S3Proxy proxy;

    S3Server(String... buckets) throws Exception {
        TransientNio2BlobStore store = new TransientNio2BlobStore();
        for (String bucket : buckets) {
            store.createContainer(bucket);
        }
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The S3A settings for this server, credentials included (from configuration, as on a real cluster). */
    Map<String, String> s3aSettings() {
        return Map.of(
                "fs.s3a.endpoint", endpoint(),
                "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false",
                "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "fs.s3a.access.key", ACCESS_KEY,
                "fs.s3a.secret.key", SECRET_KEY);
    }

    void configure(Configuration conf) {
        s3aSettings().forEach(conf::set);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
