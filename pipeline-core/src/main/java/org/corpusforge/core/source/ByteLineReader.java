package org.corpusforge.core.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines of raw bytes, so that each line can be decoded strictly on its own and a
 * bad byte costs one line, not the file. Lines end at {@code \n}; a trailing {@code \r} is removed. Where a
 * format has no use for a carriage return inside a record (TSV, one document per line), a lone {@code \r} (classic
 * Mac OS line ends) ends a line too, so that such a file is not read as one record holding all the others.
 */
public final class ByteLineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;
    private long offset;
    private long lineOffset;
    private final int maxLineBytes;
    private boolean tooLong;
    private final boolean loneCrEndsLine;
    /** The line last returned ended at a {@code \r}: a {@code \n} right after it belongs to that line end. */
    private boolean skipLineFeed;

    public ByteLineReader(InputStream in) {
        this(in, Integer.MAX_VALUE - 64);
    }

    /** Lines longer than {@code maxLineBytes} are not kept in memory: see {@link #lastLineTooLong()}. */
    public ByteLineReader(InputStream in, int maxLineBytes) {
        this(in, maxLineBytes, false);
    }

    /** @param loneCrEndsLine whether {@code \r} not followed by {@code \n} ends a line as well */
    public ByteLineReader(InputStream in, int maxLineBytes, boolean loneCrEndsLine) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.loneCrEndsLine = loneCrEndsLine;
    }

    /** Whether the line last returned was cut off (and is empty) because it was longer than the limit. */
    public boolean lastLineTooLong() {
        return tooLong;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    public byte[] next() throws IOException {
        ByteArrayOutputStream line = null;
        lineOffset = offset;
        tooLong = false;
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
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    offset++;
                    lineOffset = offset;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && !(loneCrEndsLine && buffer[position] == '\r')) {
                position++;
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(64, Math.min(position - start, maxLineBytes)));
            }
            if (!tooLong && line.size() + (position - start) > maxLineBytes) {
                tooLong = true;
                line.reset();
            }
            if (!tooLong) {
                line.write(buffer, start, position - start);
            }
            offset += position - start;
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
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
    public long lineNumber() { return lineNumber; }

    /** Byte offset (in the decompressed stream) where the line last returned starts. */
    public long lineOffset() { return lineOffset; }
}
