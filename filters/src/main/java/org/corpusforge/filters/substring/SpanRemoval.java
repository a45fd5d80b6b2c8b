package org.corpusforge.filters.substring;

import java.util.Arrays;

/**
 * Spans of a text in code points, packed one to a long ({@code start << 32 | end}), merged and cut out.
 */
public final class SpanRemoval {
    private SpanRemoval() {}

    /** The span {@code [start, end)} packed. */
    public static long span(int start, int end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ")");
        }
        return ((long) start << 32) | end;
    }

    public static int start(long span) {
        return (int) (span >>> 32);
    }

    public static int end(long span) {
        return (int) span;
    }

    /** The spans sorted, overlapping and touching ones joined. */
    public static long[] merge(long[] spans) {
        long[] sorted = spans.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (long s : sorted) {
            if (n > 0 && start(s) <= end(sorted[n - 1])) {
                sorted[n - 1] = span(start(sorted[n - 1]), Math.max(end(sorted[n - 1]), end(s)));
            } else {
                sorted[n++] = s;
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /** The characters merged spans cover. */
    public static long length(long[] merged) {
        long total = 0;
        for (long s : merged) {
            total += end(s) - start(s);
        }
        return total;
    }

    /** The text left, how many spans were cut and their characters. */
    public record Removal(String text, int spans, long chars) {}

    /** The text without the merged spans (code-point offsets within the text). */
    public static Removal remove(String text, long[] merged) {
        if (merged.length == 0) {
            return new Removal(text, 0, 0);
        }
        StringBuilder out = new StringBuilder(text.length());
        int cp = 0;
        int unit = 0;
        long removed = 0;
        for (long s : merged) {
            int keepTo = text.offsetByCodePoints(unit, Math.max(0, start(s) - cp));
            out.append(text, unit, keepTo);
            int cutTo = text.offsetByCodePoints(keepTo, end(s) - start(s));
            removed += end(s) - start(s);
            cp = end(s);
            unit = cutTo;
        }
        out.append(text, unit, text.length());
        return new Removal(out.toString(), merged.length, removed);
    }
}
