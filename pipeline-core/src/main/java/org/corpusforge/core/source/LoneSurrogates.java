package org.corpusforge.core.source;

/**
 * JSON can spell a UTF-16 surrogate without its partner ({@code "\ud800"}), which no UTF-8 writer can encode: Parquet
 * would silently turn it into {@code ?}. The readers replace each one with U+FFFD and say how many they replaced.
 */
public final class LoneSurrogates {
    private LoneSurrogates() {}

    /** How many chars of {@code s} are surrogates without their partner. */
    public static int count(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            }
        }
        return n;
    }

    /** {@code s} with every lone surrogate replaced by U+FFFD; {@code s} itself when it has none. */
    public static String replace(String s) {
        if (count(s) == 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}
