package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.base.TaskFaults;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.io.HadoopFiles;

/**
 * The per-document stages' output, saved under {@code OUT/_checkpoint/} as it is made, so that a run stopped anywhere
 * in its first pass continues with {@code run --resume} from the files it had finished instead of from its first.
 *
 * <p>A run first writes {@link #MARKER}: its config, build and inputs (size and SHA-256), which a resume must match.
 * Then each reading task commits its work in <em>units</em>: the outcomes of one or more whole input files, closed at
 * the first file end past {@link #UNIT_BYTES} of stored input (or at the task's end), as one LZ4-compressed file of
 * serialised outcomes and, written after it, its own small marker naming its files, their record counts and the
 * part's size and SHA-256. A unit is complete when its marker is there and its part matches it; anything else (a task
 * killed mid-part, a part cut short or replaced) is work to do again. Units are written straight to their final
 * names, not through a job committer, so that each is durable as soon as its task has written it: on a file system
 * the part is rewritten whole by any later attempt, with the same bytes; on an object store an object appears only
 * once its upload is complete. A unit is named by its first file, so a retried task writes over its own units. Each
 * part ends with what its outcomes measured for the report while they were whole, so a resumed run's report is the
 * same.
 * LZ4 rather than gzip: the checkpoint is written on every run and gzip cost more than the cheap stages it saves.
 */
final class PerDocumentCheckpoint {
    static final String DIRECTORY = OutputDirectory.CHECKPOINTS + "/per-document";
    static final String MARKER = OutputDirectory.CHECKPOINTS + "/per-document.json";
    /** A unit closes at the first end of a file past this many stored bytes: a stop loses at most about this much per task. */
    static final long UNIT_BYTES = 16L << 20;
    /**
     * The Hadoop setting that changes {@link #UNIT_BYTES}: a benchmark on a few hundred MB sets a smaller unit to keep
     * the proportion of units to the pass a team's terabytes have; the output does not depend on it.
     */
    static final String UNIT_BYTES_KEY = "corpusforge.checkpoint.unit-bytes";
    private static final scala.reflect.ClassTag<Object> ANY = scala.reflect.ClassTag$.MODULE$.AnyRef();
    private static final org.apache.spark.io.CompressionCodec CODEC =
            new org.apache.spark.io.LZ4CompressionCodec(new org.apache.spark.SparkConf(false));

    /** What every unit of this checkpoint was made from. */
    record Marker(String runId, String createdAt, String configSha256, String tool, List<Manifest.InputEntry> inputs) {}

    /** One committed unit: its input files (with the records each gave) and its part. */
    record Unit(String name, List<Manifest.InputEntry> inputs, Manifest.FileEntry part) {
        long records() {
            return part.rows();
        }
    }

    private PerDocumentCheckpoint() {}

    /** Starts a new checkpoint: no unit of an earlier one is kept, then the marker. */
    static Marker start(CorpusDirectory out, String runId, String configSha256, String tool, List<InputFile> inputs,
                        Configuration conf) throws IOException {
        discard(out, conf);
        List<Manifest.InputEntry> entries = inputs.stream()
                .map(f -> new Manifest.InputEntry(f.uri(), f.bytes(), f.sha256(), 0)).toList();
        Marker marker = new Marker(runId, java.time.Instant.now().toString(), configSha256, tool, entries);
        HadoopFiles.writeAtomically(out.resolve(MARKER), ManifestJson.toBytes(marker), conf);
        return marker;
    }

    /** The marker in {@code out}, or null when there is none. */
    static Marker find(CorpusDirectory out, Configuration conf) {
        try {
            return ManifestJson.fromBytes(HadoopFiles.readAll(out.resolve(MARKER), conf), Marker.class);
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // a marker cut short, or an older layout's: not resumable, and the run says so
        }
    }

    /**
     * Why the checkpoint cannot serve this run (another config or build; inputs added, removed, or with other bytes
     * than it was made from), or null when it can. {@code inputs} carry this run's SHA-256s: a file changed in place
     * but kept at its size is caught too (its old text must not reach the shards under its new checksum).
     */
    static String mismatch(Marker marker, String configSha256, String tool, List<InputFile> inputs) {
        if (!marker.configSha256().equals(configSha256)) {
            return "it was made with another configuration (config_sha256 " + marker.configSha256() + ")";
        }
        if (!java.util.Objects.equals(marker.tool(), tool)) {
            return "it was made by another build of corpusforge (" + marker.tool() + "; this is " + tool + ")";
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

    /** The units found, each checked against its part; what is damaged is deleted, to be done again. */
    record Found(List<Unit> complete, List<String> damaged) {
        List<String> files() {
            return complete.stream().flatMap(u -> u.inputs().stream()).map(Manifest.InputEntry::uri).toList();
        }

        long records() {
            return complete.stream().mapToLong(Unit::records).sum();
        }
    }

    /**
     * The complete units in {@code out}: each marker read and its part checked (size, SHA-256) in parallel, since on
     * an object store each is a request. A unit whose files are not all inputs of {@code marker}, or that shares a
     * file with a unit already taken (in name order), is not used.
     */
    static Found units(JavaSparkContext jsc, CorpusDirectory out, Marker marker) throws IOException {
        Configuration hadoopConf = jsc.hadoopConfiguration();
        List<String> names = HadoopFiles.names(out.resolve(DIRECTORY), "unit-", ".json", hadoopConf).stream()
                .map(name -> name.substring(0, name.length() - ".json".length())).toList();
        if (names.isEmpty()) {
            return new Found(List.of(), List.of());
        }
        SerializableConfiguration conf = new SerializableConfiguration(hadoopConf);
        String base = out.resolve(DIRECTORY);
        // each task answers with the marker's JSON, or why the unit cannot be used (Kryo cannot ship records)
        List<String> checked = jsc.parallelize(names, Math.min(names.size(), 4 * jsc.defaultParallelism()))
                .map(name -> check(base, name, conf.value())).collect();
        Map<String, Manifest.InputEntry> inputs = new java.util.HashMap<>();
        marker.inputs().forEach(i -> inputs.put(i.uri(), i));
        java.util.Set<String> taken = new java.util.HashSet<>();
        List<Unit> complete = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        for (String c : checked) {
            if (!c.startsWith("{")) {
                damaged.add(c);
                continue;
            }
            Unit unit = ManifestJson.fromBytes(c.getBytes(java.nio.charset.StandardCharsets.UTF_8), Unit.class);
            boolean ours = unit.inputs().stream().allMatch(i -> inputs.containsKey(i.uri())
                    && inputs.get(i.uri()).sha256().equals(i.sha256()) && !taken.contains(i.uri()));
            if (ours) {
                unit.inputs().forEach(i -> taken.add(i.uri()));
                complete.add(unit);
            }
        }
        for (String d : damaged) {
            HadoopFiles.delete(base + "/" + d.substring(0, d.indexOf(' ')) + ".json", hadoopConf);
        }
        return new Found(complete, damaged);
    }

    /** The input files the committed units' markers name, their parts unchecked (for the line an interrupted run prints). */
    static int filesCommitted(CorpusDirectory out, Configuration conf) throws IOException {
        java.util.Set<String> files = new java.util.HashSet<>();
        for (String name : HadoopFiles.names(out.resolve(DIRECTORY), "unit-", ".json", conf)) {
            try {
                ManifestJson.fromBytes(HadoopFiles.readAll(out.resolve(DIRECTORY) + "/" + name, conf), Unit.class)
                        .inputs().forEach(i -> files.add(i.uri()));
            } catch (IOException | RuntimeException e) {
                // a marker cut short: its files are read again
            }
        }
        return files.size();
    }

    /** The unit's marker, or a line (starting with its name) saying why the unit cannot be used. */
    private static String check(String base, String name, Configuration conf) throws IOException {
        Unit unit;
        byte[] json;
        try {
            json = HadoopFiles.readAll(base + "/" + name + ".json", conf);
            unit = ManifestJson.fromBytes(json, Unit.class);
        } catch (IOException | RuntimeException e) {
            return name + " has an unreadable marker";
        }
        String uri = base + "/" + unit.part().path();
        try {
            long size = new Path(uri).getFileSystem(conf).getFileStatus(new Path(uri)).getLen();
            if (size != unit.part().bytes()) {
                return name + " has " + size + " bytes, its marker says " + unit.part().bytes();
            }
            return HadoopFiles.sha256(uri, conf).equals(unit.part().sha256())
                    ? new String(json, java.nio.charset.StandardCharsets.UTF_8).strip()
                    : name + " has another SHA-256 than its marker records";
        } catch (FileNotFoundException e) {
            return name + " has no part";
        }
    }

    /** Removes a checkpoint, so that the run writes a new one from scratch. */
    static void discard(CorpusDirectory out, Configuration conf) throws IOException {
        HadoopFiles.delete(out.resolve(MARKER), conf);
        HadoopFiles.delete(out.resolve(DIRECTORY), conf);
    }

    /**
     * The outcomes of the units, read back lazily, one part per task; what each unit measured is added to
     * {@code measured} once its part has been read.
     */
    static JavaRDD<Outcome> read(JavaSparkContext jsc, CorpusDirectory out, List<Unit> units,
                                 org.corpusforge.jobs.report.OutcomeSketches measured) {
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
        String base = out.resolve(DIRECTORY);
        List<String> parts = units.stream().map(u -> base + "/" + u.part().path()).toList();
        return jsc.parallelize(parts, Math.max(1, parts.size()))
                .flatMap(uri -> readPart(uri, conf.value(), measured));
    }

    /**
     * Where a task commits its units, and how: given to every reading task. Null-free and small, it travels in the
     * task's closure.
     */
    static final class Units implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String directory;
        private final long unitBytes;

        Units(CorpusDirectory out, long unitBytes) {
            this.directory = out.resolve(DIRECTORY);
            this.unitBytes = unitBytes;
        }

        /** @param task the task's own sketches for the report, which each unit's are added to when it commits, or null */
        Writer writer(Configuration conf, org.corpusforge.jobs.report.OutcomeSketches task) {
            return new Writer(directory, unitBytes, conf, task);
        }
    }

    /**
     * One task's unit under way: outcomes go to its part as they pass; {@link #fileDone} closes it at the first file
     * end past the unit size, {@link #finish} at the task's end.
     */
    static final class Writer {
        /** Units committed in this JVM, by checkpoint directory, counted for the injected faults ({@code unit:N}). */
        private static final Map<String, java.util.concurrent.atomic.AtomicInteger> COMMITTED =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final String directory;
        private final long unitBytes;
        private final Configuration conf;
        private final List<InputFile> files = new ArrayList<>();
        private final List<Long> fileRecords = new ArrayList<>();
        private String name;
        /** The task's sketches for the report: each outcome is measured once, into the unit's, added here at commit. */
        private final org.corpusforge.jobs.report.OutcomeSketches task;
        /** What the unit's outcomes measured before their texts went: a resumed run's report adds it unchanged. */
        private org.corpusforge.jobs.report.OutcomeSketches measured = new org.corpusforge.jobs.report.OutcomeSketches();
        private org.apache.spark.serializer.SerializationStream objects;
        private MessageDigest digest;
        private long[] bytes;
        private long records;
        private long recordsAtFileStart;
        private long storedBytes;

        private Writer(String directory, long unitBytes, Configuration conf,
                       org.corpusforge.jobs.report.OutcomeSketches task) {
            this.directory = directory;
            this.unitBytes = unitBytes;
            this.conf = conf;
            this.task = task;
        }

        /** The file's outcomes, whole, pass through here to be measured for the report, as the run measures them. */
        Iterator<Outcome> measure(Iterator<Outcome> outcomes) {
            return MappedIterator.peek(outcomes, measured::add);
        }

        /** The file's outcomes, as they leave the pass, pass through here, each saved as it goes by. */
        Iterator<Outcome> save(InputFile file, Iterator<Outcome> outcomes) {
            return MappedIterator.peek(outcomes, o -> write(file, o));
        }

        private void write(InputFile file, Outcome o) {
            try {
                if (objects == null) {
                    open(files.isEmpty() ? file : files.get(0));
                }
                objects.writeObject(o, ANY);
                records++;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void open(InputFile first) throws IOException {
            // named by its first file: a later attempt at the same files writes over it
            name = "unit-" + Hashing.sha256Hex(first.uri()).substring(0, 24);
            Path path = new Path(directory + "/" + name + ".bin.lz4");
            digest = Hashing.sha256();
            bytes = new long[1];
            long[] counted = bytes;
            OutputStream file = path.getFileSystem(conf).create(path, true);
            OutputStream counting = new java.io.FilterOutputStream(file) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    counted[0] += len;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    counted[0]++;
                }
            };
            // Spark's serializer (Kryo, as the persisted outcomes): reading a part back with Java's took 5 s for
            // 40,000 outcomes, a seventh of the read pass it saves
            objects = org.apache.spark.SparkEnv.get().serializer().newInstance().serializeStream(new BufferedOutputStream(
                    CODEC.compressedOutputStream(new DigestOutputStream(counting, digest)), 1 << 16));
        }

        /** The file's outcomes have all passed: the unit is committed when it has grown past its size. */
        void fileDone(InputFile file) throws IOException {
            files.add(file);
            fileRecords.add(records - recordsAtFileStart);
            recordsAtFileStart = records;
            storedBytes += file.bytes();
            if (storedBytes >= unitBytes) {
                commit();
            }
        }

        /** The task has read all its files: the open unit is committed. */
        void finish() throws IOException {
            if (!files.isEmpty()) {
                commit();
            }
        }

        private void commit() throws IOException {
            if (objects == null) {
                open(files.get(0)); // files that gave no record still make a unit: they are done
            }
            // the end: what the outcomes measured, as Java-serialised bytes (Kryo cannot write records)
            objects.writeObject(javaBytes(measured.snapshot()), ANY);
            objects.close();
            objects = null;
            if (task != null) {
                task.add(measured.snapshot());
            }
            measured = new org.corpusforge.jobs.report.OutcomeSketches();
            List<Manifest.InputEntry> inputs = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                InputFile f = files.get(i);
                inputs.add(new Manifest.InputEntry(f.uri(), f.bytes(), f.sha256(), fileRecords.get(i)));
            }
            Unit unit = new Unit(name, inputs, new Manifest.FileEntry(name + ".bin.lz4", records, bytes[0],
                    HexFormat.of().formatHex(digest.digest()), 0, null));
            HadoopFiles.writeAtomically(directory + "/" + name + ".json", ManifestJson.toBytes(unit), conf);
            files.clear();
            fileRecords.clear();
            records = 0;
            recordsAtFileStart = 0;
            storedBytes = 0;
            TaskFaults.afterCommit(conf, "unit", COMMITTED.computeIfAbsent(directory,
                    d -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet());
        }
    }

    private static byte[] javaBytes(java.io.Serializable value) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** Reads a part lazily, one outcome at a time, so that a part never has to fit in memory. */
    private static Iterator<Outcome> readPart(String uri, Configuration conf,
                                              org.corpusforge.jobs.report.OutcomeSketches measured) throws IOException {
        org.apache.spark.serializer.DeserializationStream objects = org.apache.spark.SparkEnv.get().serializer()
                .newInstance().deserializeStream(new BufferedInputStream(
                        CODEC.compressedInputStream(HadoopFiles.open(uri, conf)), 1 << 16));
        return new Iterator<>() {
            private Outcome next = advance();

            private Outcome advance() {
                try {
                    Object read = objects.readObject(ANY);
                    if (read instanceof Outcome o) {
                        return o;
                    }
                    try (ObjectInputStream snapshot = new ObjectInputStream(new java.io.ByteArrayInputStream((byte[]) read))) {
                        measured.add((org.corpusforge.jobs.report.OutcomeSketches.Snapshot) snapshot.readObject());
                    }
                    objects.close();
                    return null;
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
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
