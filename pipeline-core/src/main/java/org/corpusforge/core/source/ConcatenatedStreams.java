package org.corpusforge.core.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * All the compressed streams of a file, one after another, as crawlers and resharding tools write them (gzip members,
 * zstd frames, bzip2 and xz streams). The decoders' own concatenated modes will not do: the JDK's
 * {@code GZIPInputStream} takes a damaged member header for the end of the file and silently loses the rest,
 * zstd-jni ends quietly at a frame that was cut short, and Commons Compress's concatenated modes throw inside the
 * read call that crossed the boundary, losing the good bytes that call had already decoded. So each stream is read on
 * its own by a decoder that stops at its end, every byte of it is delivered, and only then is the next one opened: a
 * damaged or truncated one throws at the point where the good data ends.
 *
 * <p>Each stream's decoder is closed once it has ended, before the next is opened: zstd-jni's holds its window in
 * native memory, outside the heap, so a small file of many frames would otherwise hold a window per frame. The
 * decoders see the file through a shield that their close does not pass.
 */
final class ConcatenatedStreams extends BlockInputStream {
    /** Opens the decoder of one stream that starts where {@code raw} is, reading no byte past its end. */
    interface Member {
        InputStream open(InputStream raw) throws IOException;
    }

    private final BufferedInputStream raw;
    private final Member opener;
    private final String what;
    private final boolean skipNulPadding;
    private InputStream member;
    private boolean ended;

    /**
     * @param what           what one stream is called in messages ("gzip member", "zstd frame")
     * @param skipNulPadding xz: NUL bytes between streams are padding
     */
    ConcatenatedStreams(InputStream stored, Member opener, String what, boolean skipNulPadding) throws IOException {
        this.raw = new BufferedInputStream(stored, 1 << 16);
        this.opener = opener;
        this.what = what;
        this.skipNulPadding = skipNulPadding;
        this.member = opener.open(shielded());
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
            member.close();
            int next;
            do {
                raw.mark(1);
                next = raw.read();
            } while (skipNulPadding && next == 0);
            if (next == -1) {
                ended = true;
                return -1;
            }
            raw.reset();
            try {
                member = opener.open(shielded());
            } catch (IOException e) {
                ended = true;
                throw new IOException("damaged " + what + " after the data read so far (" + e.getMessage() + ")", e);
            }
        }
        return -1;
    }

    /** The file as a decoder sees it: closing the decoder leaves it open for the next stream. */
    private InputStream shielded() {
        return new java.io.FilterInputStream(raw) {
            @Override
            public void close() {
                // the next stream is read from here
            }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            member.close();
        } finally {
            raw.close();
        }
    }
}
