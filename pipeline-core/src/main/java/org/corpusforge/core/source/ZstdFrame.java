package org.corpusforge.core.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly one zstd frame (or skippable frame) of the stream beneath, passed through as it is read. Its end is found
 * from the frame's own header and block headers (RFC 8878, section 3.1), so no byte of the next frame is consumed
 * and a frame cut short is an error, never a quiet end: zstd-jni, given frames one after another, stops without a
 * word at one that was truncated.
 */
final class ZstdFrame extends BlockInputStream {
    private static final int MAGIC = 0xFD2FB528;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE = 0x184D2A50;

    private enum Next { START, BLOCK_HEADER, CHECKSUM, DONE }

    private final InputStream in;
    /** Structural bytes read ahead (headers), delivered before anything else. */
    private byte[] pending = new byte[0];
    private int pendingAt;
    /** Payload bytes of the current block (or skippable frame) still to pass through. */
    private long payload;
    private Next next = Next.START;
    private boolean checksum;
    private long read;

    ZstdFrame(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pendingAt == pending.length && payload == 0) {
            if (next == Next.DONE) {
                return -1;
            }
            advance();
        }
        if (pendingAt < pending.length) {
            int n = Math.min(len, pending.length - pendingAt);
            System.arraycopy(pending, pendingAt, b, off, n);
            pendingAt += n;
            return n;
        }
        int n = in.read(b, off, (int) Math.min(len, payload));
        if (n < 0) {
            throw cutShort();
        }
        payload -= n;
        read += n;
        return n;
    }

    /** Reads the next header and sets what follows it. */
    private void advance() throws IOException {
        switch (next) {
            case START -> {
                byte[] magic = readFully(4);
                int value = littleEndian(magic, 0, 4);
                if ((value & SKIPPABLE_MASK) == SKIPPABLE) {
                    byte[] size = readFully(4);
                    pending = concat(magic, size);
                    payload = Integer.toUnsignedLong(littleEndian(size, 0, 4));
                    next = Next.DONE;
                    return;
                }
                if (value != MAGIC) {
                    throw new IOException("not a zstd frame (magic " + Integer.toHexString(value) + ")");
                }
                byte[] descriptor = readFully(1);
                int fhd = descriptor[0] & 0xff;
                boolean singleSegment = (fhd & 0x20) != 0;
                checksum = (fhd & 0x04) != 0;
                int dictionaryBytes = new int[] {0, 1, 2, 4}[fhd & 3];
                int sizeFlag = fhd >>> 6;
                int contentSizeBytes = sizeFlag == 0 ? (singleSegment ? 1 : 0) : new int[] {0, 2, 4, 8}[sizeFlag];
                byte[] rest = readFully((singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes);
                pending = concat(concat(magic, descriptor), rest);
                next = Next.BLOCK_HEADER;
            }
            case BLOCK_HEADER -> {
                byte[] header = readFully(3);
                int value = littleEndian(header, 0, 3);
                boolean last = (value & 1) != 0;
                int type = (value >>> 1) & 3;
                int size = value >>> 3;
                if (type == 3) {
                    throw new IOException("zstd block of the reserved type after " + read + " bytes");
                }
                pending = header;
                payload = type == 1 ? 1 : size; // RLE: one byte repeated size times
                next = !last ? Next.BLOCK_HEADER : checksum ? Next.CHECKSUM : Next.DONE;
            }
            case CHECKSUM -> {
                pending = readFully(4);
                next = Next.DONE;
            }
            case DONE -> throw new IllegalStateException("the frame has ended");
        }
        pendingAt = 0;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw cutShort();
        }
        read += n;
        return bytes;
    }

    private IOException cutShort() {
        return new IOException("zstd frame cut short after " + read + " bytes");
    }

    private static int littleEndian(byte[] b, int from, int n) {
        int value = 0;
        for (int i = n - 1; i >= 0; i--) {
            value = (value << 8) | (b[from + i] & 0xff);
        }
        return value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
