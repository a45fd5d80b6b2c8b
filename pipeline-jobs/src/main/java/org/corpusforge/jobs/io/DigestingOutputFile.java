package org.corpusforge.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.corpusforge.core.model.Hashing;

/**
 * A Parquet output file that computes its own SHA-256 and size while it is written, so a shard's checksum
 * costs no second read, and that makes the footer byte-reproducible ({@link ParquetFooters}). To rewrite the
 * footer it holds back the last bytes written until the file is closed. Creating it overwrites: a retried
 * task rewrites the same bytes to the same name.
 */
final class DigestingOutputFile implements OutputFile {
    /** Bytes held back; a footer is a few kilobytes per row group, so this covers thousands of row groups. */
    private static final int HELD_BACK = 8 << 20;

    private final Path path;
    private final Configuration conf;
    private final MessageDigest digest = Hashing.sha256();
    private long bytes;

    DigestingOutputFile(Path path, Configuration conf) {
        this.path = path;
        this.conf = conf;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        OutputStream out = OutputFiles.fileSystem(path, conf).create(path, true);
        digest.reset();
        bytes = 0;
        return new PositionOutputStream() {
            private final byte[] tail = new byte[2 * HELD_BACK];
            private int tailLength;

            @Override
            public long getPos() {
                return bytes;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                bytes += len;
                if (tailLength + len > tail.length) {
                    // pass on everything but the newest HELD_BACK bytes
                    int keepFromNew = Math.min(len, HELD_BACK);
                    int keepFromTail = Math.min(tailLength, HELD_BACK - keepFromNew);
                    emit(tail, 0, tailLength - keepFromTail);
                    System.arraycopy(tail, tailLength - keepFromTail, tail, 0, keepFromTail);
                    tailLength = keepFromTail;
                    emit(b, off, len - keepFromNew);
                    off += len - keepFromNew;
                    len = keepFromNew;
                }
                System.arraycopy(b, off, tail, tailLength, len);
                tailLength += len;
            }

            private void emit(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    out.write(b, off, len);
                    digest.update(b, off, len);
                }
            }

            @Override
            public void flush() {
                // bytes are held back until close; a flush of a half-written Parquet file is no use to anyone
            }

            @Override
            public void close() throws IOException {
                try (out) {
                    ParquetFooters.canonicalize(tail, tailLength);
                    emit(tail, 0, tailLength);
                    tailLength = 0;
                }
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    long bytes() {
        return bytes;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
