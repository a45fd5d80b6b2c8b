package org.corpusforge.filters.decontam;

import com.ibm.icu.text.Normalizer2;

/**
 * The characters decontamination compares, folded from a text so that copies of a benchmark item that differ only in
 * width, case or spacing still match: every code point NFKC-casefolded on its own (full-width ASCII and half-width
 * katakana to their usual forms), whitespace and line breaks removed, and a voicing mark that NFKC detached
 * (ｶﾞ, か゛) composed back onto its kana, so dakuten are never lost. Each key character remembers where in the text
 * its code point starts, so a match found in the key is a span of the text.
 */
public final class MatchKey {
    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 COMPOSE = Normalizer2.getNFCInstance();
    /** Per BMP char: the folded char, or {@link #COMPLEX} when the fold is not exactly one char (or is a mark). */
    private static final char[] SIMPLE = new char[65536];
    private static final String[] COMPLEX_FOLD = new String[65536];
    private static final char COMPLEX = '\uFFFF';
    /** The most chars NFKC-casefolding one code point gives (U+FDFA gives 18). */
    private static final int MAX_EXPANSION = 18;

    static {
        for (int c = 0; c < 65536; c++) {
            if (Character.isSurrogate((char) c)) {
                SIMPLE[c] = COMPLEX;
                continue;
            }
            String folded = FOLD.normalize(String.valueOf((char) c));
            if (folded.length() == 1 && !skipped(folded.charAt(0)) && !voicing(folded.charAt(0))
                    && folded.charAt(0) != COMPLEX) {
                SIMPLE[c] = folded.charAt(0);
            } else {
                SIMPLE[c] = COMPLEX;
                COMPLEX_FOLD[c] = folded;
            }
        }
    }

    private final char[] chars;
    private final int[] start;
    private final int[] end;
    private final int length;

    private MatchKey(char[] chars, int[] start, int[] end, int length) {
        this.chars = chars;
        this.start = start;
        this.end = end;
        this.length = length;
    }

    public static MatchKey of(String text) {
        int n = text.length();
        char[] chars = new char[n + MAX_EXPANSION];
        int[] start = new int[chars.length];
        int[] end = new int[chars.length];
        int k = 0;
        for (int i = 0; i < n; ) {
            if (k + MAX_EXPANSION > chars.length) {
                chars = java.util.Arrays.copyOf(chars, chars.length * 2);
                start = java.util.Arrays.copyOf(start, chars.length);
                end = java.util.Arrays.copyOf(end, chars.length);
            }
            char c = text.charAt(i);
            char simple = SIMPLE[c];
            if (simple != COMPLEX) {
                chars[k] = simple;
                start[k] = i;
                end[k++] = ++i;
                continue;
            }
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            String folded = cp < 65536 ? COMPLEX_FOLD[cp] : FOLD.normalize(new String(Character.toChars(cp)));
            for (int j = 0; j < folded.length(); j++) {
                char f = folded.charAt(j);
                if (skipped(f)) {
                    continue;
                }
                if (voicing(f) && k > 0) {
                    int composed = COMPOSE.composePair(chars[k - 1], f);
                    if (composed >= 0 && composed < 65536) {
                        chars[k - 1] = (char) composed;
                        end[k - 1] = next;
                        continue;
                    }
                }
                chars[k] = f;
                start[k] = i;
                end[k++] = next;
            }
            i = next;
        }
        return new MatchKey(chars, start, end, k);
    }

    /** Whitespace of any kind, which never separates or joins what a reader sees as the same text. */
    private static boolean skipped(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The combining voiced and semi-voiced sound marks (NFKC turns the spacing ゛ ゜ into these). */
    private static boolean voicing(char c) {
        return c == '\u3099' || c == '\u309A';
    }

    public int length() {
        return length;
    }

    /** The folded characters (read-only; only the first {@link #length()} count). */
    char[] chars() {
        return chars;
    }

    /** The folded characters as a string. */
    public String folded() {
        return new String(chars, 0, length);
    }

    /** Where in the text the key characters {@code [from, to)} came from: {@code [start, end)} in UTF-16 units. */
    public int textStart(int from) {
        return start[from];
    }

    public int textEnd(int to) {
        return end[to - 1];
    }
}
