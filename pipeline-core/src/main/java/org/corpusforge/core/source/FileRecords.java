package org.corpusforge.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * Opens one input file for reading: recognises its format from its first bytes when neither the configuration
 * nor the name decided it, decompresses it unless its reader wants the stored bytes, and closes it when its
 * records are exhausted.
 */
public final class FileRecords {
    /** Opens the file's stored bytes (from any file system); called once, or twice when the format is sniffed. */
    public interface Opener {
        InputStream open() throws IOException;

        /** The file's stored bytes at random, for formats read from their end (Parquet); none by default. */
        default RandomAccessBytes randomAccess() throws IOException {
            throw new IOException("this file can only be read from its start");
        }
    }

    private FileRecords() {}

    /**
     * The file's records, never throwing: a path that must not be opened (see {@link InputFile#problem()}) and a
     * file that cannot be opened (missing, unreadable, not gzip despite its name) are each one quarantined record,
     * {@code the problem} or {@code open-error}. The one way every command reads a file.
     */
    public static Iterator<Outcome> readOrQuarantine(InputFile file, Opener opener) {
        if (!file.readable()) {
            return java.util.List.of(Outcome.unreadable(file.idPrefix(), file.source(),
                    new Provenance(file.uri(), "file", file.sha256()), file.problem(), describe(file.problem()), null))
                    .iterator();
        }
        try {
            return read(file, opener);
        } catch (IOException | RuntimeException e) {
            return java.util.List.of(Outcome.unreadable(file.idPrefix(), file.source(),
                    new Provenance(file.uri(), "file", file.sha256()), "open-error", e.toString(), null)).iterator();
        }
    }

    private static String describe(String problem) {
        return switch (problem) {
            case "not-a-regular-file" -> "a FIFO, socket or device, not a file: not opened (it could block forever)";
            case "symlink-loop" -> "a symbolic link back into a directory being listed: not followed again";
            case "dangling-link" -> "a symbolic link to nothing";
            default -> problem;
        };
    }

    public static Iterator<Outcome> read(InputFile file, Opener opener) throws IOException {
        InputFile resolved = file.format() != null ? file : file.withFormat(sniff(file, opener));
        RecordReader atRandom = InputFormats.get(resolved.format()).reader().get();
        if (atRandom.randomAccess()) {
            return atRandom.read(opener.randomAccess(), resolved);
        }
        InputStream raw = opener.open();
        InputStream in = InputFormats.get(resolved.format()).storedBytes() ? raw : Compression.open(raw, file.uri());
        String readerFormat = "text".equals(resolved.format()) && "line".equals(file.spec().text().unit())
                ? "text-lines" : resolved.format();
        Iterator<Outcome> records = InputFormats.get(readerFormat).reader().get().read(in, resolved);
        return new Iterator<>() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                boolean more = records.hasNext();
                if (!more && !closed) {
                    closed = true;
                    try {
                        in.close();
                    } catch (IOException e) {
                        // everything was read; a failing close loses nothing
                    }
                }
                return more;
            }

            @Override
            public Outcome next() {
                return records.next();
            }
        };
    }

    private static String sniff(InputFile file, Opener opener) throws IOException {
        try (InputStream in = Compression.open(opener.open(), file.uri())) {
            byte[] head = in.readNBytes(Formats.SNIFF_BYTES);
            return Formats.fromBytes(head, head.length);
        }
    }
}
