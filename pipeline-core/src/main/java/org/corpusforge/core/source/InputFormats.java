package org.corpusforge.core.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.source.transcript.SubtitleReader;
import org.corpusforge.core.source.transcript.TsvTranscriptReader;
import org.corpusforge.core.source.web.HtmlFileReader;
import org.corpusforge.core.source.web.WarcFileReader;

/**
 * The input formats, one line each: the name a configuration gives ({@code format:}, {@code --input FORMAT:PATH}),
 * the reader, the source kind the format implies, and whether the reader takes the file's stored bytes (WARC, whose
 * offsets refer to the file as stored) rather than decompressed ones. Every place that needs the list asks here.
 */
public final class InputFormats {
    /** One format. {@code internal} ones are chosen by the run (text read line by line), never named by a user. */
    public record Format(String name, Supplier<RecordReader> reader, SourceKind source, boolean storedBytes,
                         boolean internal) {}

    private static final Map<String, Format> FORMATS = new LinkedHashMap<>();

    static {
        add(new Format("jsonl", JsonlReader::new, SourceKind.WEB, false, false));
        add(new Format("text", () -> new TextFileReader(false), SourceKind.WEB, false, false));
        add(new Format("aozora", () -> new TextFileReader(true), SourceKind.BOOK, false, false));
        add(new Format("html", HtmlFileReader::new, SourceKind.WEB, false, false));
        add(new Format("warc", WarcFileReader::new, SourceKind.WEB, true, false));
        add(new Format("tsv", () -> new TsvTranscriptReader(false), SourceKind.TRANSCRIPT, false, false));
        add(new Format("segments", () -> new TsvTranscriptReader(true), SourceKind.TRANSCRIPT, false, false));
        add(new Format("srt", () -> new SubtitleReader(false), SourceKind.TRANSCRIPT, false, false));
        add(new Format("vtt", () -> new SubtitleReader(true), SourceKind.TRANSCRIPT, false, false));
        // lambdas, not constructor references: Parquet and Arrow are Spark's jars, loaded only when such a file is read
        add(new Format("parquet", () -> new ParquetRowReader(), SourceKind.WEB, true, false));
        add(new Format("arrow", () -> new ArrowStreamRowReader(), SourceKind.WEB, false, false));
        add(new Format("pdf", org.corpusforge.core.source.pdf.PdfFileReader::new, SourceKind.WEB, false, false));
        add(new Format("text-lines", TextLineReader::new, SourceKind.WEB, false, true));
    }

    private InputFormats() {}

    private static void add(Format format) {
        FORMATS.put(format.name(), format);
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
