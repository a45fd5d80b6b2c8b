package org.corpusforge.core.source;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.corpusforge.core.model.SourceKind;

/**
 * Recognises an input file's format: from its name where the name is specific, else from its first bytes
 * (after decompression), by what the registered formats say of themselves (suffixes, marks, shapes). {@code .txt} says little, so text files are always sniffed: Aozora Bunko files
 * are {@code .txt} too.
 */
public final class Formats {
    /** How many leading bytes {@link #fromBytes} looks at. */
    public static final int SNIFF_BYTES = 16 * 1024;

    private Formats() {}

    /** The format a file name implies, or null when the name does not say. */
    public static String fromName(String uri) {
        String name = Compression.stripCompressionSuffix(uri.toLowerCase(Locale.ROOT));
        for (InputFormat format : InputFormats.all()) {
            for (String suffix : format.suffixes()) {
                if (name.endsWith(suffix)) {
                    return format.name();
                }
            }
        }
        return null;
    }

    /** A file's first bytes as the formats look at them. */
    public static InputFormat.FileHead head(byte[] head, int length) {
        String ascii = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String trimmed = ascii.startsWith("\u00EF\u00BB\u00BF") ? ascii.substring(3) : ascii;
        return new InputFormat.FileHead(head, length, trimmed, trimmed.stripLeading());
    }

    /** The format the first bytes of a (decompressed) file show; {@code text} when nothing more specific. */
    public static String fromBytes(byte[] head, int length) {
        InputFormat.FileHead file = head(head, length);
        // the formats whose files begin with a mark of their own, then those recognised by their shape
        for (InputFormat format : InputFormats.all()) {
            for (String magic : format.magic()) {
                if (file.start().startsWith(magic)) {
                    return format.name();
                }
            }
        }
        return InputFormats.all().stream().filter(f -> f.shapeRank() < Integer.MAX_VALUE)
                .sorted(java.util.Comparator.comparingInt(InputFormat::shapeRank))
                .filter(f -> f.hasShape(file)).map(InputFormat::name).findFirst().orElse("text");
    }

    /** The source kind a format implies when the input does not say. */
    public static SourceKind defaultSource(String format) {
        return format == null ? SourceKind.WEB : InputFormats.get(format).source();
    }
}
