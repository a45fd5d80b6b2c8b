package org.corpusforge.core.source;

import java.io.Serializable;
import java.util.Locale;
import org.corpusforge.core.config.InputSpec;

/**
 * One file matched by an input, with what the run learned about it before reading: its size and checksum.
 *
 * @param uri          the fully qualified location, e.g. {@code file:/data/a.jsonl.gz} or {@code s3a://b/a.jsonl.gz}
 * @param relativePath the path below the input's base directory, used in location-based ids so that they do
 *                     not depend on where the data happens to be mounted
 */
public record InputFile(String uri, String relativePath, InputSpec spec, long bytes, String sha256)
        implements Serializable {

    public InputFile withChecksum(long size, String checksum) {
        return new InputFile(uri, relativePath, spec, size, checksum);
    }

    /** The name documents of this file are known by: {@code <input name>/<relative path>}. */
    public String idPrefix() {
        return spec.name() + "/" + relativePath;
    }

    /** jsonl or text: the configured format, or the one the file name implies. */
    public String format() {
        if (!InputSpec.AUTO.equals(spec.format())) {
            return spec.format();
        }
        String name = Compression.stripCompressionSuffix(uri.toLowerCase(Locale.ROOT));
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") ? "jsonl" : "text";
    }
}
