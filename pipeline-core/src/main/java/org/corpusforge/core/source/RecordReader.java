package org.corpusforge.core.source;

import java.io.InputStream;
import java.util.Iterator;
import org.corpusforge.core.stage.Outcome;

/**
 * Turns the decompressed bytes of one input file into records, lazily, one at a time, so that memory stays
 * bounded whatever the file's size. Every record becomes an outcome: a kept document, or a quarantined
 * record with its reason. Readers never throw for bad input; an I/O failure part-way ends the file with
 * one quarantined record saying where.
 */
public interface RecordReader {
    Iterator<Outcome> read(InputStream in, InputFile file);

    /** The reader for a file's format. */
    static RecordReader forFile(InputFile file) {
        return switch (file.format()) {
            case "jsonl" -> new JsonlReader();
            case "text" -> new TextFileReader();
            default -> throw new IllegalArgumentException("no reader for format " + file.format());
        };
    }
}
