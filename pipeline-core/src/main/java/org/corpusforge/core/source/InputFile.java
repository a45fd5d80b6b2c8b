package org.corpusforge.core.source;

import java.io.Serializable;
import org.corpusforge.core.model.SourceKind;

/**
 * One file matched by an input, with what the run learned about it: its size and checksum (before reading),
 * and its format (configured, or recognised from its name or first bytes when the task opens it).
 *
 * @param uri          the fully qualified location, e.g. {@code file:/data/a.jsonl.gz} or {@code s3a://b/a.jsonl.gz}
 * @param relativePath the path below the input's base directory, used in location-based ids so that they do
 *                     not depend on where the data happens to be mounted
 * @param format       one of {@link InputSpec#FORMATS}, or null while not yet known
 * @param problem      why the path matched but must not be opened ({@code not-a-regular-file} for a FIFO, socket
 *                     or device, which would block or never end; {@code symlink-loop}; {@code dangling-link};
 *                     {@code unlistable}), or null for a file to read. Such a path is one quarantined record.
 */
public record InputFile(String uri, String relativePath, InputSpec spec, long bytes, String sha256, String format,
                        String problem) implements Serializable {

    public InputFile(String uri, String relativePath, InputSpec spec, long bytes, String sha256) {
        this(uri, relativePath, spec, bytes, sha256,
                InputSpec.AUTO.equals(spec.format()) ? Formats.fromName(uri) : spec.format(), null);
    }

    /** A matched path that is not a readable file, with the reason it is not. */
    public static InputFile unreadable(String uri, String relativePath, InputSpec spec, String problem) {
        return new InputFile(uri, relativePath, spec, 0, null,
                InputSpec.AUTO.equals(spec.format()) ? Formats.fromName(uri) : spec.format(), problem);
    }

    public InputFile withChecksum(long size, String checksum) {
        return new InputFile(uri, relativePath, spec, size, checksum, format, problem);
    }

    public InputFile withFormat(String resolved) {
        return new InputFile(uri, relativePath, spec, bytes, sha256, resolved, problem);
    }

    /** Whether the file can be opened and read; see {@link #problem()}. */
    public boolean readable() {
        return problem == null;
    }

    /** The name documents of this file are known by: {@code <input name>/<relative path>}. */
    public String idPrefix() {
        return spec.name() + "/" + relativePath;
    }

    /** The configured source kind, or the one the format implies (web pages, books, transcripts). */
    public SourceKind source() {
        return spec.source() != null ? spec.source() : Formats.defaultSource(format);
    }
}
