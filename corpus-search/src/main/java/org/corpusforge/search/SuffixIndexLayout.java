package org.corpusforge.search;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one shard's search index ({@code search/part-NNNNN.sfx}), all little-endian:
 *
 * <pre>
 *   0  8  magic "CFSFX001"
 *   8  4  token width, bytes (the fewest that hold the separator)
 *  12  4  pointer width, bytes (the fewest that hold the number of positions)
 *  16  8  separator: the value between documents, the vocabulary size (larger than every token id)
 *  24  8  positions: the shard's tokens plus one separator after every document
 *  32  8  documents (the shard's rows, in row order)
 *  40  8  offset of the token section:  positions x token width, the documents' ids, each followed by a separator
 *  48  8  offset of the suffix section: (positions - documents) x pointer width, the start of every suffix that
 *         starts with a token, in order (the suffixes starting at a separator sort last and are left out)
 *  56  8  offset of the row section:    documents x pointer width, the position of every row's first token
 *  64     sections, each starting at a multiple of 8; 8 bytes of zeros at the end
 * </pre>
 *
 * Suffixes are ordered by token id, compared as unsigned numbers, a suffix that ends first being smaller; since a
 * query never holds the separator, no match can cross from one document into the next. Widths are the fewest bytes
 * that hold the values (3 for a 100k vocabulary; 3 for shards under 16.7 M positions, 4 up to 4.3 G), which keeps
 * the index to its pointer width per token beyond the token ids. The trailing zeros let a reader take any entry
 * with one 8-byte load.
 */
public final class SuffixIndexLayout {
    public static final String FORMAT = "corpusforge-suffix-array/1";
    public static final String EXTENSION = ".sfx";
    static final byte[] MAGIC = "CFSFX001".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 64;
    static final int TRAILER_BYTES = 8;

    private SuffixIndexLayout() {}

    /** The header fields of an index file. */
    public record Header(int tokenWidth, int pointerWidth, long separator, long positions, long documents,
                         long tokenOffset, long suffixOffset, long rowOffset) {
        /** The shard's tokens, separators not counted. */
        public long tokens() {
            return positions - documents;
        }

        public long fileBytes() {
            return align(rowOffset + documents * pointerWidth) + TRAILER_BYTES;
        }

        byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).putInt(tokenWidth).putInt(pointerWidth).putLong(separator).putLong(positions)
                    .putLong(documents).putLong(tokenOffset).putLong(suffixOffset).putLong(rowOffset);
            return b.array();
        }

        static Header of(int separator, long positions, long documents) {
            int tokenWidth = bytesFor(separator);
            int pointerWidth = bytesFor(positions);
            long tokenOffset = HEADER_BYTES;
            long suffixOffset = align(tokenOffset + positions * tokenWidth);
            long rowOffset = align(suffixOffset + (positions - documents) * pointerWidth);
            return new Header(tokenWidth, pointerWidth, separator, positions, documents, tokenOffset, suffixOffset,
                    rowOffset);
        }

        /** Reads and checks a header; the message of the exception says what is wrong. */
        static Header parse(ByteBuffer header, long fileBytes) {
            if (header.remaining() < HEADER_BYTES) {
                throw new IllegalArgumentException("shorter than the 64-byte header");
            }
            ByteBuffer b = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a corpusforge search index (magic "
                        + new String(magic, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "?") + ")");
            }
            Header h = new Header(b.getInt(), b.getInt(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.getLong(), b.getLong());
            Header expected = h.tokenWidth >= 1 && h.tokenWidth <= 4 && h.documents >= 0 && h.positions >= h.documents
                    && h.separator > 0 && h.separator <= 0xffffffffL
                    ? of((int) h.separator, h.positions, h.documents) : null;
            if (!h.equals(expected)) {
                throw new IllegalArgumentException("inconsistent header " + h);
            }
            if (h.fileBytes() != fileBytes) {
                throw new IllegalArgumentException("header says " + h.fileBytes() + " bytes, the file has " + fileBytes);
            }
            return h;
        }
    }

    /** The fewest bytes (1 to 8) that hold {@code value}. */
    static int bytesFor(long value) {
        int bytes = 1;
        while (bytes < 8 && (value >>> (8 * bytes)) != 0) {
            bytes++;
        }
        return bytes;
    }

    static long align(long offset) {
        return (offset + 7) & ~7L;
    }
}
