package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.base.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.corpusforge.core.report.DatasetCard;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.jobs.io.HadoopFiles;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.source.InputSpec;
import org.corpusforge.core.source.InputFile;

/**
 * The run's output directory, made safe to write: it may not overlap the inputs (neither hold an input nor lie
 * inside an input directory), another live run's lock refuses it, and it must be empty or absent unless the user
 * asked to replace it. Replacing deletes only what corpusforge writes (the names in {@link #WRITTEN}), and only
 * where a run of it has been: beside a manifest it wrote, or a run's {@code _unfinished} marker (written when a run
 * claims the directory, removed when its manifest is written) or checkpoint. A directory holding anything else, or
 * such names with no run's trace beside them (a user's own README.md), is refused with that name, so
 * {@code --overwrite} can never delete what the tool did not create.
 */
public final class OutputDirectory {
    /** The corpus's commit point: a directory without it holds no finished corpus. */
    public static final String MANIFEST = "manifest.json";
    /** Working state of a run under the output directory; not part of the corpus, removed when the run ends. */
    public static final String CHECKPOINTS = "_checkpoint";
    /** Written when a run claims the directory, removed when its manifest is written. */
    static final String UNFINISHED = "_unfinished";
    /** The top-level names a run writes; Hadoop's {@code .NAME.crc} companions and temporary names go with them. */
    static final Set<String> WRITTEN = java.util.stream.Stream.concat(java.util.stream.Stream.of(MANIFEST, DatasetCard.FILE,
            "shards", "megatron", UNFINISHED, org.corpusforge.jobs.io.SearchIndexWriter.DIRECTORY, "quarantine",
            "dropped", org.corpusforge.jobs.report.RunReport.FILE, org.corpusforge.jobs.report.RunReport.DATA,
            CHECKPOINTS, OutputLock.NAME, "_temporary", "_SUCCESS", TrainingSchedule.DIRECTORY),
            org.corpusforge.jobs.global.GlobalStages.directories().stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The output's URI, and the lock this run holds on it until the run ends. */
    record Prepared(CorpusDirectory directory, OutputLock lock) {
        String uri() {
            return directory.uri();
        }
    }

    private OutputDirectory() {}

    /**
     * Checks and claims the output directory; returns its fully qualified URI. With {@code resume}, an unfinished
     * run's directory is cleared of everything but its checkpoint ({@code _checkpoint/}); a finished one (with a
     * manifest) is refused, there is nothing to resume.
     */
    static Prepared prepare(String output, boolean overwrite, boolean resume, String runId, List<InputSpec> specs,
                            List<InputFile> inputs, Configuration conf) {
        try {
            Path path = new Path(output);
            FileSystem fs = path.getFileSystem(conf);
            Path qualified = fs.makeQualified(path);
            refuseOverlap(output, qualified, specs, inputs, conf);
            if (fs.exists(qualified) && !fs.getFileStatus(qualified).isDirectory()) {
                throw new UserError("--output " + output + " is a file, not a directory");
            }
            fs.mkdirs(qualified);
            // first the lock, so that nothing is deleted under a live run; it names its holder when refused
            OutputLock lock = OutputLock.acquire(qualified, fs, runId, output);
            try {
                clear(output, qualified, fs, overwrite, resume);
                org.corpusforge.jobs.io.HadoopFiles.writeAtomically(new Path(qualified, UNFINISHED).toString(),
                        ("{\"run_id\": \"" + runId + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), conf);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
            String uri = qualified.toUri().toString();
            return new Prepared(CorpusDirectory.of(uri), lock);
        } catch (IOException e) {
            throw new UserError("--output " + output + ": " + e.getMessage());
        }
    }

    /** Empties the directory of a previous run's files (keeping the checkpoint to resume from), or refuses it. */
    private static void clear(String output, Path qualified, FileSystem fs, boolean overwrite, boolean resume)
            throws IOException {
        List<FileStatus> present = listExceptLock(fs, qualified);
        if (present.isEmpty()) {
            return;
        }
        if (resume && fs.exists(new Path(qualified, MANIFEST))) {
            throw new UserError("--resume: " + output + " holds a finished corpus (manifest.json); nothing to resume");
        }
        if (!resume && !overwrite) {
            throw new UserError("--output " + output + " already exists and is not empty (add --overwrite to replace it)");
        }
        boolean ranHere = fs.exists(new Path(qualified, UNFINISHED)) || fs.exists(new Path(qualified, CHECKPOINTS))
                || isOurManifest(fs, new Path(qualified, MANIFEST));
        List<String> foreign = present.stream().map(s -> s.getPath().getName()).filter(n -> !ranHere || !written(n))
                .sorted().toList();
        if (!foreign.isEmpty()) {
            throw new UserError("--output " + output + " holds " + foreign.get(0)
                    + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : "")
                    + ", which corpusforge did not write" + (ranHere ? "" : " (no run of it left a manifest there)")
                    + "; " + (resume ? "--resume" : "--overwrite")
                    + " deletes only a previous run's files: choose another directory or move them");
        }
        // a resumed run keeps the checkpoint, and the files of the shards it recorded as committed
        java.util.Set<Path> committed = new java.util.HashSet<>();
        if (resume) {
            String markers = new Path(qualified, CorpusJob.SHARD_MARKERS).toString();
            for (String file : org.corpusforge.jobs.shards.CommittedParts.summary(markers, fs.getConf()).files()) {
                committed.add(new Path(qualified, file));
            }
        }
        for (FileStatus child : present) {
            if (!(resume && child.getPath().getName().equals(CHECKPOINTS))) {
                deleteExcept(fs, child, committed);
            }
        }
    }

    /** Deletes {@code entry} and, when it is a directory, all it holds but the files in {@code keep}: whether it went. */
    private static boolean deleteExcept(FileSystem fs, FileStatus entry, java.util.Set<Path> keep) throws IOException {
        if (keep.isEmpty()) {
            return fs.delete(entry.getPath(), true);
        }
        if (!entry.isDirectory()) {
            return !keep.contains(entry.getPath()) && fs.delete(entry.getPath(), false);
        }
        boolean allGone = true;
        for (FileStatus child : fs.listStatus(entry.getPath())) {
            allGone &= deleteExcept(fs, child, keep);
        }
        return allGone && fs.delete(entry.getPath(), true);
    }

    /** Whether the file is a manifest corpusforge wrote: its JSON opens with the format version and the run id. */
    private static boolean isOurManifest(FileSystem fs, Path manifest) throws IOException {
        if (!fs.exists(manifest) || !fs.getFileStatus(manifest).isFile()) {
            return false;
        }
        try (java.io.InputStream in = fs.open(manifest)) {
            String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", "");
            return head.startsWith("{\"format_version\":") && head.contains("\"run_id\":");
        }
    }

    /** Loads the manifest of a corpus directory; a missing one means the run never finished (a {@link UserError}). */
    public static Manifest readManifest(String dir, Configuration conf) {
        return readManifest(CorpusDirectory.of(dir), conf);
    }

    /** Whether a run claimed the directory and did not finish (its marker is there, its manifest not). */
    private static boolean interrupted(CorpusDirectory dir, Configuration conf) {
        try {
            Path marker = new Path(dir.resolve(UNFINISHED));
            return marker.getFileSystem(conf).exists(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** As {@link #readManifest(String, Configuration)}. */
    public static Manifest readManifest(CorpusDirectory dir, Configuration conf) {
        refuseLinksAndSpecialFiles(dir);
        String uri = dir.resolve(MANIFEST);
        try {
            return ManifestJson.fromBytes(HadoopFiles.readAll(uri, conf));
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(uri + " not found: " + (interrupted(dir, conf)
                    ? "a run was interrupted there (its " + UNFINISHED + " marker is there): the same run command with "
                    + "--resume finishes it" : "not a corpus, or the run did not finish"));
        } catch (IOException e) {
            // Jackson's message quotes the JSON around the fault over several lines: the innermost cause says what
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String what = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new UserError(uri + " cannot be read: " + String.valueOf(what).lines().findFirst().orElse(""));
        }
    }

    /**
     * A local corpus holds only directories and regular files, which every command that reads one checks first: a
     * symbolic link inside it could point anywhere (verify would pass a file outside the corpus, or walk the whole
     * file system through a link to /), and a FIFO or a device would block a reader or never end. One line naming
     * the first such entry. The directory itself may be a link; corpora on s3a or HDFS have neither.
     */
    static void refuseLinksAndSpecialFiles(CorpusDirectory root) {
        java.net.URI uri = new Path(root.uri()).toUri();
        if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
            return;
        }
        java.nio.file.Path top;
        try {
            top = java.nio.file.Path.of(uri.getPath()).toRealPath();
        } catch (IOException e) {
            return; // no such directory: reading the manifest says so
        }
        try {
            java.nio.file.Files.walkFileTree(top, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class),
                    CORPUS_DEPTH, new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult visitFile(java.nio.file.Path file,
                                java.nio.file.attribute.BasicFileAttributes attributes) {
                            if (attributes.isSymbolicLink()) {
                                throw new UserError(file + " is a symbolic link: a corpus holds only its own "
                                        + "regular files (a link could point anywhere); remove it or copy what it "
                                        + "points to");
                            }
                            if (!attributes.isRegularFile() && !attributes.isDirectory()) {
                                throw new UserError(file + " is not a regular file (a FIFO, socket or device): a "
                                        + "corpus holds only regular files, and reading this one could block or "
                                        + "never end");
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) {
                            return java.nio.file.FileVisitResult.CONTINUE; // unreadable: the reader says so
                        }
                    });
        } catch (IOException e) {
            // the walk itself failed: the commands' own reads name what is wrong
        }
    }

    /** Deeper than any directory a corpus holds (checkpoints: _checkpoint/per-document/part-...). */
    private static final int CORPUS_DEPTH = 8;

    /**
     * Writes the dataset card and then the manifest, which lists it: the manifest is the corpus's commit point, so it
     * goes last; then the run's {@code _unfinished} marker goes. Returns the manifest as written.
     */
    public static Manifest commit(CorpusDirectory out, Manifest manifest, Configuration conf) throws IOException {
        byte[] card = DatasetCard.markdown(manifest, StageKinds.REGISTERED::kind).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HadoopFiles.writeAtomically(out.resolve(DatasetCard.FILE), card, conf);
        Manifest listed = manifest.withCard(new Manifest.FileEntry(DatasetCard.FILE, 0, card.length,
                Hashing.sha256Hex(card), 0, null));
        HadoopFiles.writeAtomically(out.resolve(MANIFEST), ManifestJson.toBytes(listed), conf);
        HadoopFiles.delete(out.resolve(UNFINISHED), conf);
        return listed;
    }

    /** Replaces the manifest of a finished corpus that changed in a file it lists but not in its card. */
    public static void rewriteManifest(CorpusDirectory dir, Manifest manifest, Configuration conf) throws IOException {
        HadoopFiles.writeAtomically(dir.resolve(MANIFEST), ManifestJson.toBytes(manifest), conf);
    }

    private static List<FileStatus> listExceptLock(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> children = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String n = s.getPath().getName();
            if (!n.equals(OutputLock.NAME) && !n.equals("." + OutputLock.NAME + ".crc")) {
                children.add(s);
            }
        }
        return children;
    }

    /** A name a run writes: one of {@link #WRITTEN}, its checksum or temporary file, or an S3A magic directory. */
    static boolean written(String name) {
        String n = name;
        if (n.startsWith(".") && (n.endsWith(".crc") || n.endsWith(".tmp"))) {
            n = n.substring(1, n.length() - 4);
        }
        return WRITTEN.contains(n) || n.startsWith("__magic");
    }

    /** The output may neither contain an input (replacing it would delete it) nor lie inside an input directory. */
    private static void refuseOverlap(String output, Path qualifiedOutput, List<InputSpec> specs,
                                      List<InputFile> inputs, Configuration conf) throws IOException {
        String out = comparable(qualifiedOutput);
        for (InputFile f : inputs) {
            Path input = f.uri().startsWith("file:") ? new Path(new java.io.File(f.uri().substring(5)).toURI())
                    : new Path(f.uri());
            if (inside(comparable(input), out)) {
                throw new UserError("--output " + output + " contains the input " + f.uri()
                        + "; the output directory must not overlap the inputs");
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            String p = specs.get(i).path();
            if (p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0 || p.indexOf('{') >= 0) {
                continue;
            }
            Path in = new Path(p);
            FileSystem fs = in.getFileSystem(conf);
            Path q = fs.makeQualified(in);
            if (fs.exists(q) && fs.getFileStatus(q).isDirectory() && inside(out, comparable(q))) {
                throw new UserError("--output " + output + " lies inside the input directory " + p + " (inputs[" + i
                        + "]): the corpus would be read as input by the next run; choose a directory outside it");
            }
        }
    }

    /** One spelling per location: Hadoop writes local paths both as file:/a and file:///a. */
    private static String comparable(Path p) {
        java.net.URI u = p.toUri().normalize();
        String s = u.getScheme() + "://" + (u.getAuthority() == null ? "" : u.getAuthority()) + u.getPath();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean inside(String child, String parent) {
        return child.equals(parent) || child.startsWith(parent + "/");
    }
}
