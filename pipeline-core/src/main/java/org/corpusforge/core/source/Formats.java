package org.corpusforge.core.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.corpusforge.core.model.SourceKind;

/**
 * Recognises an input file's format: from its name where the name is specific, else from its first bytes
 * (after decompression). {@code .txt} says little, so text files are always sniffed: Aozora Bunko files
 * are {@code .txt} too.
 */
public final class Formats {
    /** How many leading bytes {@link #fromBytes} looks at. */
    public static final int SNIFF_BYTES = 16 * 1024;
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Pattern AOZORA_RUBY = Pattern.compile("\\p{IsHan}《\\p{IsHiragana}+》");
    private static final Pattern SRT_START = Pattern.compile("\\A\\s*\\d+\\s*\\r?\\n\\s*\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3}\\s*-->");

    private Formats() {}

    /** The format a file name implies, or null when the name does not say. */
    public static String fromName(String uri) {
        String name = Compression.stripCompressionSuffix(uri.toLowerCase(Locale.ROOT));
        for (InputFormats.Format format : InputFormats.all()) {
            for (String suffix : format.suffixes()) {
                if (name.endsWith(suffix)) {
                    return format.name();
                }
            }
        }
        return null;
    }

    /** The format the first bytes of a (decompressed) file show; {@code text} when nothing more specific. */
    public static String fromBytes(byte[] head, int length) {
        String ascii = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String trimmed = ascii.startsWith("\u00EF\u00BB\u00BF") ? ascii.substring(3) : ascii;
        String start = trimmed.stripLeading();
        // the formats whose files begin with a mark of their own, then those recognised by their shape
        for (InputFormats.Format format : InputFormats.all()) {
            for (String magic : format.magic()) {
                if (start.startsWith(magic)) {
                    return format.name();
                }
            }
        }
        if (SRT_START.matcher(trimmed).find()) {
            return "srt";
        }
        if (start.startsWith("{")) {
            return "jsonl";
        }
        if (start.startsWith("<")) {
            return "html";
        }
        if (looksLikeAozora(head, length)) {
            return "aozora";
        }
        return "text";
    }

    /** Aozora Bunko files carry a notice about their markup, the markup itself (ruby, notes) or their footer. */
    private static boolean looksLikeAozora(byte[] head, int length) {
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, WINDOWS_31J}) {
            String text = new String(head, 0, length, cs);
            if (text.contains("【テキスト中に現れる記号について】") || text.contains("［＃") || text.contains("底本：")
                    || AOZORA_RUBY.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** The source kind a format implies when the input does not say. */
    public static SourceKind defaultSource(String format) {
        return format == null ? SourceKind.WEB : InputFormats.get(format).source();
    }
}
