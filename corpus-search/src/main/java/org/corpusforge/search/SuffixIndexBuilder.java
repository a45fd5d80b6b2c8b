package org.corpusforge.search;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.jsuffixarrays.SAIS;

/**
 * Builds one shard's search index ({@link SuffixIndexLayout}) from its documents' token ids, given in row order.
 * The shard's ids are held in memory (4 bytes per token) until {@link #write}, which adds the suffix array (another
 * 4 bytes per token) built by SA-IS in linear time; a shard of 100 M tokens needs about 0.8 GB of heap to index.
 * The same documents in the same order always give the same bytes.
 */
public final class SuffixIndexBuilder {
    /** The most positions one index holds: Java arrays stop just short of 2^31. */
    public static final int MAX_POSITIONS = Integer.MAX_VALUE - 16;

    private final int separator;
    private int[] text = new int[1 << 16];
    private int positions;
    private int[] rowStarts = new int[1 << 10];
    private int documents;

    /** @param vocabularySize every token id is below it; it becomes the separator between documents */
    public SuffixIndexBuilder(int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabulary size " + vocabularySize);
        }
        this.separator = vocabularySize;
    }

    /** Adds the next row's document. */
    public void add(int[] ids) {
        if ((long) positions + ids.length + 1 > MAX_POSITIONS) {
            throw new IllegalStateException("a shard of more than " + MAX_POSITIONS + " tokens cannot be indexed; "
                    + "lower output.shard_target_tokens");
        }
        ensure(positions + ids.length + 1);
        for (int id : ids) {
            if (id < 0 || id >= separator) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + separator);
            }
        }
        if (documents == rowStarts.length) {
            rowStarts = Arrays.copyOf(rowStarts, documents * 2);
        }
        rowStarts[documents++] = positions;
        System.arraycopy(ids, 0, text, positions, ids.length);
        positions += ids.length;
        text[positions++] = separator;
    }

    public long documents() {
        return documents;
    }

    public long tokens() {
        return positions - documents;
    }

    /** Sorts the suffixes and writes the whole index; the builder is spent afterwards. */
    public SuffixIndexLayout.Header write(OutputStream out) throws IOException {
        SuffixIndexLayout.Header header = SuffixIndexLayout.Header.of(separator, positions, documents);
        int[] suffixes = new int[Math.max(1, positions)];
        if (positions > 0) {
            // SA-IS needs the alphabet's size: every id and the separator lie below separator + 1
            int result = SAIS.suffixsort(text, suffixes, positions, separator + 1);
            if (result != 0) {
                throw new IllegalStateException("SA-IS failed (" + result + ")");
            }
        }
        Packer packer = new Packer(out);
        packer.raw(header.bytes());
        for (int i = 0; i < positions; i++) {
            packer.put(text[i], header.tokenWidth());
        }
        packer.padTo(header.suffixOffset());
        long written = 0;
        for (int i = 0; i < positions; i++) {
            int start = suffixes[i];
            if (text[start] != separator) {
                packer.put(start, header.pointerWidth());
                written++;
            }
        }
        if (written != header.tokens()) {
            throw new IllegalStateException("suffix array holds " + written + " token suffixes, expected " + header.tokens());
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

    private void ensure(long capacity) {
        if (capacity > text.length) {
            text = Arrays.copyOf(text, (int) Math.min(MAX_POSITIONS, Math.max(capacity, text.length * 2L)));
        }
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
