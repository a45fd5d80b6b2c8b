package org.corpusforge.core.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corpusforge.core.text.BoundedPattern;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * A text file with one document per non-blank line ({@code text.unit: line}), optionally picked apart by
 * {@code line_pattern} (named groups {@code text} and, optionally, {@code id}), which lets simple "ID:sentence"
 * lists be read without a converter. The charset is decided once from the start of the file (cut at a line
 * end, so no character is split); each line is then decoded strictly with it.
 */
final class TextLineReader implements RecordReader {

    @Override
    public Iterator<Outcome> read(InputStream raw, InputFile file) {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        ByteLineReader lines = new ByteLineReader(in, (int) file.spec().maxRecordBytes(), true);
        Pattern configured = file.spec().text().compiledPattern();
        BoundedPattern pattern = configured == null ? null : BoundedPattern.of("line_pattern", configured);
        return new LazyOutcomes(file) {
            private CharsetSniffer.Decoded charset;

            @Override
            protected Outcome computeNext() throws IOException {
                if (charset == null) {
                    charset = chooseCharset(in, file);
                }
                Charset cs = Charset.forName(charset.charset());
                byte[] raw;
                while ((raw = lines.next()) != null) {
                    long line = lines.lineNumber();
                    String locationId = file.idPrefix() + ":" + line;
                    Provenance provenance = new Provenance(file.uri(), "line:" + line, file.sha256());
                    if (lines.lastLineTooLong()) {
                        return Outcome.unreadable(locationId, file.source(), provenance, "record-too-large",
                                "line longer than max_record_bytes (" + file.spec().maxRecordBytes() + ")", null);
                    }
                    String text = CharsetSniffer.strict(raw, cs);
                    if (text == null) {
                        return Outcome.unreadable(locationId, file.source(), provenance,
                                cs.equals(StandardCharsets.UTF_8) ? "invalid-utf8" : "undecodable",
                                cs.equals(StandardCharsets.UTF_8) ? StrictUtf8.describeError(raw)
                                        : "not valid " + cs.name() + " (chosen from the start of the file)",
                                StrictUtf8.lenient(raw));
                    }
                    if (line == 1 && text.startsWith("\uFEFF")) {
                        text = text.substring(1);
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    String id = locationId;
                    if (pattern != null) {
                        Matcher m = pattern.matcher(text);
                        boolean found;
                        try {
                            found = m.find();
                        } catch (BoundedPattern.Exceeded e) {
                            return Outcome.unreadable(locationId, file.source(), provenance,
                                    "line-pattern-budget", e.getMessage(), text);
                        }
                        if (!found) {
                            return Outcome.unreadable(locationId, file.source(), provenance,
                                    "line-pattern-mismatch", "line does not match " + configured.pattern(), text);
                        }
                        if (configured.pattern().contains("(?<id>") && m.group("id") != null) {
                            id = file.spec().name() + "/" + m.group("id");
                        }
                        text = m.group("text") == null ? "" : m.group("text");
                    }
                    return Outcome.kept(new Document(id, text, file.source(), provenance,
                            TextFileReader.metadata(file, charset, false)));
                }
                return null;
            }

            @Override
            protected String currentLocator() {
                return "line:" + (lines.lineNumber() + 1);
            }
        };
    }

    private static CharsetSniffer.Decoded chooseCharset(BufferedInputStream in, InputFile file) throws IOException {
        if (!InputSpec.AUTO.equals(file.spec().encoding())) {
            return new CharsetSniffer.Decoded("", CharsetSniffer.charset(file.spec().encoding()).name(), "configured");
        }
        int window = Formats.SNIFF_BYTES * 4;
        in.mark(window);
        byte[] head = in.readNBytes(window);
        in.reset();
        int end = head.length;
        if (head.length == window) {
            while (end > 0 && head[end - 1] != '\n') {
                end--;
            }
        }
        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(Arrays.copyOf(head, end == 0 ? head.length : end), null);
        return decoded != null ? decoded : new CharsetSniffer.Decoded("", "UTF-8", "default");
    }
}
