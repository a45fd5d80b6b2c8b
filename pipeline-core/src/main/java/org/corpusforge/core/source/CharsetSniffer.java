package org.corpusforge.core.source;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes bytes of unknown encoding, deciding the charset in this order: the HTTP {@code Content-Type} header,
 * a byte-order mark, a {@code <meta charset>}, {@code http-equiv} or XML declaration in the first 4 KB, then
 * detection (ISO-2022-JP escapes, valid UTF-8, ICU's detector). A declared charset that does not decode the
 * bytes is not trusted; the next candidate is tried. A Latin-1 label (a common server default) is tried only
 * after detection when the bytes are not ASCII; UTF-16 and UTF-32 are never guessed, only declared or marked by a BOM. The whole input is always decoded at once, so a
 * multi-byte character is never cut. Shift_JIS and its aliases decode as windows-31j (CP932), the superset
 * Japanese web pages and Aozora Bunko actually use.
 */
public final class CharsetSniffer {
    /** How much of the start is searched for an in-document declaration. */
    private static final int DECLARATION_WINDOW = 4096;
    /** A lossy decode is accepted when at most this share of characters had to be replaced. */
    private static final double MAX_REPLACED = 0.001;
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([a-z0-9_:.\\-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_ENCODING = Pattern.compile(
            "^\\s*<\\?xml[^>]+encoding\\s*=\\s*[\"']([a-z0-9_:.\\-]+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_CHARSET = Pattern.compile(
            "charset\\s*=\\s*[\"']?([a-z0-9_:.\\-]+)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> ALIASES = Map.of(
            "shift_jis", "windows-31j", "shift-jis", "windows-31j", "sjis", "windows-31j", "x-sjis", "windows-31j",
            "ms_kanji", "windows-31j", "csshiftjis", "windows-31j", "cp932", "windows-31j", "ms932", "windows-31j",
            "x-euc-jp", "EUC-JP", "gb2312", "GBK");

    private static final java.util.Set<String> JAPANESE = java.util.Set.of("Shift_JIS", "EUC-JP", "ISO-2022-JP");
    /** How far below the detector's best guess a Japanese charset may be and still be tried first. */
    private static final int JAPANESE_MARGIN = 15;
    private static final java.util.Set<String> LATIN = java.util.Set.of("ISO-8859-1", "windows-1252", "US-ASCII");

    /** Text and how its charset was decided. */
    public record Decoded(String text, String charset, String method) {}

    private CharsetSniffer() {}

    /**
     * @param bytes       the document
     * @param contentType the HTTP {@code Content-Type} value, or null
     * @return the decoded text, or null when no candidate decodes the bytes, even lossily
     */
    public static Decoded decode(byte[] bytes, String contentType) {
        Map<Charset, String> declared = declared(bytes, contentType);
        // servers label pages ISO-8859-1 by default; such a label says nothing about non-ASCII bytes
        boolean latinLabel = !declared.isEmpty() && LATIN.contains(declared.keySet().iterator().next().name())
                && hasHighBytes(bytes);
        if (!latinLabel) {
            Decoded d = firstStrict(bytes, declared);
            if (d != null) {
                return d;
            }
        }
        // detection is the expensive step, so it runs only when no declaration decodes the bytes
        Map<Charset, String> detected = new LinkedHashMap<>();
        for (String name : detect(bytes)) {
            add(detected, name, "detected");
        }
        Decoded d = firstStrict(bytes, detected);
        if (d == null && latinLabel) {
            d = firstStrict(bytes, declared);
        }
        if (d != null) {
            return d;
        }
        Map<Charset, String> all = new LinkedHashMap<>(declared);
        detected.forEach(all::putIfAbsent);
        for (Map.Entry<Charset, String> c : all.entrySet()) {
            String text = new String(bytes, c.getKey());
            long replaced = text.chars().filter(ch -> ch == '\uFFFD').count();
            if (replaced <= Math.max(1, MAX_REPLACED * text.length())) {
                return new Decoded(stripBom(text), c.getKey().name(), c.getValue() + "-lossy");
            }
        }
        return null;
    }

    /**
     * Decodes with the configured encoding of an input ({@code auto}: {@link #decode(byte[], String)}); a configured
     * encoding is applied strictly, and null means the bytes are not valid in it.
     */
    public static Decoded decode(byte[] bytes, String contentType, String configuredEncoding) {
        if (configuredEncoding == null || "auto".equals(configuredEncoding)) {
            return decode(bytes, contentType);
        }
        Charset cs = charset(configuredEncoding);
        String text = cs == null ? null : strict(bytes, cs);
        return text == null ? null : new Decoded(stripBom(text), cs.name(), "configured");
    }

    /** Charsets the bytes or their HTTP header declare, in order of trust. */
    private static Map<Charset, String> declared(byte[] bytes, String contentType) {
        Map<Charset, String> candidates = new LinkedHashMap<>();
        if (contentType != null) {
            Matcher m = HEADER_CHARSET.matcher(contentType);
            if (m.find()) {
                add(candidates, m.group(1), "http-header");
            }
        }
        Charset bom = bom(bytes);
        if (bom != null) {
            candidates.putIfAbsent(bom, "bom");
        }
        String head = new String(bytes, 0, Math.min(bytes.length, DECLARATION_WINDOW), StandardCharsets.ISO_8859_1);
        Matcher xml = XML_ENCODING.matcher(head);
        if (xml.find()) {
            add(candidates, xml.group(1), "xml-declaration");
        }
        Matcher meta = META_CHARSET.matcher(head);
        if (meta.find()) {
            add(candidates, meta.group(1), "meta");
        }
        return candidates;
    }

    private static Decoded firstStrict(byte[] bytes, Map<Charset, String> candidates) {
        for (Map.Entry<Charset, String> c : candidates.entrySet()) {
            String text = strict(bytes, c.getKey());
            if (text != null) {
                return new Decoded(stripBom(text), c.getKey().name(), c.getValue());
            }
        }
        return null;
    }

    /** The charset a name stands for, with the Japanese aliases applied; null when unknown. */
    public static Charset charset(String name) {
        String mapped = ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
        try {
            return Charset.forName(mapped);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /** Decodes strictly; null when the bytes are not valid in that charset. */
    public static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void add(Map<Charset, String> candidates, String name, String method) {
        Charset cs = charset(name);
        if (cs != null) {
            candidates.putIfAbsent(cs, method);
        }
    }

    private static List<String> detect(byte[] bytes) {
        List<String> names = new ArrayList<>();
        boolean highBytes = false;
        boolean escape = false;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] < 0) {
                highBytes = true;
                break;
            }
            if (bytes[i] == 0x1B && (bytes[i + 1] == '$' || bytes[i + 1] == '(')) {
                escape = true;
            }
        }
        if (!highBytes && escape) {
            names.add("ISO-2022-JP");
        }
        names.add("UTF-8");
        try {
            CharsetMatch[] matches = new CharsetDetector().setText(bytes).detectAll();
            int top = matches.length == 0 ? 0 : matches[0].getConfidence();
            // a Japanese corpus tool: on short or ambiguous input, a Japanese charset close to the top wins
            for (CharsetMatch match : matches) {
                if (JAPANESE.contains(match.getName()) && match.getConfidence() >= Math.max(10, top - JAPANESE_MARGIN)) {
                    names.add(match.getName());
                }
            }
            for (CharsetMatch match : matches) {
                // UTF-16 and UTF-32 only from a byte-order mark or a declaration: almost any even-length byte
                // string decodes strictly as UTF-16, so a file mixing UTF-8 and Shift_JIS came out as plausible
                // kanji with no replacement character at all
                if (match.getConfidence() >= 10 && !match.getName().startsWith("UTF-16")
                        && !match.getName().startsWith("UTF-32")) {
                    names.add(match.getName());
                }
            }
        } catch (RuntimeException e) {
            // the detector is a heuristic; when it fails, the candidates before it still stand
        }
        return names;
    }

    private static boolean hasHighBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static Charset bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
