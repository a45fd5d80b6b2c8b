package org.corpusforge.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corpusforge.core.config.InputSpec.TextOptions;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * Plain UTF-8 text. With {@code unit: file} the whole file is one document; with {@code unit: line} every
 * non-blank line is one, optionally picked apart by {@code line_pattern} (named groups {@code text} and,
 * optionally, {@code id}), which lets simple "ID:sentence" transcript lists be read without a converter.
 */
final class TextFileReader implements RecordReader {

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        TextOptions options = file.spec().text();
        return "line".equals(options.unit()) ? byLine(in, file, options.compiledPattern()) : wholeFile(in, file);
    }

    private static Iterator<Outcome> wholeFile(InputStream in, InputFile file) {
        return new LazyOutcomes(file) {
            private boolean read;

            @Override
            protected Outcome computeNext() throws IOException {
                if (read) {
                    return null;
                }
                read = true;
                byte[] bytes = in.readAllBytes();
                if (bytes.length == 0) {
                    return null;
                }
                Provenance provenance = new Provenance(file.uri(), "file", file.sha256());
                String text = new StrictUtf8().decode(bytes);
                if (text == null) {
                    return Outcome.unreadable(file.idPrefix(), file.spec().source(), provenance, "invalid-utf8",
                            StrictUtf8.describeError(bytes), StrictUtf8.lenient(bytes));
                }
                return Outcome.kept(new Document(file.idPrefix(), text, file.spec().source(), provenance,
                        metadata(file)));
            }

            @Override
            protected String currentLocator() {
                return "file";
            }
        };
    }

    private static Iterator<Outcome> byLine(InputStream in, InputFile file, Pattern pattern) {
        ByteLineReader lines = new ByteLineReader(in);
        StrictUtf8 utf8 = new StrictUtf8();
        return new LazyOutcomes(file) {
            @Override
            protected Outcome computeNext() throws IOException {
                byte[] raw;
                while ((raw = lines.next()) != null) {
                    long line = lines.lineNumber();
                    String locationId = file.idPrefix() + ":" + line;
                    Provenance provenance = new Provenance(file.uri(), "line:" + line, file.sha256());
                    String text = utf8.decode(raw);
                    if (text == null) {
                        return Outcome.unreadable(locationId, file.spec().source(), provenance, "invalid-utf8",
                                StrictUtf8.describeError(raw), StrictUtf8.lenient(raw));
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    String id = locationId;
                    if (pattern != null) {
                        Matcher m = pattern.matcher(text);
                        if (!m.find()) {
                            return Outcome.unreadable(locationId, file.spec().source(), provenance,
                                    "line-pattern-mismatch", "line does not match " + pattern.pattern(), text);
                        }
                        if (pattern.pattern().contains("(?<id>") && m.group("id") != null) {
                            id = file.spec().name() + "/" + m.group("id");
                        }
                        text = m.group("text") == null ? "" : m.group("text");
                    }
                    return Outcome.kept(new Document(id, text, file.spec().source(), provenance, metadata(file)));
                }
                return null;
            }

            @Override
            protected String currentLocator() {
                return "line:" + (lines.lineNumber() + 1);
            }
        };
    }

    private static Metadata metadata(InputFile file) {
        return new Metadata(null, null, null, file.spec().license(), Map.of());
    }
}
