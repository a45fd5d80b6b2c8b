package org.corpusforge.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Opens compressed inputs by file name; the readers only ever see the decompressed bytes. */
public final class Compression {
    private Compression() {}

    public static InputStream open(InputStream raw, String fileName) throws IOException {
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            // a damaged member ends the file with a read-error record after everything before it (GzipMembers)
            return new GzipMembers(raw);
        }
        return raw;
    }

    static String stripCompressionSuffix(String lowerCaseName) {
        return lowerCaseName.endsWith(".gz") ? lowerCaseName.substring(0, lowerCaseName.length() - 3) : lowerCaseName;
    }
}
