package org.corpusforge.core.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.source.transcript.SubtitleReader;
import org.corpusforge.core.source.transcript.TsvTranscriptReader;
import org.corpusforge.core.source.web.HtmlFileReader;
import org.corpusforge.core.source.pdf.PdfFileReader;
import org.corpusforge.core.source.web.WarcFileReader;

/**
 * The input formats, one line each: the name a configuration gives ({@code format:}, {@code --input FORMAT:PATH}),
 * the reader, the source kind the format implies, whether the reader takes the file's stored bytes (WARC, whose
 * offsets refer to the file as stored) rather than decompressed ones, the file-name suffixes that say it and how its
 * files begin. Every place that needs the list asks here; {@link Formats} recognises files by these.
 */
public final class InputFormats {
    /**
     * One format. {@code suffixes}: the file names that say it (before any compression suffix); {@code magic}: how
     * its files begin (after a byte-order mark and blank space), or none. {@code internal} ones are chosen by the run
     * (text read line by line), never named by a user.
     */
    public record Format(String name, Supplier<RecordReader> reader, SourceKind source, boolean storedBytes,
                         boolean internal, List<String> suffixes, List<String> magic) {}

    private static final Map<String, Format> FORMATS = new LinkedHashMap<>();

    static {
        add("jsonl", JsonlReader::new, SourceKind.WEB, false, List.of(".jsonl", ".ndjson", ".json"), List.of());
        add("text", () -> new TextFileReader(false), SourceKind.WEB, false, List.of(), List.of());
        add("aozora", () -> new TextFileReader(true), SourceKind.BOOK, false, List.of(), List.of());
        add("html", HtmlFileReader::new, SourceKind.WEB, false,
                List.of(".html", ".htm", ".xhtml", ".xml", ".rdf", ".rss", ".atom"), List.of());
        add("warc", WarcFileReader::new, SourceKind.WEB, true, List.of(".warc", ".wet", ".arc"),
                List.of("WARC/", "filedesc://"));
        add("tsv", () -> new TsvTranscriptReader(false), SourceKind.TRANSCRIPT, false, List.of(".tsv"), List.of());
        add("segments", () -> new TsvTranscriptReader(true), SourceKind.TRANSCRIPT, false, List.of(), List.of());
        add("srt", () -> new SubtitleReader(false), SourceKind.TRANSCRIPT, false, List.of(".srt"), List.of());
        add("vtt", () -> new SubtitleReader(true), SourceKind.TRANSCRIPT, false, List.of(".vtt"), List.of("WEBVTT"));
        // lambdas, not constructor references: Parquet and Arrow are Spark's jars, loaded only when such a file is read
        add("parquet", () -> new ParquetRowReader(), SourceKind.WEB, true, List.of(".parquet"), List.of("PAR1"));
        add("arrow", () -> new ArrowStreamRowReader(), SourceKind.WEB, false, List.of(".arrow"), List.of());
        add("pdf", PdfFileReader::new, SourceKind.WEB, false, List.of(".pdf"), List.of("%PDF-"));
        FORMATS.put("text-lines", new Format("text-lines", TextLineReader::new, SourceKind.WEB, false, true,
                List.of(), List.of()));
    }

    private InputFormats() {}

    private static void add(String name, Supplier<RecordReader> reader, SourceKind source, boolean storedBytes,
                            List<String> suffixes, List<String> magic) {
        FORMATS.put(name, new Format(name, reader, source, storedBytes, false, suffixes, magic));
    }

    /** Every format, in the order above. */
    public static java.util.Collection<Format> all() {
        return FORMATS.values();
    }

    /** The names a user may give, in the order README lists them. */
    public static List<String> names() {
        return FORMATS.values().stream().filter(f -> !f.internal()).map(Format::name).toList();
    }

    /** @throws IllegalArgumentException for a name no format has */
    public static Format get(String name) {
        Format format = FORMATS.get(name);
        if (format == null) {
            throw new IllegalArgumentException("no reader for format " + name);
        }
        return format;
    }
}
