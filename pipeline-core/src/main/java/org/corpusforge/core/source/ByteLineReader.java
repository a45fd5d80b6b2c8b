package org.corpusforge.core.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines of raw bytes, so that each line can be decoded strictly on its own and a
 * bad byte costs one line, not the file. Lines end at {@code \n}; a trailing {@code \r} is removed.
 */
final class ByteLineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;
    private long offset;
    private long lineOffset;

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = null;
        lineOffset = offset;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line == null) {
                        return null;
                    }
                    return finish(line.toByteArray());
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(64, position - start));
            }
            line.write(buffer, start, position - start);
            offset += position - start;
            if (position < limit) {
                position++;
                offset++;
                return finish(line.toByteArray());
            }
        }
    }

    private byte[] finish(byte[] bytes) {
        lineNumber++;
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    /** 1-based number of the line last returned. */
    long lineNumber() { return lineNumber; }

    /** Byte offset (in the decompressed stream) where the line last returned starts. */
    long lineOffset() { return lineOffset; }
}
