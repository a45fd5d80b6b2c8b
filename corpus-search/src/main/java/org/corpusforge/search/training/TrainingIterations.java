package org.corpusforge.search.training;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.corpusforge.search.MappedBytes;

/**
 * {@code training/iterations.bin}: for every document of a corpus, in shard and row order, the training iterations
 * that read it, ascending. Little-endian: the magic {@code CFITERS1}, the document count (int64), the documents'
 * offsets into the iterations (int64, count + 1 of them), the iterations (int32), the magic again. Read
 * memory-mapped: a query touches only its documents' pages.
 */
public final class TrainingIterations implements AutoCloseable {
    public static final String FORMAT = "corpusforge-training-iterations-1";
    private static final byte[] MAGIC = "CFITERS1".getBytes(StandardCharsets.US_ASCII);

    private final MappedBytes bytes;
    private final long documents;
    /** The iterations the file holds (its last offset, checked against its length). */
    private final long total;

    private TrainingIterations(MappedBytes bytes) throws IOException {
        this.bytes = bytes;
        if (bytes.length() < 32 || bytes.get(0, 8) != magic() || bytes.get(bytes.length() - 8, 8) != magic()) {
            throw new IOException("not a training iterations file (" + FORMAT + ")");
        }
        this.documents = bytes.get(8, 8);
        if (documents < 0 || documents > (bytes.length() - 32) / 8
                || 16 + 8 * (documents + 1) + 8 + 4 * bytes.get(16 + 8 * documents, 8) != bytes.length()) {
            throw new IOException("a training iterations file of the wrong length for " + documents + " documents");
        }
        this.total = bytes.get(16 + 8 * documents, 8);
    }

    public static TrainingIterations open(Path file) throws IOException {
        return new TrainingIterations(new MappedBytes(file));
    }

    private static long magic() {
        return ByteBuffer.wrap(MAGIC).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public long documents() {
        return documents;
    }

    /** The iterations that read a document, ascending; none when training never read it. */
    public int[] of(long document) {
        if (document < 0 || document >= documents) {
            throw new IndexOutOfBoundsException("document " + document + " of " + documents);
        }
        long from = bytes.get(16 + 8 * document, 8);
        long to = bytes.get(16 + 8 * (document + 1), 8);
        long base = 16 + 8 * (documents + 1);
        if (from < 0 || to < from || to > total) {
            // a damaged or crafted file: its offsets would size an array of up to 2^31 iterations
            throw new org.corpusforge.search.DamagedIndex("a damaged training iterations file: document " + document
                    + " claims iterations " + from + " to " + to + " of " + total);
        }
        int[] out = new int[Math.toIntExact(to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) bytes.get(base + 4 * (from + i), 4);
        }
        return out;
    }

    /** Writes the file for documents whose iterations are {@code iterations[offsets[d], offsets[d + 1])}. */
    public static void write(OutputStream out, long[] offsets, int[] iterations) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeLong(Long.reverseBytes(offsets.length - 1));
        for (long o : offsets) {
            data.writeLong(Long.reverseBytes(o));
        }
        for (int i : iterations) {
            data.writeInt(Integer.reverseBytes(i));
        }
        data.write(MAGIC);
        data.flush();
    }

    @Override
    public void close() {
        // the mapping goes with the object
    }
}
