package org.corpusforge.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.corpusforge.core.stage.Outcome;

/**
 * Turns the bytes of one input file into records, lazily, one at a time, so that memory stays bounded whatever
 * the file's size (a record over {@code max_record_bytes} is quarantined, not loaded). Every record becomes an
 * outcome: a kept document, a record dropped at {@code read} with its reason (not a document), or a quarantined
 * record with its reason. Readers never throw for bad input; an I/O failure part-way ends the file with one
 * quarantined record saying where.
 */
public interface RecordReader {
    /**
     * @param in the file's bytes: decompressed, except for WARC files, whose reader handles per-record gzip
     *           itself so that record offsets refer to the file as stored
     */
    Iterator<Outcome> read(InputStream in, InputFile file);

    /** Whether the reader wants the file at random ({@link #read(RandomAccessBytes, InputFile)}) instead. */
    default boolean randomAccess() {
        return false;
    }

    /**
     * The records of a file read at random (Parquet, whose footer comes first); the reader closes {@code bytes} when
     * its records are exhausted. Only for readers whose {@link #randomAccess()} is true.
     * @throws IOException when the file cannot be opened as this format at all
     */
    default Iterator<Outcome> read(RandomAccessBytes bytes, InputFile file) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads a stream");
    }
}
