package org.corpusforge.jobs.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Comparator;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Puts the one part of a Parquet footer that parquet-mr writes in a random order into a fixed order.
 *
 * <p>parquet-mr (1.17) collects each column chunk's encodings in a {@code HashSet<Encoding>}; enum hash codes
 * are identity hash codes, so the list's order, and with it the file's bytes, change from one JVM to the next
 * (the same rows give different shard checksums on a retry or a rerun). Encodings and encoding statistics are
 * sets in the format, so sorting them changes no meaning and no length.
 */
final class ParquetFooters {
    private static final int TRAILER = 8; // footer length (4 bytes, little-endian) + "PAR1"

    private ParquetFooters() {}

    /**
     * Rewrites, in place, the footer at the end of {@code tail[0, length)}, the last bytes of a Parquet file.
     *
     * @throws IOException when the footer is not entirely inside the tail, or would change length
     */
    static void canonicalize(byte[] tail, int length) throws IOException {
        if (length < TRAILER || tail[length - 4] != 'P' || tail[length - 3] != 'A' || tail[length - 2] != 'R'
                || tail[length - 1] != '1') {
            throw new IOException("not the end of a Parquet file");
        }
        int footerLength = (tail[length - 8] & 0xff) | (tail[length - 7] & 0xff) << 8
                | (tail[length - 6] & 0xff) << 16 | (tail[length - 5] & 0xff) << 24;
        int start = length - TRAILER - footerLength;
        if (footerLength < 0 || start < 0) {
            throw new IOException("Parquet footer of " + footerLength + " bytes is larger than the buffered tail");
        }
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(tail, start, footerLength));
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                ColumnMetaData meta = chunk.getMeta_data();
                if (meta == null) {
                    continue;
                }
                if (meta.isSetEncodings()) {
                    meta.getEncodings().sort(Comparator.comparingInt(e -> e.getValue()));
                }
                if (meta.isSetEncoding_stats()) {
                    meta.getEncoding_stats().sort(Comparator.comparingInt((PageEncodingStats s) -> s.getPage_type().getValue())
                            .thenComparingInt(s -> s.getEncoding().getValue()));
                }
            }
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream(footerLength);
        Util.writeFileMetaData(footer, rewritten);
        if (rewritten.size() != footerLength) {
            throw new IOException("canonical footer has " + rewritten.size() + " bytes, the original " + footerLength);
        }
        System.arraycopy(rewritten.toByteArray(), 0, tail, start, footerLength);
    }
}
