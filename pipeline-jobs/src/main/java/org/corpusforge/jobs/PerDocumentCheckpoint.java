package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.PartCommit;

/**
 * The per-document stages' output, saved under {@code OUT/_checkpoint/} so that an interrupted run can continue
 * from it ({@code run --resume}) instead of reading and processing every input again. One LZ4-compressed file of
 * serialised outcomes per partition (LZ4 rather than gzip: the checkpoint is written on every run and gzip
 * cost more than the cheap stages it saves), written through {@link PartCommit} like the shards; then a marker, written
 * last, naming the run, its effective config, its inputs (size and SHA-256) and the parts. A checkpoint without
 * its marker is incomplete and never used.
 */
final class PerDocumentCheckpoint {
    static final String DIRECTORY = OutputDirectory.CHECKPOINTS + "/per-document";
    static final String MARKER = OutputDirectory.CHECKPOINTS + "/per-document.json";
    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(PerDocumentCheckpoint.class);
    private static final org.apache.spark.io.CompressionCodec CODEC =
            new org.apache.spark.io.LZ4CompressionCodec(new org.apache.spark.SparkConf(false));

    /** What a complete checkpoint holds. */
    record Marker(String runId, String createdAt, String configSha256, List<Manifest.InputEntry> inputs,
                  List<Manifest.FileEntry> parts, long records) {}

    private PerDocumentCheckpoint() {}

    static Marker write(JavaRDD<Outcome> outcomes, CorpusDirectory out, String runId, String configSha256,
                        List<InputFile> inputs) throws IOException {
        Configuration hadoopConf = outcomes.context().hadoopConfiguration();
        SerializableConfiguration conf = new SerializableConfiguration(hadoopConf);
        PartCommit commit = PartCommit.forOutput(out.uri(), runId + "-checkpoint", hadoopConf);
        commit.setupJob(hadoopConf);
        List<Manifest.FileEntry> parts;
        try {
            parts = outcomes.mapPartitionsWithIndex((index, it) -> List.of(writePart(index, it, commit, conf.value()))
                    .iterator(), true).collect();
            commit.commitJob();
        } catch (IOException | RuntimeException e) {
            commit.abortJob();
            throw e;
        }
        List<Manifest.InputEntry> entries = inputs.stream()
                .map(f -> new Manifest.InputEntry(f.uri(), f.bytes(), f.sha256(), 0)).toList();
        Marker marker = new Marker(runId, java.time.Instant.now().toString(), configSha256, entries, parts,
                parts.stream().mapToLong(Manifest.FileEntry::rows).sum());
        HadoopFiles.writeAtomically(out.resolve(MARKER), ManifestJson.toBytes(marker), hadoopConf);
        return marker;
    }

    private static Manifest.FileEntry writePart(int index, Iterator<Outcome> outcomes, PartCommit commit,
                                                Configuration conf) throws IOException {
        TaskContext task = TaskContext.get();
        PartCommit.TaskWork work = commit.startTask(index, task == null ? 0 : task.attemptNumber(), conf);
        String relative = DIRECTORY + "/" + String.format("part-%05d.bin.lz4", index);
        Path path = new Path(work.root() + "/" + relative);
        MessageDigest digest = Hashing.sha256();
        long records = 0;
        long[] bytes = {0};
        try {
            OutputStream file = path.getFileSystem(conf).create(path, true);
            OutputStream counted = new java.io.FilterOutputStream(file) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytes[0] += len;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    bytes[0]++;
                }
            };
            try (ObjectOutputStream objects = new ObjectOutputStream(new BufferedOutputStream(
                    CODEC.compressedOutputStream(new DigestOutputStream(counted, digest)), 1 << 16))) {
                while (outcomes.hasNext()) {
                    objects.writeObject(outcomes.next());
                    // no back-references across records: memory stays flat however large the part
                    if (++records % 1_000 == 0) {
                        objects.reset();
                    }
                }
                objects.writeObject(null);
            }
            commit.commitTask(work);
        } catch (IOException | RuntimeException e) {
            commit.abortTask(work);
            throw e;
        }
        return new Manifest.FileEntry(relative, records, bytes[0], HexFormat.of().formatHex(digest.digest()), 0, null);
    }

    /** The marker of a complete checkpoint in {@code out}, or null when there is none or it cannot be read. */
    static Marker find(CorpusDirectory out, Configuration conf) {
        try {
            return ManifestJson.fromBytes(HadoopFiles.readAll(out.resolve(MARKER), conf), Marker.class);
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return null; // no checkpoint: the caller says so, once
        } catch (IOException | RuntimeException e) {
            LOG.warn("--resume: the checkpoint's marker {}/{} cannot be read ({}); starting from the inputs", out,
                    MARKER, e.getMessage());
            return null;
        }
    }

    /**
     * The first part that does not hold what the marker says (missing, another size, another SHA-256), described,
     * or null when every part matches. Each part is read once, in parallel; a part's bytes fix its records, so its
     * rows need no second count.
     */
    static String damage(JavaSparkContext jsc, CorpusDirectory out, Marker marker) {
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
        List<Manifest.FileEntry> parts = marker.parts();
        if (parts.isEmpty()) {
            return null;
        }
        return jsc.parallelize(parts, parts.size()).map(p -> {
            String uri = out.resolve(p.path());
            try {
                long size = new Path(uri).getFileSystem(conf.value()).getFileStatus(new Path(uri)).getLen();
                if (size != p.bytes()) {
                    return p.path() + " has " + size + " bytes, the marker says " + p.bytes();
                }
                String sha = HadoopFiles.sha256(uri, conf.value());
                return sha.equals(p.sha256()) ? "" : p.path() + " has another SHA-256 than the marker records";
            } catch (FileNotFoundException e) {
                return p.path() + " is missing";
            }
        }).collect().stream().filter(d -> !d.isEmpty()).sorted().findFirst().orElse(null);
    }

    /** Removes a checkpoint that will not be used, so that the run writes a new one from scratch. */
    static void discard(CorpusDirectory out, Configuration conf) throws IOException {
        HadoopFiles.delete(out.resolve(MARKER), conf);
        HadoopFiles.delete(out.resolve(DIRECTORY), conf);
    }

    /**
     * Why the checkpoint cannot serve this run (another config; inputs added, removed, or with other bytes than it
     * was made from), or null when it can. {@code inputs} carry this run's SHA-256s: a file changed in place but
     * kept at its size is caught too (its old text must not reach the shards under its new checksum).
     */
    static String mismatch(Marker marker, String configSha256, List<InputFile> inputs) {
        if (!marker.configSha256().equals(configSha256)) {
            return "it was made with another configuration (config_sha256 " + marker.configSha256() + ")";
        }
        Map<String, Manifest.InputEntry> recorded = new java.util.TreeMap<>();
        marker.inputs().forEach(i -> recorded.put(i.uri(), i));
        java.util.Set<String> now = new java.util.TreeSet<>();
        for (InputFile f : inputs) {
            now.add(f.uri());
            Manifest.InputEntry was = recorded.get(f.uri());
            if (was == null) {
                return "input " + f.uri() + " was added since it was made";
            }
            if (was.bytes() != f.bytes() || !java.util.Objects.equals(was.sha256(), f.sha256())) {
                return "input " + f.uri() + " changed since it was made (SHA-256 " + f.sha256() + ", it recorded "
                        + was.sha256() + ")";
            }
        }
        for (String uri : recorded.keySet()) {
            if (!now.contains(uri)) {
                return "input " + uri + " was removed since it was made";
            }
        }
        return null;
    }

    static JavaRDD<Outcome> read(JavaSparkContext jsc, CorpusDirectory out, Marker marker) {
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
        List<String> parts = marker.parts().stream().map(p -> out.resolve(p.path())).toList();
        return jsc.parallelize(parts, Math.max(1, parts.size())).flatMap(uri -> readPart(uri, conf.value()));
    }

    /** Reads a part lazily, one outcome at a time, so that a part never has to fit in memory. */
    private static Iterator<Outcome> readPart(String uri, Configuration conf) throws IOException {
        ObjectInputStream objects = new ObjectInputStream(new BufferedInputStream(
                CODEC.compressedInputStream(HadoopFiles.open(uri, conf)), 1 << 16));
        return new Iterator<>() {
            private Outcome next = advance();

            private Outcome advance() {
                try {
                    Outcome o = (Outcome) objects.readObject();
                    if (o == null) {
                        objects.close();
                    }
                    return o;
                } catch (IOException | ClassNotFoundException e) {
                    throw new IllegalStateException(uri + ": unreadable checkpoint part: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Outcome next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                Outcome current = next;
                next = advance();
                return current;
            }
        };
    }
}
