package org.corpusforge.filters.substring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.corpusforge.filters.text.StableHashes;

/**
 * The spans of at least {@code spanChars} characters that a document shares with documents before it, found among
 * the surroundings of one anchor hash ({@link SpanAnchors}): the contexts of the earlier documents are remembered
 * (each distinct one once), and a later context is covered where a window of {@code spanChars} characters of it
 * equals, character for character, a window of a remembered one. Window hashes only say where to compare, so no
 * collision can mark a span that does not occur earlier.
 *
 * <p>Feed it the contexts of one hash's occurrences in the corpus's order, one document at a time: {@link #covered}
 * for each context of a document, then {@link #remember} them, so that a document never matches itself.
 * Memory is the distinct contexts of the earlier documents: a paragraph copied into a million pages is held once.
 */
public final class SharedSpans {
    private static final long BASE = 0x100000001b3L;
    private final int spanChars;
    private final List<int[]> remembered = new ArrayList<>();
    /** Whole-context hash to the indices of remembered contexts with it. */
    private final Map<Long, int[]> byContext = new HashMap<>();
    /** Window hash to packed (remembered index, window start). */
    private final Map<Long, long[]> byWindow = new HashMap<>();

    public SharedSpans(int spanChars) {
        this.spanChars = spanChars;
    }

    /** How many distinct contexts are held. */
    public int remembered() {
        return remembered.size();
    }

    /**
     * The part of a context covered by windows found in an earlier document, as {@code {from, to}} within it, or
     * null: none. The windows of a context all hold its anchor, so what they cover is one run.
     */
    public int[] covered(int[] context) {
        if (context.length < spanChars) {
            return null;
        }
        if (indexOf(context) >= 0) {
            return new int[] {0, context.length};
        }
        long[] hashes = SpanAnchors.windowHashes(context, spanChars);
        int from = -1;
        int to = -1;
        for (int s = 0; s < hashes.length; s++) {
            if (s + spanChars <= to) {
                continue; // already inside the covered run
            }
            if (find(context, s, hashes[s]) >= 0) {
                from = from < 0 ? s : from;
                to = s + spanChars;
            }
        }
        return from < 0 ? null : new int[] {from, to};
    }

    /** Adds a context of a document that is done, for the documents after it. */
    public void remember(int[] context) {
        if (context.length < spanChars || indexOf(context) >= 0) {
            return;
        }
        int index = remembered.size();
        remembered.add(context);
        byContext.merge(contextHash(context), new int[] {index}, SharedSpans::concat);
        long[] hashes = SpanAnchors.windowHashes(context, spanChars);
        for (int s = 0; s < hashes.length; s++) {
            // a window already held needs no second reference: lists stay one long but for hash collisions
            if (find(context, s, hashes[s]) < 0) {
                byWindow.merge(hashes[s], new long[] {((long) index << 32) | s}, SharedSpans::concat);
            }
        }
    }

    /** A remembered window equal to {@code context[s, s + spanChars)}, packed, or -1. */
    private long find(int[] context, int s, long hash) {
        long[] refs = byWindow.get(hash);
        if (refs != null) {
            for (long ref : refs) {
                int[] other = remembered.get((int) (ref >>> 32));
                int start = (int) ref;
                if (Arrays.equals(context, s, s + spanChars, other, start, start + spanChars)) {
                    return ref;
                }
            }
        }
        return -1;
    }

    private int indexOf(int[] context) {
        int[] candidates = byContext.get(contextHash(context));
        if (candidates != null) {
            for (int i : candidates) {
                if (Arrays.equals(remembered.get(i), context)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static long contextHash(int[] context) {
        long h = context.length;
        for (int c : context) {
            h = h * BASE + c;
        }
        return StableHashes.fmix64(h);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
