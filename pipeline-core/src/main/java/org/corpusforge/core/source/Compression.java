package org.corpusforge.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Opens compressed inputs by file name; the readers only ever see the decompressed bytes. */
public final class Compression {
    private Compression() {}

    public static InputStream open(InputStream raw, String fileName) throws IOException {
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            // GZIPInputStream also reads concatenated members, as written by many crawlers
            return new GZIPInputStream(raw, 1 << 16);
        }
        return raw;
    }

    static String stripCompressionSuffix(String lowerCaseName) {
        return lowerCaseName.endsWith(".gz") ? lowerCaseName.substring(0, lowerCaseName.length() - 3) : lowerCaseName;
    }
}
