package org.corpusforge.jobs.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;

/**
 * One Megatron-LM {@code NAME.bin} / {@code NAME.idx} pair: token ids streamed to the {@code .bin} as they come,
 * the index written at the end from the document lengths.
 */
public final class MegatronWriter {
    private final String binRelative;
    private final String idxRelative;
    private final String outputUri;
    private final Configuration conf;
    private final MegatronIndex.TokenType type;
    private final int eodId;
    private final MessageDigest binDigest = Hashing.sha256();
    private final OutputStream bin;
    private final byte[] buffer = new byte[1 << 16];
    private int[] lengths = new int[1024];
    private int documents;
    private long binBytes;

    /** @param eodId appended to every document, or -1 for none */
    public MegatronWriter(String outputUri, String relativeName, MegatronIndex.TokenType type, int eodId,
                          Configuration conf) throws IOException {
        this.outputUri = outputUri;
        this.binRelative = relativeName + ".bin";
        this.idxRelative = relativeName + ".idx";
        this.conf = conf;
        this.type = type;
        this.eodId = eodId;
        Path path = new Path(outputUri + "/" + binRelative);
        this.bin = new DigestOutputStream(new BufferedOutputStream(
                OutputFiles.fileSystem(path, conf).create(path, true), 1 << 20), binDigest);
    }

    public void write(int[] ids) throws IOException {
        int length = ids.length + (eodId >= 0 ? 1 : 0);
        int filled = 0;
        for (int i = 0; i < length; i++) {
            int id = i < ids.length ? ids[i] : eodId;
            if (type == MegatronIndex.TokenType.UINT16) {
                if (id < 0 || id > 0xffff) {
                    throw new IllegalStateException("token id " + id + " does not fit uint16");
                }
                buffer[filled++] = (byte) id;
                buffer[filled++] = (byte) (id >>> 8);
            } else {
                buffer[filled++] = (byte) id;
                buffer[filled++] = (byte) (id >>> 8);
                buffer[filled++] = (byte) (id >>> 16);
                buffer[filled++] = (byte) (id >>> 24);
            }
            if (filled > buffer.length - 4) {
                bin.write(buffer, 0, filled);
                filled = 0;
            }
        }
        bin.write(buffer, 0, filled);
        binBytes += (long) length * type.width();
        if (documents == lengths.length) {
            lengths = Arrays.copyOf(lengths, documents * 2);
        }
        lengths[documents++] = length;
    }

    /** Closes the {@code .bin} and writes the {@code .idx}; the entries count documents and tokens (EOD included). */
    public List<Manifest.FileEntry> finish() throws IOException {
        bin.close();
        MegatronIndex index = new MegatronIndex(type, Arrays.copyOf(lengths, documents));
        byte[] idx = index.toBytes();
        Path path = new Path(outputUri + "/" + idxRelative);
        try (OutputStream out = OutputFiles.fileSystem(path, conf).create(path, true)) {
            out.write(idx);
        }
        long tokens = index.tokens();
        return List.of(
                new Manifest.FileEntry(binRelative, documents, binBytes, HexFormat.of().formatHex(binDigest.digest()), 0,
                        tokens),
                new Manifest.FileEntry(idxRelative, documents, idx.length, Hashing.sha256Hex(idx), 0, tokens));
    }
}
