package org.corpusforge.filters.text;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;

/**
 * The first normalisation of Japanese text:
 * <ol>
 *   <li>line breaks unified to {@code \n} (CR LF, CR, NEL, U+2028, U+2029);</li>
 *   <li>control (Cc, except {@code \n} and tab), format (Cf: zero-width spaces and joiners, BOM, soft
 *       hyphen, bidi marks) and, when asked, private-use (Co) characters removed;</li>
 *   <li>ICU NFKC: full-width ASCII to half-width, half-width katakana to full-width (with their voicing
 *       marks composed: ｶﾞ to ガ), compatibility ideographs to unified ones;</li>
 *   <li>spaces and tabs collapsed to one space, lines trimmed, runs of blank lines cut to one.</li>
 * </ol>
 * Optionally, before NFKC (which would turn them into ASCII), {@code ，．} become {@code 、。} where a document
 * prefers them ({@link KutotenNormalizer}).
 * NFKC is not applied to the spacing voicing marks ゛ ゜ (NFKC would turn them into a space plus a
 * combining mark, which the space clean-up then separates from its kana) nor to … and ‥ (NFKC would
 * turn them into ASCII dots that Japanese sentence rules no longer recognise). Dakuten and handakuten
 * are therefore never stripped or detached. Idempotent: normalising twice gives the same text.
 */
public final class JapaneseNormalizer {
    private static final Normalizer2 NFKC_KEEPING_JAPANESE_MARKS = new FilteredNormalizer2(
            Normalizer2.getNFKCInstance(), new UnicodeSet("[^\\u309B\\u309C\\u2026\\u2025]").freeze());

    private final boolean nfkc;
    private final boolean removePrivateUse;
    private final KutotenNormalizer kutoten;

    public JapaneseNormalizer(boolean nfkc, boolean removePrivateUse, boolean convertKutoten) {
        this.nfkc = nfkc;
        this.removePrivateUse = removePrivateUse;
        this.kutoten = convertKutoten ? new KutotenNormalizer() : null;
    }

    public JapaneseNormalizer() {
        this(true, true, false);
    }

    public String normalize(String text) {
        String cleaned = removeInvisibles(text);
        String punctuated = kutoten == null ? cleaned : kutoten.normalize(cleaned);
        String composed = nfkc ? NFKC_KEEPING_JAPANESE_MARKS.normalize(punctuated) : punctuated;
        return tidyWhitespace(composed);
    }

    private String removeInvisibles(String text) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String replacement = replacementFor(text, i, c);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n).append(text, 0, i);
            }
            out.append(replacement);
            if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /** What a char becomes: null to keep it, "" to drop it, "\n" for line breaks. */
    private String replacementFor(String text, int i, char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
            return "\n";
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.FORMAT) {
            return "";
        }
        if (removePrivateUse) {
            if (type == Character.PRIVATE_USE) {
                return "";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.getType(text.codePointAt(i)) == Character.PRIVATE_USE) {
                return "";
            }
            if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))
                    && Character.getType(text.codePointAt(i - 1)) == Character.PRIVATE_USE) {
                return "";
            }
        }
        return null;
    }

    private static String tidyWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int blankLines = 0;
        int lineStart = 0;
        int n = text.length();
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            int before = out.length();
            appendTidyLine(text, lineStart, lineEnd, out);
            boolean blank = out.length() == before;
            if (blank) {
                blankLines++;
            } else {
                blankLines = 0;
            }
            if (lineEnd < n && blankLines <= 1) {
                out.append('\n');
            }
            lineStart = lineEnd + 1;
        }
        return stripBlankEdges(out);
    }

    /** Appends the line without leading or trailing blanks and with inner runs of blanks as one space. */
    private static void appendTidyLine(String text, int start, int end, StringBuilder out) {
        boolean pendingSpace = false;
        boolean any = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || Character.isSpaceChar(c)) {
                pendingSpace = any;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
            any = true;
        }
    }

    private static String stripBlankEdges(StringBuilder out) {
        int start = 0;
        int end = out.length();
        while (start < end && out.charAt(start) == '\n') {
            start++;
        }
        while (end > start && out.charAt(end - 1) == '\n') {
            end--;
        }
        return out.substring(start, end);
    }
}
