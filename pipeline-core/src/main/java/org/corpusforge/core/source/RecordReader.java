package org.corpusforge.core.source;

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
}
