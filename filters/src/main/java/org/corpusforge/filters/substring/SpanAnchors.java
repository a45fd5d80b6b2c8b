package org.corpusforge.filters.substring;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.corpusforge.filters.text.StableHashes;

/**
 * The anchors of a text for repeated-span search: winnowing (Schleimer, Wilkerson and Aiken 2003) over the hashes of
 * every run of {@code anchorChars} characters, taking in every window of {@code windowAnchors} consecutive runs the
 * one whose hash is smallest (the rightmost on a tie). A span of {@code anchorChars + windowAnchors - 1} characters
 * ({@link #spanChars()}) holds exactly one such window, and which run it takes depends only on the span's characters,
 * so a span found in two texts has an anchor at the same place in both: comparing the texts around equal anchors
 * finds every shared span of that length, while only about {@code 2 / (windowAnchors + 1)} of the positions are
 * anchors. Characters are code points; a hash is only a pointer to where to compare, never a verdict.
 */
public final class SpanAnchors {
    private static final long BASE = 0x100000001b3L;
    private final int anchorChars;
    private final int windowAnchors;

    /** The anchors for shared spans of at least {@code spanChars} characters, each anchor about half of that. */
    public static SpanAnchors forSpans(int spanChars) {
        if (spanChars < 2) {
            throw new IllegalArgumentException("spans of at least 2 characters, not " + spanChars);
        }
        int anchor = (spanChars + 1) / 2;
        return new SpanAnchors(anchor, spanChars - anchor + 1);
    }

    public SpanAnchors(int anchorChars, int windowAnchors) {
        if (anchorChars < 1 || windowAnchors < 1) {
            throw new IllegalArgumentException("anchor " + anchorChars + ", window " + windowAnchors);
        }
        this.anchorChars = anchorChars;
        this.windowAnchors = windowAnchors;
    }

    public int anchorChars() {
        return anchorChars;
    }

    public int windowAnchors() {
        return windowAnchors;
    }

    /** The length of span whose every occurrence is guaranteed an anchor. */
    public int spanChars() {
        return anchorChars + windowAnchors - 1;
    }

    /** Anchors of a text: their positions (ascending, in code points) and their runs' hashes. */
    public record Anchors(int[] positions, long[] hashes) {}

    /** The anchors of a text given as code points; none when it is shorter than {@link #spanChars()}. */
    public Anchors of(int[] text) {
        int runs = text.length - anchorChars + 1;
        if (text.length < spanChars()) {
            return new Anchors(new int[0], new long[0]);
        }
        long[] hashes = runHashes(text);
        int[] positions = new int[16];
        int count = 0;
        // positions whose hashes increase from front to back: the front is the window's (rightmost) minimum
        ArrayDeque<Integer> rising = new ArrayDeque<>();
        int last = -1;
        for (int i = 0; i < runs; i++) {
            while (!rising.isEmpty() && hashes[rising.peekLast()] >= hashes[i]) {
                rising.pollLast();
            }
            rising.addLast(i);
            int windowStart = i - windowAnchors + 1;
            if (windowStart < 0) {
                continue;
            }
            while (rising.peekFirst() < windowStart) {
                rising.pollFirst();
            }
            int chosen = rising.peekFirst();
            if (chosen != last) {
                if (count == positions.length) {
                    positions = Arrays.copyOf(positions, count * 2);
                }
                positions[count++] = chosen;
                last = chosen;
            }
        }
        int[] chosenPositions = Arrays.copyOf(positions, count);
        long[] chosenHashes = new long[count];
        for (int k = 0; k < count; k++) {
            chosenHashes[k] = hashes[chosenPositions[k]];
        }
        return new Anchors(chosenPositions, chosenHashes);
    }

    /** The hash of every run of {@code anchorChars} characters, rolled, then mixed so that minima fall evenly. */
    long[] runHashes(int[] text) {
        long[] out = windowHashes(text, anchorChars);
        for (int i = 0; i < out.length; i++) {
            out[i] = StableHashes.fmix64(out[i]);
        }
        return out;
    }

    /** The polynomial hash (mod 2^64) of every window of {@code length} code points, rolled along the text. */
    static long[] windowHashes(int[] text, int length) {
        long[] out = new long[Math.max(text.length - length + 1, 0)];
        long power = 1;
        for (int i = 0; i < length; i++) {
            power *= BASE;
        }
        long h = 0;
        for (int i = 0; i < text.length; i++) {
            h = h * BASE + text[i] + 1;
            if (i >= length) {
                h -= power * (text[i - length] + 1);
            }
            if (i >= length - 1) {
                out[i - length + 1] = h;
            }
        }
        return out;
    }
}
