package org.corpusforge.core.source;

import java.io.InputStream;
import java.util.Iterator;
import org.corpusforge.core.source.transcript.SubtitleReader;
import org.corpusforge.core.source.transcript.TsvTranscriptReader;
import org.corpusforge.core.source.web.HtmlFileReader;
import org.corpusforge.core.source.web.WarcFileReader;
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

    /** Whether the reader wants the stored bytes rather than decompressed ones. */
    static boolean readsStoredBytes(String format) {
        return "warc".equals(format);
    }

    /** The reader for a file's (resolved) format. */
    static RecordReader forFormat(String format) {
        return switch (format) {
            case "jsonl" -> new JsonlReader();
            case "text" -> new TextFileReader(false);
            case "text-lines" -> new TextLineReader();
            case "aozora" -> new TextFileReader(true);
            case "html" -> new HtmlFileReader();
            case "warc" -> new WarcFileReader();
            case "tsv" -> new TsvTranscriptReader(false);
            case "segments" -> new TsvTranscriptReader(true);
            case "srt" -> new SubtitleReader(false);
            case "vtt" -> new SubtitleReader(true);
            default -> throw new IllegalArgumentException("no reader for format " + format);
        };
    }
}
