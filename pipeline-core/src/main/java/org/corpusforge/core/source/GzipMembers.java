package org.corpusforge.core.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * All members of a gzip file, one after another, as crawlers write them. Neither stream at hand will do alone:
 * the JDK's {@code GZIPInputStream} takes a damaged member header for the end of the file and silently loses
 * the rest, and Commons Compress's concatenated mode throws inside the read call that crossed the member
 * boundary, losing the good bytes that call had already decoded. So each member is read on its own (Commons
 * Compress checks its header, CRC and size), every byte of it is delivered, and only then is the next member
 * opened: a damaged one throws at the point where the good data ends.
 */
final class GzipMembers extends InputStream {
    private final BufferedInputStream raw;
    private InputStream member;
    private boolean ended;

    GzipMembers(InputStream stored) throws IOException {
        this.raw = new BufferedInputStream(stored, 1 << 16);
        this.member = new GzipCompressorInputStream(raw, false);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n = member.read(b, off, len);
            if (n > 0) {
                return n;
            }
            raw.mark(1);
            int next = raw.read();
            if (next == -1) {
                ended = true;
                return -1;
            }
            raw.reset();
            try {
                member = new GzipCompressorInputStream(raw, false);
            } catch (IOException e) {
                ended = true;
                throw new IOException("damaged gzip member after " + "the data read so far (" + e.getMessage() + ")", e);
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
