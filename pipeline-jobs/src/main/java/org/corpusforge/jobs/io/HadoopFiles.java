package org.corpusforge.jobs.io;

import java.io.IOException;
import java.util.List;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.model.Hashing;

/** Small helpers over Hadoop's FileSystem, so the same code reads file:, hdfs: and s3a: paths. */
public final class HadoopFiles {
    private HadoopFiles() {}

    public static InputStream open(String uri, Configuration conf) throws IOException {
        if (uri.startsWith("file:")) {
            // java.nio, not Hadoop's local file system: that one cannot name a file with a colon (nor its .crc
            // companion), and costs a checksum-file lookup per small file
            return new java.io.BufferedInputStream(
                    java.nio.file.Files.newInputStream(java.nio.file.Path.of(uri.substring("file:".length()))), 1 << 16);
        }
        Path path = new Path(uri);
        return path.getFileSystem(conf).open(path, 1 << 20);
    }

    /** SHA-256 of a file's bytes, as lower-case hex, streamed. */
    /**
     * How readers open a file from any file system: as a stream (through {@code wrap}, which may count the bytes
     * for the progress), or at random for formats read from their end (Parquet).
     */
    public static org.corpusforge.core.source.FileRecords.Opener opener(String uri, Configuration conf,
                                                                     java.util.function.UnaryOperator<InputStream> wrap) {
        return new org.corpusforge.core.source.FileRecords.Opener() {
            @Override
            public InputStream open() throws IOException {
                return wrap.apply(HadoopFiles.open(uri, conf));
            }

            @Override
            public org.corpusforge.core.source.RandomAccessBytes randomAccess() throws IOException {
                if (uri.startsWith("file:")) {
                    return localRandomAccess(java.nio.file.Path.of(uri.substring("file:".length())));
                }
                Path path = new Path(uri);
                FileSystem fs = path.getFileSystem(conf);
                long length = fs.getFileStatus(path).getLen();
                org.apache.hadoop.fs.FSDataInputStream in = fs.open(path);
                return new org.corpusforge.core.source.RandomAccessBytes() {
                    @Override
                    public long length() {
                        return length;
                    }

                    @Override
                    public void readFully(long position, byte[] buffer, int offset, int n) throws IOException {
                        in.readFully(position, buffer, offset, n);
                    }

                    @Override
                    public void close() throws IOException {
                        in.close();
                    }
                };
            }
        };
    }

    /** A local file at random, through java.nio (as {@link #open} reads local files). */
    private static org.corpusforge.core.source.RandomAccessBytes localRandomAccess(java.nio.file.Path file)
            throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file);
        long length = channel.size();
        return new org.corpusforge.core.source.RandomAccessBytes() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int n) throws IOException {
                java.nio.ByteBuffer target = java.nio.ByteBuffer.wrap(buffer, offset, n);
                long at = position;
                while (target.hasRemaining()) {
                    int read = channel.read(target, at);
                    if (read < 0) {
                        throw new java.io.EOFException("read of " + n + " bytes at " + position + " past the end of "
                                + file + " (" + length + " bytes)");
                    }
                    at += read;
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    public static String sha256(String uri, Configuration conf) throws IOException {
        MessageDigest digest = Hashing.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = open(uri, conf)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The file with its size and SHA-256 as a run records them; unchanged (no checksum) when it must not be opened
     * or cannot be read, which its reader then reports as one quarantined record.
     */
    public static org.corpusforge.core.source.InputFile checksummed(org.corpusforge.core.source.InputFile file,
                                                                   Configuration conf) {
        if (!file.readable()) {
            return file;
        }
        try {
            return file.withChecksum(file.bytes(), sha256(file.uri(), conf));
        } catch (IOException | RuntimeException e) {
            return file;
        }
    }

    /** The most a model or tokenizer file read whole may hold (the largest array the JVM gives). */
    public static final long MAX_MODEL_BYTES = Integer.MAX_VALUE - 64;
    /** The most a benchmark file read whole on the driver may hold. */
    public static final long MAX_BENCHMARK_BYTES = 1L << 30;

    /**
     * A file the driver reads whole (a model, a tokenizer, a benchmark): refused with an {@link IOException} saying
     * why, before a byte is read, when it is not a regular file (a FIFO would block the run forever, a device such
     * as /dev/zero never end) or is larger than {@code maxBytes}; never more than {@code maxBytes} are read, even
     * from a file that grows meanwhile.
     */
    public static byte[] readRegularFile(String uri, Configuration conf, long maxBytes) throws IOException {
        long size;
        java.net.URI parsed = new Path(uri).toUri();
        if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
            java.nio.file.Path local = java.nio.file.Path.of(parsed.getPath());
            if (!java.nio.file.Files.exists(local)) {
                throw new java.io.FileNotFoundException(uri + ": no such file");
            }
            if (!java.nio.file.Files.isRegularFile(local)) {
                throw new IOException(java.nio.file.Files.isDirectory(local) ? "a directory, not a file"
                        : "not a regular file (a FIFO, socket or device): not opened, it could block or never end");
            }
            size = java.nio.file.Files.size(local);
        } else {
            Path path = new Path(uri);
            org.apache.hadoop.fs.FileStatus status = path.getFileSystem(conf).getFileStatus(path);
            if (!status.isFile()) {
                throw new IOException("a directory, not a file");
            }
            size = status.getLen();
        }
        if (size > maxBytes) {
            throw new IOException(size + " bytes, more than the " + maxBytes + " such a file may hold");
        }
        try (InputStream in = open(uri, conf)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw new IOException("grew past the " + maxBytes + " bytes such a file may hold while it was read");
            }
            return bytes;
        }
    }

    /**
     * A file of a corpus read whole (its manifest, report data, a Megatron index): as {@link #readRegularFile}, at
     * most half the heap, so that a crafted or damaged corpus's file is refused with its size instead of exhausting
     * the heap (or blocking, a FIFO).
     */
    public static byte[] readAll(String uri, Configuration conf) throws IOException {
        return readRegularFile(uri, conf, Math.min(MAX_MODEL_BYTES, Runtime.getRuntime().maxMemory() / 2));
    }

    /**
     * Writes a small file so that readers never see it half-written: on object stores an upload only appears
     * when complete; on file systems with a real rename the bytes go to a temporary name first.
     */
    public static void writeAtomically(String uri, byte[] bytes, Configuration conf) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = target.getFileSystem(conf);
        boolean objectStore = target.toUri().getScheme() != null && target.toUri().getScheme().startsWith("s3");
        Path temp = objectStore ? target : new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream out = fs.create(temp, true)) {
            out.write(bytes);
        }
        if (!objectStore) {
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                throw new IOException("could not rename " + temp + " to " + target);
            }
        }
    }

    /**
     * The names of the files directly in {@code directory} that start with {@code prefix} and end with {@code suffix},
     * sorted; none when the directory does not exist (the markers of a checkpoint).
     */
    public static List<String> names(String directory, String prefix, String suffix, Configuration conf)
            throws IOException {
        Path dir = new Path(directory);
        FileSystem fs = dir.getFileSystem(conf);
        List<String> names = new java.util.ArrayList<>();
        if (fs.exists(dir)) {
            for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (name.startsWith(prefix) && name.endsWith(suffix)) {
                    names.add(name);
                }
            }
        }
        java.util.Collections.sort(names);
        return names;
    }

    /** Deletes a file or a directory tree; absent is fine. */
    public static void delete(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        fs.delete(path, true);
    }
}
