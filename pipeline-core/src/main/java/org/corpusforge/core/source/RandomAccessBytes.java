package org.corpusforge.core.source;

import java.io.Closeable;
import java.io.IOException;

/**
 * A file's stored bytes read at any position, for formats read from their end (Parquet keeps its schema and row
 * groups' places in a footer). Nothing is read until asked for.
 */
public interface RandomAccessBytes extends Closeable {
    long length() throws IOException;

    /** Reads exactly {@code length} bytes at {@code position}; an {@link java.io.EOFException} past the end. */
    void readFully(long position, byte[] buffer, int offset, int length) throws IOException;

    /** Bytes held in memory (tests, small files). */
    static RandomAccessBytes of(byte[] bytes) {
        return new RandomAccessBytes() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
                if (position < 0 || position + length > bytes.length) {
                    throw new java.io.EOFException("read of " + length + " bytes at " + position + " past the end ("
                            + bytes.length + ")");
                }
                System.arraycopy(bytes, (int) position, buffer, offset, length);
            }

            @Override
            public void close() {}
        };
    }
}
