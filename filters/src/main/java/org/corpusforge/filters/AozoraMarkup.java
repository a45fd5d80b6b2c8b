package org.corpusforge.filters;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corpusforge.core.text.BoundedPattern;

/**
 * Turns an Aozora Bunko file's text into plain prose. Must run before NFKC, which would turn {@code ［＃} into
 * {@code [#} and {@code ｜} into {@code |}. In order:
 * <ol>
 *   <li>line breaks unified;</li>
 *   <li>the header (title, author, up to the first blank line) taken off, and with it the notice between dashed
 *       lines that explains the markup (【テキスト中に現れる記号について】);</li>
 *   <li>the footer cut from its last line starting with 底本： (or ［＃本文終わり］);</li>
 *   <li>ruby removed: {@code ｜漢字《かんじ》} and {@code 漢字《かんじ》} become {@code 漢字};</li>
 *   <li>gaiji notes {@code ※［＃…］} replaced by the character when the note gives a Unicode code point or a
 *       JIS X 0213 plane-row-cell, else by 〓 (the geta mark printers use for a missing character);</li>
 *   <li>the kana repeat marks {@code ／＼} and {@code ／″＼} written as 〳〵 and 〴〵;</li>
 *   <li>every other annotation {@code ［＃…］} removed, with any brackets nested in it (an annotation may quote
 *       bracketed text: {@code ［＃「X」は底本では「［てへん＋慥のつくり］えて」と誤植］}); never across a line break
 *       or two annotations. One pass with a stack of open brackets: an unterminated {@code ［＃} (a regular
 *       expression once overflowed its stack on one) costs nothing and is kept as text.</li>
 * </ol>
 * The patterns meet whole books, so they are {@link BoundedPattern}s.
 */
public final class AozoraMarkup {
    private static final Pattern DASHES = Pattern.compile("^-{10,}\\s*$");
    private static final BoundedPattern RUBY_WITH_START = BoundedPattern.compile("ruby", "｜([^｜《》\\n]++)《[^《》\\n]*+》");
    private static final BoundedPattern RUBY = BoundedPattern.compile("ruby", "《[^《》\\n]*+》");
    private static final BoundedPattern GAIJI = BoundedPattern.compile("gaiji", "※［＃([^［］\\n]*+)］");
    private static final Pattern UNICODE = Pattern.compile("U\\+([0-9A-Fa-f]{4,6})");
    private static final Pattern PLANE_ROW_CELL = Pattern.compile("([12])-(\\d{1,2})-(\\d{1,2})");

    /** The plain text, title and author, and how many gaiji notes were resolved. */
    public record Result(String text, String title, String author, int gaijiResolved, int gaijiUnresolved) {}

    public Result clean(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        String[] lines = text.split("\n", -1);
        int bodyStart = 0;
        String title = null;
        String author = null;
        // header: the lines before the first blank line, when it comes early (a title block, not prose)
        int firstBlank = -1;
        for (int i = 0; i < Math.min(lines.length, 8); i++) {
            if (lines[i].isBlank()) {
                firstBlank = i;
                break;
            }
        }
        if (firstBlank > 0) {
            title = lines[0].strip();
            author = firstBlank > 1 ? lines[firstBlank - 1].strip() : null;
            bodyStart = firstBlank + 1;
        }
        bodyStart = skipNotice(lines, bodyStart);
        int bodyEnd = footerStart(lines, bodyStart);
        StringBuilder body = new StringBuilder();
        for (int i = bodyStart; i < bodyEnd; i++) {
            body.append(lines[i]).append('\n');
        }
        String withoutRuby = RUBY.matcher(RUBY_WITH_START.matcher(body).replaceAll("$1")).replaceAll("");
        int[] counts = new int[2];
        String withGaiji = replaceGaiji(withoutRuby, counts);
        String marks = withGaiji.replace("／″＼", "〴〵").replace("／＼", "〳〵");
        return new Result(removeAnnotations(marks).strip(), title, author, counts[0], counts[1]);
    }

    /** Skips blank lines and the dashed notice block that explains the markup, when it starts the body. */
    private static int skipNotice(String[] lines, int from) {
        int i = from;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i < lines.length && DASHES.matcher(lines[i]).matches()) {
            for (int j = i + 1; j < Math.min(lines.length, i + 80); j++) {
                if (DASHES.matcher(lines[j]).matches()) {
                    return j + 1;
                }
            }
        }
        return from;
    }

    private static int footerStart(String[] lines, int bodyStart) {
        for (int i = lines.length - 1; i >= bodyStart; i--) {
            String line = lines[i].strip();
            if (line.startsWith("底本：") || line.startsWith("［＃本文終わり］")) {
                return i;
            }
        }
        return lines.length;
    }

    private static String replaceGaiji(String text, int[] counts) {
        Matcher m = GAIJI.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String character = resolve(m.group(1));
            if (character == null) {
                counts[1]++;
                character = "〓";
            } else {
                counts[0]++;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(character));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(String note) {
        Matcher u = UNICODE.matcher(note);
        if (u.find()) {
            int cp = Integer.parseInt(u.group(1), 16);
            return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
        }
        Matcher p = PLANE_ROW_CELL.matcher(note);
        if (p.find()) {
            return JisX0213.toUnicode(Integer.parseInt(p.group(1)), Integer.parseInt(p.group(2)),
                    Integer.parseInt(p.group(3)));
        }
        return null;
    }

    /** The text without its {@code ［＃…］} annotations and what is bracketed inside them; see the class comment. */
    static String removeAnnotations(String text) {
        StringBuilder out = new StringBuilder(text.length());
        // where each open bracket of the current line starts in out; negative (-start - 1) for an annotation
        int[] open = new int[16];
        int depth = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '［') {
                boolean annotation = i + 1 < n && text.charAt(i + 1) == '＃';
                if (depth == open.length) {
                    open = java.util.Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = annotation ? -out.length() - 1 : out.length();
                out.append(c);
            } else if (c == '］' && depth > 0) {
                int start = open[--depth];
                if (start < 0) {
                    out.setLength(-start - 1);
                } else {
                    out.append(c);
                }
            } else {
                if (c == '\n') {
                    depth = 0;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
