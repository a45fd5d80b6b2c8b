package org.corpusforge.filters.decontam;

import java.io.Serializable;

/**
 * Hashes of fixed-length character n-grams, each with a posting (which text of the index it comes from and where),
 * sorted by hash for binary search, behind a bit filter that answers most lookups of absent n-grams with one
 * memory read. A hash only nominates a posting: the caller compares the characters before believing it.
 * 16 bytes per posting, plus about 2 for the filter.
 */
final class NgramTable implements Serializable {
    private static final long serialVersionUID = 1L;
    final RollingHash rolling;
    private final long[] hashes;
    private final long[] postings;
    private final long[] filter;
    private final int filterShift;

    /** @param hashes mixed hashes ({@link #mix}); sorted here together with their postings */
    NgramTable(RollingHash rolling, long[] hashes, long[] postings, int size) {
        this.rolling = rolling;
        this.hashes = java.util.Arrays.copyOf(hashes, size);
        this.postings = java.util.Arrays.copyOf(postings, size);
        sortByHash(this.hashes, this.postings);
        int words = Integer.highestOneBit(Math.max(1, size / 4 - 1)) * 2; // >= 16 bits per posting
        this.filter = new long[words];
        this.filterShift = 64 - Integer.numberOfTrailingZeros(words);
        for (long h : this.hashes) {
            filter[word(h)] |= bits(h);
        }
    }

    int size() {
        return hashes.length;
    }

    long heapBytes() {
        return 16L * hashes.length + 8L * filter.length;
    }

    /** Spreads a rolling hash's bits (MurmurHash3's finaliser), so that its high bits can index the filter. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    boolean mayContain(long mixed) {
        long b = bits(mixed);
        return (filter[word(mixed)] & b) == b;
    }

    /** The index of the first posting with this hash, or -1 when none has it. */
    int first(long mixed) {
        int lo = 0;
        int hi = hashes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (hashes[mid] < mixed) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < hashes.length && hashes[lo] == mixed ? lo : -1;
    }

    boolean hashAt(int index, long mixed) {
        return index < hashes.length && hashes[index] == mixed;
    }

    long postingAt(int index) {
        return postings[index];
    }

    static long posting(int text, int offset) {
        return ((long) text << 32) | (offset & 0xFFFFFFFFL);
    }

    static int text(long posting) {
        return (int) (posting >>> 32);
    }

    static int offset(long posting) {
        return (int) posting;
    }

    private int word(long mixed) {
        return filter.length == 1 ? 0 : (int) (mixed >>> filterShift);
    }

    private static long bits(long mixed) {
        return (1L << (mixed & 63)) | (1L << ((mixed >>> 6) & 63));
    }

    /** LSD radix sort on the hashes (as unsigned bytes, then the sign flipped), postings moved along. */
    private static void sortByHash(long[] hashes, long[] postings) {
        int n = hashes.length;
        long[] h2 = new long[n];
        long[] p2 = new long[n];
        for (int shift = 0; shift < 64; shift += 8) {
            int[] counts = new int[257];
            for (long h : hashes) {
                counts[digit(h, shift) + 1]++;
            }
            for (int i = 0; i < 256; i++) {
                counts[i + 1] += counts[i];
            }
            for (int i = 0; i < n; i++) {
                int at = counts[digit(hashes[i], shift)]++;
                h2[at] = hashes[i];
                p2[at] = postings[i];
            }
            System.arraycopy(h2, 0, hashes, 0, n);
            System.arraycopy(p2, 0, postings, 0, n);
        }
    }

    /** A byte of the hash, the top one with its sign bit flipped so that the order is that of signed longs. */
    private static int digit(long h, int shift) {
        int d = (int) ((h >>> shift) & 0xFF);
        return shift == 56 ? d ^ 0x80 : d;
    }
}
