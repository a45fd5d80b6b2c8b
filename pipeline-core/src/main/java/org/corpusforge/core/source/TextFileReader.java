package org.corpusforge.core.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corpusforge.core.config.InputSpec;
import org.corpusforge.core.config.InputSpec.TextOptions;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * Plain text, in UTF-8 or a legacy encoding ({@code encoding: auto} detects it; see {@link CharsetSniffer}).
 * With {@code unit: file} the whole file is one document; with {@code unit: line} every non-blank line is one,
 * optionally picked apart by {@code line_pattern} (named groups {@code text} and, optionally, {@code id}),
 * which lets simple "ID:sentence" lists be read without a converter.
 *
 * <p>Aozora Bunko files are read the same way as whole files, with windows-31j tried before detection, and are
 * marked {@code markup=aozora} so that the {@code aozora} stage removes their markup before normalisation.
 */
final class TextFileReader implements RecordReader {
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private final boolean aozora;

    TextFileReader(boolean aozora) {
        this.aozora = aozora;
    }

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        TextOptions options = file.spec().text();
        return "line".equals(options.unit()) && !aozora
                ? byLine(in, file, options.compiledPattern())
                : wholeFile(in, file);
    }

    private Iterator<Outcome> wholeFile(InputStream in, InputFile file) {
        return new LazyOutcomes(file) {
            private boolean read;

            @Override
            protected Outcome computeNext() throws IOException {
                if (read) {
                    return null;
                }
                read = true;
                long max = file.spec().maxRecordBytes();
                byte[] bytes = in.readNBytes((int) max + 1);
                if (bytes.length == 0) {
                    return null;
                }
                Provenance provenance = new Provenance(file.uri(), "file", file.sha256());
                if (bytes.length > max) {
                    return Outcome.unreadable(file.idPrefix(), file.source(), provenance, "record-too-large",
                            "the file is larger than max_record_bytes (" + max + ")", null);
                }
                CharsetSniffer.Decoded decoded = decode(bytes, file);
                if (decoded == null) {
                    return Outcome.unreadable(file.idPrefix(), file.source(), provenance, "undecodable",
                            "no charset decodes the bytes" + configured(file), StrictUtf8.lenient(bytes));
                }
                return Outcome.kept(new Document(file.idPrefix(), decoded.text(), file.source(), provenance,
                        metadata(file, decoded)));
            }

            @Override
            protected String currentLocator() {
                return "file";
            }
        };
    }

    private CharsetSniffer.Decoded decode(byte[] bytes, InputFile file) {
        String encoding = file.spec().encoding();
        if (!InputSpec.AUTO.equals(encoding)) {
            Charset cs = CharsetSniffer.charset(encoding);
            String text = CharsetSniffer.strict(bytes, cs);
            return text == null ? null : new CharsetSniffer.Decoded(text, cs.name(), "configured");
        }
        if (aozora) {
            String utf8 = CharsetSniffer.strict(bytes, java.nio.charset.StandardCharsets.UTF_8);
            if (utf8 != null) {
                return new CharsetSniffer.Decoded(utf8, "UTF-8", "detected");
            }
            String sjis = CharsetSniffer.strict(bytes, WINDOWS_31J);
            if (sjis != null) {
                return new CharsetSniffer.Decoded(sjis, WINDOWS_31J.name(), "aozora-default");
            }
        }
        return CharsetSniffer.decode(bytes, null);
    }

    private static String configured(InputFile file) {
        return InputSpec.AUTO.equals(file.spec().encoding()) ? "" : " as " + file.spec().encoding();
    }

    private Iterator<Outcome> byLine(InputStream raw, InputFile file, Pattern pattern) {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        ByteLineReader lines = new ByteLineReader(in, (int) file.spec().maxRecordBytes());
        return new LazyOutcomes(file) {
            private Charset charset;
            private String charsetSource;

            @Override
            protected Outcome computeNext() throws IOException {
                if (charset == null) {
                    chooseCharset();
                }
                byte[] raw;
                while ((raw = lines.next()) != null) {
                    long line = lines.lineNumber();
                    String locationId = file.idPrefix() + ":" + line;
                    Provenance provenance = new Provenance(file.uri(), "line:" + line, file.sha256());
                    if (lines.lastLineTooLong()) {
                        return Outcome.unreadable(locationId, file.source(), provenance, "record-too-large",
                                "line longer than max_record_bytes (" + file.spec().maxRecordBytes() + ")", null);
                    }
                    String text = CharsetSniffer.strict(raw, charset);
                    if (text == null) {
                        return Outcome.unreadable(locationId, file.source(), provenance,
                                charset.name().equals("UTF-8") ? "invalid-utf8" : "undecodable",
                                "not valid " + charset.name() + ": " + StrictUtf8.describeError(raw),
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
                        if (!m.find()) {
                            return Outcome.unreadable(locationId, file.source(), provenance,
                                    "line-pattern-mismatch", "line does not match " + pattern.pattern(), text);
                        }
                        if (pattern.pattern().contains("(?<id>") && m.group("id") != null) {
                            id = file.spec().name() + "/" + m.group("id");
                        }
                        text = m.group("text") == null ? "" : m.group("text");
                    }
                    return Outcome.kept(new Document(id, text, file.source(), provenance,
                            metadata(file, new CharsetSniffer.Decoded(text, charset.name(), charsetSource))));
                }
                return null;
            }

            /** Decides the charset once, from the start of the file cut at a line end, then decodes lines with it. */
            private void chooseCharset() throws IOException {
                String encoding = file.spec().encoding();
                if (!InputSpec.AUTO.equals(encoding)) {
                    charset = CharsetSniffer.charset(encoding);
                    charsetSource = "configured";
                    return;
                }
                in.mark(Formats.SNIFF_BYTES * 4);
                byte[] head = in.readNBytes(Formats.SNIFF_BYTES * 4);
                in.reset();
                int end = head.length;
                if (end == head.length && end == Formats.SNIFF_BYTES * 4) {
                    while (end > 0 && head[end - 1] != '\n') {
                        end--;
                    }
                }
                byte[] cut = java.util.Arrays.copyOf(head, end == 0 ? head.length : end);
                CharsetSniffer.Decoded decoded = CharsetSniffer.decode(cut, null);
                charset = decoded == null ? java.nio.charset.StandardCharsets.UTF_8 : Charset.forName(decoded.charset());
                charsetSource = decoded == null ? "default" : decoded.method();
            }

            @Override
            protected String currentLocator() {
                return "line:" + (lines.lineNumber() + 1);
            }
        };
    }

    private Metadata metadata(InputFile file, CharsetSniffer.Decoded decoded) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("charset", decoded.charset());
        attributes.put("charset_source", decoded.method());
        if (aozora || "aozora".equals(file.spec().markup())) {
            attributes.put("markup", "aozora");
        }
        return new Metadata(null, null, null, file.spec().license(), attributes);
    }
}
