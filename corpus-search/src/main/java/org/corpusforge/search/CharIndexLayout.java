package org.corpusforge.search;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one shard's character index ({@code search/part-NNNNN.csa}), all little-endian:
 *
 * <pre>
 *   0  8  magic "CFCSA001"
 *   8  4  pointer width, bytes (the fewest that hold the number of positions: 3 below 16.7 M, else 4)
 *  12  4  zero
 *  16  8  positions: the shard's UTF-16 code units plus one end mark after every document
 *  24  8  documents (the shard's rows, in row order)
 *  32  8  offset of the text section:   positions x 2 bytes, each row's text as UTF-16 code units, each row followed
 *         by 0xFFFF (a text's own U+FFFF is told from an end mark by the row section)
 *  40  8  offset of the suffix section: (positions - documents) x pointer width, the start of every suffix that
 *         starts with a code unit, in order (suffixes starting at an end mark sort last and are left out)
 *  48  8  offset of the row section:    documents x pointer width, the position of every row's first code unit
 *  56  8  zero
 *  64     sections, each starting at a multiple of 8; 8 bytes of zeros at the end
 * </pre>
 *
 * Suffixes are ordered by code unit (as Java compares strings), an end mark being larger than every code unit: a
 * query never holds an end mark, so no match crosses from one document into the next. Per character of text the
 * index costs 2 bytes plus its pointer width, 5 to 6 bytes: 1.7 to 2 times the UTF-8 bytes of Japanese text (3 bytes
 * a character), 5 to 6 times those of ASCII (1 byte a character).
 */
public final class CharIndexLayout {
    public static final String FORMAT = "corpusforge-char-suffix-array/1";
    public static final String EXTENSION = ".csa";
    static final byte[] MAGIC = "CFCSA001".getBytes(StandardCharsets.US_ASCII);
    /** The magic of the token-level index of earlier versions (corpusforge-suffix-array/1), refused by name. */
    static final byte[] TOKEN_INDEX_MAGIC = "CFSFX001".getBytes(StandardCharsets.US_ASCII);
    /** The format the manifest names for that earlier index. */
    public static final String TOKEN_INDEX_FORMAT = "corpusforge-suffix-array/1";
    static final int HEADER_BYTES = 64;
    static final int TRAILER_BYTES = 8;
    /** What the text section holds after every row. */
    static final int END_MARK = 0xFFFF;

    private CharIndexLayout() {}

    /** The header fields of an index file. */
    public record Header(int pointerWidth, long positions, long documents, long textOffset, long suffixOffset,
                         long rowOffset) {
        /** The shard's code units, end marks not counted. */
        public long units() {
            return positions - documents;
        }

        public long fileBytes() {
            return align(rowOffset + documents * pointerWidth) + TRAILER_BYTES;
        }

        byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).putInt(pointerWidth).putInt(0).putLong(positions).putLong(documents).putLong(textOffset)
                    .putLong(suffixOffset).putLong(rowOffset).putLong(0);
            return b.array();
        }

        static Header of(long positions, long documents) {
            int pointerWidth = Math.max(3, bytesFor(positions));
            long textOffset = HEADER_BYTES;
            long suffixOffset = align(textOffset + positions * 2);
            long rowOffset = align(suffixOffset + (positions - documents) * pointerWidth);
            return new Header(pointerWidth, positions, documents, textOffset, suffixOffset, rowOffset);
        }

        /** Reads and checks a header; the message of the exception says what is wrong. */
        static Header parse(ByteBuffer header, long fileBytes) {
            if (header.remaining() < HEADER_BYTES) {
                throw new IllegalArgumentException("shorter than the 64-byte header");
            }
            ByteBuffer b = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            b.get(magic);
            if (java.util.Arrays.equals(magic, TOKEN_INDEX_MAGIC)) {
                throw new IllegalArgumentException("the token-level index of earlier versions, which counts tokens, "
                        + "not strings");
            }
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a corpusforge character index (magic "
                        + new String(magic, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "?") + ")");
            }
            int pointerWidth = b.getInt();
            b.getInt();
            Header h = new Header(pointerWidth, b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
            Header expected = h.documents >= 0 && h.positions >= h.documents && h.positions < (1L << 40)
                    ? of(h.positions, h.documents) : null;
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
