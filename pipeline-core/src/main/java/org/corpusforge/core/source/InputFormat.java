package org.corpusforge.core.source;

import java.util.List;
import java.util.function.Supplier;
import org.corpusforge.core.model.SourceKind;

/**
 * An input format, all of it in one place: the name a configuration gives ({@code format:},
 * {@code --input FORMAT:PATH}), its reader, the source kind it implies, whether the reader takes the file's stored
 * bytes (WARC, whose offsets refer to the file as stored) rather than decompressed ones, the file-name suffixes that
 * say it, how its files begin (a mark of their own), or, for a format with no mark, its shape. A format is registered
 * by one line in {@code META-INF/services/org.corpusforge.core.source.InputFormat}; {@link InputFormats} is the list.
 */
public abstract class InputFormat {
    /** A file's first bytes ({@link Formats#SNIFF_BYTES}), and as text: without a byte-order mark, and stripped too. */
    public record FileHead(byte[] bytes, int length, String trimmed, String start) {}

    private final String name;
    private final Supplier<RecordReader> reader;
    private final SourceKind source;
    private final boolean storedBytes;
    private final boolean internal;
    private final List<String> suffixes;
    private final List<String> magic;

    /**
     * @param suffixes the file names that say it (before any compression suffix)
     * @param magic    how its files begin (after a byte-order mark and blank space), or none
     * @param internal chosen by the run (text read line by line), never named by a user
     */
    protected InputFormat(String name, Supplier<RecordReader> reader, SourceKind source, boolean storedBytes,
                          boolean internal, List<String> suffixes, List<String> magic) {
        this.name = name;
        this.reader = reader;
        this.source = source;
        this.storedBytes = storedBytes;
        this.internal = internal;
        this.suffixes = suffixes;
        this.magic = magic;
    }

    public final String name() {
        return name;
    }

    /** Makes a reader (one per file). */
    public final Supplier<RecordReader> reader() {
        return reader;
    }

    public final SourceKind source() {
        return source;
    }

    public final boolean storedBytes() {
        return storedBytes;
    }

    public final boolean internal() {
        return internal;
    }

    public final List<String> suffixes() {
        return suffixes;
    }

    public final List<String> magic() {
        return magic;
    }

    /**
     * Where a format known by its shape rather than a mark is tried, lowest first, once no format's mark matched:
     * never, by default. (An SRT file may hold a {@code <} tag; an HTML page may hold Aozora's ruby.)
     */
    public int shapeRank() {
        return Integer.MAX_VALUE;
    }

    /** Whether a file beginning like this has the format's shape; asked only when {@link #shapeRank} says so. */
    public boolean hasShape(FileHead head) {
        return false;
    }
}
