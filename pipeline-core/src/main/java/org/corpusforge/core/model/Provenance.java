package org.corpusforge.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a document was read from: the input file, the record inside it, and the file's checksum,
 * so that any training document can be traced back to the exact bytes it came from.
 */
public final class Provenance implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String sourceUri;
    private final String locator;
    private final String sourceSha256;

    public Provenance(String sourceUri, String locator, String sourceSha256) {
        this.sourceUri = Objects.requireNonNull(sourceUri, "sourceUri");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.sourceSha256 = sourceSha256;
    }

    public String sourceUri() { return sourceUri; }

    /** The record inside the file, e.g. {@code line:12} or {@code offset:4096}, or {@code file} for whole-file records. */
    public String locator() { return locator; }

    public String sourceSha256() { return sourceSha256; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && sourceUri.equals(p.sourceUri) && locator.equals(p.locator)
                && Objects.equals(sourceSha256, p.sourceSha256);
    }

    @Override
    public int hashCode() { return Objects.hash(sourceUri, locator, sourceSha256); }

    @Override
    public String toString() { return sourceUri + "@" + locator; }
}
