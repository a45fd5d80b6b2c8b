package org.corpusforge.core.source.web;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;
import org.brotli.dec.BrotliInputStream;
import org.netpreserve.jwarc.MessageHeaders;

/**
 * An HTTP payload with its {@code Content-Encoding}s undone, streamed (the caller bounds how much it reads, so a
 * payload that decompresses without end is never held). Codings are undone in the reverse of the order they are
 * listed. {@code deflate} is read both as RFC 9110 says (a zlib stream) and as many servers send it (raw DEFLATE),
 * told apart by the zlib header; {@code br} with Google's Brotli decoder; {@code zstd} where zstd-jni is present
 * (Spark ships it).
 */
final class ContentDecoding {
    /** A coding this reader cannot undo: the record is quarantined with the coding's name. */
    static final class UnsupportedCoding extends IOException {
        final String coding;

        UnsupportedCoding(String coding) {
            super("Content-Encoding not supported: " + coding);
            this.coding = coding;
        }
    }

    private ContentDecoding() {}

    /** The codings named by the headers, in the order they were applied; identity dropped, lower case. */
    static List<String> codings(MessageHeaders headers) {
        List<String> codings = new ArrayList<>();
        for (String value : headers.all("Content-Encoding")) {
            for (String part : value.split(",")) {
                String coding = part.strip().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty() && !coding.equals("identity") && !coding.equals("none")) {
                    codings.add(coding);
                }
            }
        }
        return codings;
    }

    static InputStream decode(InputStream body, List<String> codings) throws IOException {
        InputStream in = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            in = undo(codings.get(i), in);
        }
        return in;
    }

    private static InputStream undo(String coding, InputStream in) throws IOException {
        return switch (coding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(in, 8192);
            case "br" -> new BrotliInputStream(in);
            case "deflate" -> deflate(in);
            case "zstd" -> {
                if (!ZstdUtils.isZstdCompressionAvailable()) {
                    throw new UnsupportedCoding(coding);
                }
                yield new ZstdCompressorInputStream(in);
            }
            default -> throw new UnsupportedCoding(coding);
        };
    }

    /** zlib-wrapped (CMF byte with method 8, header checksum a multiple of 31) or raw DEFLATE. */
    private static InputStream deflate(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        buffered.mark(2);
        int cmf = buffered.read();
        int flg = buffered.read();
        buffered.reset();
        boolean zlib = cmf >= 0 && flg >= 0 && (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
        return new InflaterInputStream(buffered, new Inflater(!zlib), 8192);
    }
}
