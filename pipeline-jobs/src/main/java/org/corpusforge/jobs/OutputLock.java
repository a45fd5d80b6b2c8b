package org.corpusforge.jobs;

import org.corpusforge.jobs.base.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's claim on its output directory, {@code OUT/_lock}: created atomically (java.nio's create-new locally,
 * Hadoop's create without overwrite elsewhere, which HDFS makes atomic; on S3 two runs that start within the
 * same second can still both win), kept fresh by a heartbeat while the run lives, and removed when it ends. A
 * second run finds it and refuses the directory. A lock is stale, and taken over with a warning, when the run that
 * holds it is gone: its process no longer exists on this host, or, from another host, its heartbeat has not
 * touched it for {@link #STALE_AFTER}; so a killed run never blocks its directory for long.
 */
final class OutputLock implements AutoCloseable {
    static final String NAME = "_lock";
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration STALE_AFTER = Duration.ofMinutes(3);
    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(OutputLock.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileSystem fs;
    private final String runId;
    private final ScheduledExecutorService heartbeat;

    private OutputLock(Path path, FileSystem fs, String runId) {
        this.path = path;
        this.fs = fs;
        this.runId = runId;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "corpusforge-output-lock");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes the lock of {@code directory} (which exists) for {@code runId}, or throws a UserError naming its holder. */
    static OutputLock acquire(Path directory, FileSystem fs, String runId, String output) throws IOException {
        Path path = new Path(directory, NAME);
        byte[] claim = claim(runId);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (create(path, fs, claim)) {
                return new OutputLock(path, fs, runId);
            }
            Holder holder = holder(path, fs);
            if (holder == null) {
                continue; // released between our attempt and the look
            }
            String stale = holder.staleBecause();
            if (stale == null) {
                throw new UserError("--output " + output + " is being written by another run (" + holder
                        + "); wait for it to end or choose another directory");
            }
            LOG.warn("--output {}: taking over the lock of a run that is gone ({}; {})", output, holder, stale);
            fs.delete(path, false);
        }
        throw new UserError("--output " + output + ": another run took the lock at the same moment; try again");
    }

    private static boolean create(Path path, FileSystem fs, byte[] claim) throws IOException {
        if ("file".equals(fs.getScheme())) {
            try {
                Files.write(java.nio.file.Path.of(path.toUri().getPath()), claim,
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(path, false)) {
            out.write(claim);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static byte[] claim(String runId) {
        var node = JSON.createObjectNode();
        node.put("run_id", runId);
        node.put("host", host());
        node.put("pid", ProcessHandle.current().pid());
        node.put("started_at", Instant.now().toString());
        return (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Who holds the lock at {@code path}; null when there is no lock. */
    private static Holder holder(Path path, FileSystem fs) throws IOException {
        FileStatus status;
        byte[] bytes;
        try {
            status = fs.getFileStatus(path);
            try (var in = fs.open(path)) {
                bytes = in.readNBytes(4096);
            }
        } catch (FileNotFoundException e) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            node = null; // being written, or damaged: judged by its age alone
        }
        return new Holder(node == null ? "?" : node.path("run_id").asText("?"),
                node == null ? "?" : node.path("host").asText("?"), node == null ? -1 : node.path("pid").asLong(-1),
                Instant.ofEpochMilli(status.getModificationTime()));
    }

    private record Holder(String runId, String host, long pid, Instant touched) {
        /** Why the holder is gone, or null while it may be alive. */
        String staleBecause() {
            if (host.equals(host()) && pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return "process " + pid + " on this host has ended";
            }
            Duration quiet = Duration.between(touched, Instant.now());
            if (quiet.compareTo(STALE_AFTER) > 0) {
                return "no heartbeat for " + quiet.toSeconds() + " s";
            }
            return null;
        }

        @Override
        public String toString() {
            return "run " + runId + ", process " + pid + " on " + host + ", last seen " + touched;
        }
    }

    private void touch() {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
        } catch (IOException | UnsupportedOperationException e) {
            // object stores keep no settable times: write the claim again, which renews its modification time
            try (OutputStream out = fs.create(path, true)) {
                out.write(claim(runId));
            } catch (IOException again) {
                LOG.warn("could not renew the output lock {}: {}", path, again.toString());
            }
        }
    }

    /** Removes the lock, if it is still this run's. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            Holder holder = holder(path, fs);
            if (holder != null && holder.runId().equals(runId)) {
                fs.delete(path, false);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the output lock {}: {}", path, e.toString());
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
