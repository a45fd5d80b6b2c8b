package org.corpusforge.search;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file memory-mapped in windows of 1 GiB (a Java mapping stops at 2 GiB), each window overlapping the
 * next by 8 bytes so that any little-endian value of up to 8 bytes is one load from one window. The pages are the
 * operating system's: a query touches only the pages its binary searches land on, and the heap holds none of it.
 */
public final class MappedBytes {
    private static final int WINDOW_BITS = 30;
    private static final long WINDOW = 1L << WINDOW_BITS;
    private static final long WINDOW_MASK = WINDOW - 1;
    private static final int OVERLAP = 8;

    private final MappedByteBuffer[] windows;
    private final long length;

    public MappedBytes(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            length = channel.size();
            int count = (int) Math.max(1, (length + WINDOW - 1) / WINDOW);
            windows = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = i * WINDOW;
                long size = Math.min(WINDOW + OVERLAP, length - start);
                windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, size));
                windows[i].order(ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    public long length() {
        return length;
    }

    /** The unsigned little-endian value of {@code width} bytes at {@code offset}; needs 8 readable bytes there. */
    public long get(long offset, int width) {
        long word = windows[(int) (offset >>> WINDOW_BITS)].getLong((int) (offset & WINDOW_MASK));
        return width == 8 ? word : word & ((1L << (8 * width)) - 1);
    }

    byte getByte(long offset) {
        return windows[(int) (offset >>> WINDOW_BITS)].get((int) (offset & WINDOW_MASK));
    }

    java.nio.ByteBuffer slice(long offset, int bytes) {
        return windows[(int) (offset >>> WINDOW_BITS)].slice((int) (offset & WINDOW_MASK), bytes)
                .order(ByteOrder.LITTLE_ENDIAN);
    }
}
