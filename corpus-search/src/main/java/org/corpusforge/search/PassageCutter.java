package org.corpusforge.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document into passages for ranked retrieval: whole sentences packed together up to {@link #MAX_CHARS}
 * characters, so that a hit is a few hundred characters a reader can take in, not a whole book. The passages are
 * contiguous and cover the document exactly (each character belongs to one passage), so their offsets are offsets
 * into the document. A sentence ends after 。．！？!? (with the closing brackets and quotes that follow) or at a line
 * break; a sentence longer than a passage is cut at its last 、，, or white space before the limit, else at the limit
 * (never inside a surrogate pair).
 */
public final class PassageCutter {
    /** The longest passage, in UTF-16 code units: a few hundred characters, about two to four Japanese sentences. */
    public static final int MAX_CHARS = 300;

    private PassageCutter() {}

    /** A passage: characters {@code [start, end)} of its document. */
    public record Span(int start, int end) {}

    public static List<Span> cut(String text) {
        return cut(text, MAX_CHARS);
    }

    static List<Span> cut(String text, int maxChars) {
        List<Span> passages = new ArrayList<>();
        int start = 0;
        int end = 0;
        while (end < text.length()) {
            int sentenceEnd = sentenceEnd(text, end);
            if (sentenceEnd - start <= maxChars) {
                end = sentenceEnd;
                continue;
            }
            if (end > start) {
                passages.add(new Span(start, end));
                start = end;
                continue;
            }
            // one sentence longer than a passage: cut it
            int cut = cutPoint(text, start, start + maxChars);
            passages.add(new Span(start, cut));
            start = cut;
            end = cut;
        }
        if (end > start) {
            passages.add(new Span(start, end));
        }
        return passages;
    }

    /** Where the sentence starting at {@code from} ends (exclusive). */
    private static int sentenceEnd(String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i++);
            if (c == '\n') {
                return i;
            }
            if (isTerminator(c)) {
                while (i < n && (isTerminator(text.charAt(i)) || isCloser(text.charAt(i)))) {
                    i++;
                }
                return i;
            }
        }
        return n;
    }

    private static int cutPoint(String text, int start, int limit) {
        for (int i = limit; i > start + (limit - start) / 2; i--) {
            char c = text.charAt(i - 1);
            if (c == '、' || c == '，' || c == ',' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return Character.isLowSurrogate(text.charAt(limit)) && Character.isHighSurrogate(text.charAt(limit - 1))
                ? limit - 1 : limit;
    }

    private static boolean isTerminator(char c) {
        return c == '。' || c == '．' || c == '！' || c == '？' || c == '!' || c == '?';
    }

    private static boolean isCloser(char c) {
        return c == '」' || c == '』' || c == '）' || c == ')' || c == '】' || c == '〕' || c == '”' || c == '’';
    }
}
