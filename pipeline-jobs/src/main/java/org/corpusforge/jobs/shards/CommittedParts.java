package org.corpusforge.jobs.shards;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.jobs.base.TaskFaults;
import org.corpusforge.jobs.io.HadoopFiles;

/**
 * The parts of a resumable write committed so far: one small marker per part ({@code part-NNNNN.json}), written
 * after the part's files are committed, naming them with their sizes and SHA-256s, and the fingerprint of what cut
 * them (the {@link Resumable#key}, the plan). A part is reused only when its marker has this write's fingerprint and
 * every file it names is there with its recorded size and SHA-256; anything else is written again, over it.
 */
public final class CommittedParts implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Parts committed in this JVM, by marker directory, counted for the injected faults ({@code shard:N}). */
    private static final Map<String, AtomicInteger> COMMITTED = new ConcurrentHashMap<>();
    private final String directory;
    private final String fingerprint;
    private final int parts;
    private final String outputUri;

    /** What a part's marker holds. */
    record PartMarker(String fingerprint, int part, int parts, List<Manifest.FileEntry> files) {}

    CommittedParts(Resumable resumable, ShardPlanner.Plan plan, String outputUri) {
        this.directory = resumable.markerDirectory();
        this.fingerprint = Hashing.sha256Hex(resumable.key() + "\n" + plan.partitioner().fingerprint());
        this.parts = plan.shards();
        this.outputUri = outputUri.endsWith("/") ? outputUri.substring(0, outputUri.length() - 1) : outputUri;
    }

    /** The parts already committed for this very write, each with its files, checked in parallel. */
    Map<Integer, List<Manifest.FileEntry>> verified(JavaSparkContext jsc) throws IOException {
        List<String> markers = markers(directory, jsc.hadoopConfiguration());
        Map<Integer, List<Manifest.FileEntry>> done = new TreeMap<>();
        if (markers.isEmpty()) {
            return done;
        }
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
        CommittedParts self = this;
        // each task answers with the marker's JSON, or "" (Kryo cannot ship records)
        for (String json : jsc.parallelize(markers, Math.min(markers.size(), 4 * jsc.defaultParallelism()))
                .map(uri -> self.check(uri, conf.value())).collect()) {
            if (!json.isEmpty()) {
                PartMarker m = ManifestJson.fromBytes(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        PartMarker.class);
                done.put(m.part(), m.files());
            }
        }
        return done;
    }

    /** The marker's JSON, when it belongs to this write and its files are intact; else "". */
    private String check(String markerUri, Configuration conf) throws IOException {
        PartMarker marker;
        byte[] json;
        try {
            json = HadoopFiles.readAll(markerUri, conf);
            marker = ManifestJson.fromBytes(json, PartMarker.class);
        } catch (IOException | RuntimeException e) {
            return "";
        }
        if (!fingerprint.equals(marker.fingerprint()) || marker.parts() != parts || marker.part() < 0
                || marker.part() >= parts) {
            return "";
        }
        for (Manifest.FileEntry f : marker.files()) {
            String uri = outputUri + "/" + f.path();
            try {
                Path path = new Path(uri);
                if (path.getFileSystem(conf).getFileStatus(path).getLen() != f.bytes()
                        || !HadoopFiles.sha256(uri, conf).equals(f.sha256())) {
                    return "";
                }
            } catch (FileNotFoundException e) {
                return "";
            }
        }
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The part's files are committed: its marker says so. */
    void record(int part, List<Manifest.FileEntry> files, Configuration conf) throws IOException {
        HadoopFiles.writeAtomically(directory + "/" + String.format("part-%05d.json", part),
                ManifestJson.toBytes(new PartMarker(fingerprint, part, parts, new ArrayList<>(files))), conf);
        TaskFaults.afterCommit(conf, "shard", COMMITTED.computeIfAbsent(directory, d -> new AtomicInteger())
                .incrementAndGet());
    }

    /** The markers' locations in {@code directory}, sorted; none when it does not exist. */
    private static List<String> markers(String directory, Configuration conf) throws IOException {
        return HadoopFiles.names(directory, "part-", ".json", conf).stream().map(name -> directory + "/" + name)
                .toList();
    }

    /**
     * What the markers in {@code directory} say was committed: the files' paths (relative to the output), and the
     * parts of the plan, read on the driver alone (for what a resumed run keeps, and for the line an interrupted run
     * prints).
     */
    public static Summary summary(String directory, Configuration conf) throws IOException {
        java.util.Set<String> files = new java.util.TreeSet<>();
        int committed = 0;
        int parts = 0;
        for (String uri : markers(directory, conf)) {
            try {
                PartMarker m = ManifestJson.fromBytes(HadoopFiles.readAll(uri, conf), PartMarker.class);
                m.files().forEach(f -> files.add(f.path()));
                committed++;
                parts = Math.max(parts, m.parts());
            } catch (IOException | RuntimeException e) {
                // a marker cut short: its part is written again
            }
        }
        return new Summary(files, committed, parts);
    }

    /** See {@link #summary}. */
    public record Summary(java.util.Set<String> files, int committed, int parts) {}
}
