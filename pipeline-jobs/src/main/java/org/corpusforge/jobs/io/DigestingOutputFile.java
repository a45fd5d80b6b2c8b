package org.corpusforge.jobs.io;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.corpusforge.core.model.Hashing;

/**
 * A Hadoop file that computes its own SHA-256 and size while it is written, so a shard's checksum costs
 * no second read. Creating it overwrites: a retried task rewrites the same bytes to the same name.
 */
final class DigestingOutputFile implements OutputFile {
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
        FileSystem fs = OutputFiles.fileSystem(path, conf);
        FSDataOutputStream out = fs.create(path, true);
        digest.reset();
        bytes = 0;
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return bytes;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                digest.update((byte) b);
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                digest.update(b, off, len);
                bytes += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
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
