package org.corpusforge.search;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.jsuffixarrays.SAIS;

/**
 * Builds one shard's character index ({@link CharIndexLayout}) from its documents' texts, given in row order. The
 * code units are held in memory (4 bytes each, as SA-IS wants them) until {@link #write}, which adds the suffix
 * array (another 4 bytes each) built by SA-IS in linear time: a shard of 100 M characters needs about 0.8 GB of heap.
 * The same texts in the same order always give the same bytes.
 */
public final class CharIndexBuilder {
    /** The most positions one index holds: Java arrays stop just short of 2^31. */
    public static final int MAX_POSITIONS = Integer.MAX_VALUE - 16;
    /** Sorts after every code unit. */
    private static final int SEPARATOR = 0x10000;

    private int[] text = new int[1 << 16];
    private int positions;
    private int[] rowStarts = new int[1 << 10];
    private int documents;

    /** Adds the next row's text. */
    public void add(String row) {
        if ((long) positions + row.length() + 1 > MAX_POSITIONS) {
            throw new IllegalStateException("a shard of more than " + MAX_POSITIONS + " characters cannot be indexed; "
                    + "lower output.shard_target_tokens or output.shard_target_text_bytes");
        }
        if ((long) positions + row.length() + 1 > text.length) {
            text = Arrays.copyOf(text, (int) Math.min(MAX_POSITIONS, Math.max(positions + row.length() + 1L,
                    text.length * 2L)));
        }
        if (documents == rowStarts.length) {
            rowStarts = Arrays.copyOf(rowStarts, documents * 2);
        }
        rowStarts[documents++] = positions;
        for (int i = 0; i < row.length(); i++) {
            text[positions++] = row.charAt(i);
        }
        text[positions++] = SEPARATOR;
    }

    public long documents() {
        return documents;
    }

    /** Sorts the suffixes and writes the whole index; the builder is spent afterwards. */
    public CharIndexLayout.Header write(OutputStream out) throws IOException {
        CharIndexLayout.Header header = CharIndexLayout.Header.of(positions, documents);
        int[] suffixes = new int[Math.max(1, positions)];
        // SA-IS over the ranks of the units the shard holds (a few thousand for Japanese, not 65,537): the same
        // order, and bucket arrays that stay in the processor's cache
        int[] rank = new int[SEPARATOR + 1];
        for (int i = 0; i < positions; i++) {
            rank[text[i]] = 1;
        }
        int[] unitOfRank = new int[SEPARATOR + 1];
        int distinct = 0;
        for (int u = 0; u <= SEPARATOR; u++) {
            if (rank[u] != 0) {
                unitOfRank[distinct] = u;
                rank[u] = distinct++;
            }
        }
        for (int i = 0; i < positions; i++) {
            text[i] = rank[text[i]];
        }
        if (positions > 0) {
            int result = SAIS.suffixsort(text, suffixes, positions, distinct);
            if (result != 0) {
                throw new IllegalStateException("SA-IS failed (" + result + ")");
            }
        }
        for (int i = 0; i < positions; i++) {
            text[i] = unitOfRank[text[i]];
        }
        Packer packer = new Packer(out);
        packer.raw(header.bytes());
        for (int i = 0; i < positions; i++) {
            packer.put(text[i] == SEPARATOR ? CharIndexLayout.END_MARK : text[i], 2);
        }
        packer.padTo(header.suffixOffset());
        long written = 0;
        for (int i = 0; i < positions; i++) {
            int start = suffixes[i];
            if (text[start] != SEPARATOR) {
                packer.put(start, header.pointerWidth());
                written++;
            }
        }
        if (written != header.units()) {
            throw new IllegalStateException("suffix array holds " + written + " suffixes, expected " + header.units());
        }
        packer.padTo(header.rowOffset());
        for (int row = 0; row < documents; row++) {
            packer.put(rowStarts[row], header.pointerWidth());
        }
        packer.padTo(header.fileBytes());
        packer.flush();
        text = null;
        return header;
    }

    /** Little-endian values of a given width, buffered. */
    private static final class Packer {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int filled;
        private long offset;

        Packer(OutputStream out) {
            this.out = out;
        }

        void put(long value, int width) throws IOException {
            if (filled + width > buffer.length) {
                flush();
            }
            for (int b = 0; b < width; b++) {
                buffer[filled++] = (byte) (value >>> (8 * b));
            }
            offset += width;
        }

        void raw(byte[] bytes) throws IOException {
            flush();
            out.write(bytes);
            offset += bytes.length;
        }

        void padTo(long target) throws IOException {
            while (offset < target) {
                put(0, 1);
            }
        }

        void flush() throws IOException {
            out.write(buffer, 0, filled);
            filled = 0;
        }
    }
}
