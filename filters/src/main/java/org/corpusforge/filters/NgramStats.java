package org.corpusforge.filters;

import java.util.Arrays;

/**
 * Character n-gram statistics of a text, for n from 2 to 10, from 64-bit hashes of the n-grams counted in a
 * reusable open-addressing table (no strings are built): for each n, the count of the most frequent n-gram, the
 * number of occurrences, the number of distinct n-grams and how many of them occur more than once.
 */
final class NgramStats {
    static final int MIN_N = 2;
    static final int MAX_N = 10;
    private static final long EMPTY = 0L;

    private long[] keys = new long[1 << 12];
    private int[] counts = new int[1 << 12];

    /** Per n: {top count, occurrences, distinct, distinct seen more than once}. */
    long[][] measure(int[] codePoints) {
        long[][] result = new long[MAX_N + 1][4];
        int length = codePoints.length;
        long[] rolling = new long[length];
        for (int n = 1; n <= MAX_N; n++) {
            int grams = length - n + 1;
            for (int i = 0; i < Math.max(0, grams); i++) {
                // extend the (n-1)-gram hash at i by the code point at i+n-1
                rolling[i] = mix(rolling[i] * 0x9E3779B97F4A7C15L + codePoints[i + n - 1] + n);
            }
            if (n < MIN_N || grams <= 0) {
                continue;
            }
            clear(grams);
            long top = 0;
            long distinct = 0;
            long repeated = 0;
            for (int i = 0; i < grams; i++) {
                int c = increment(rolling[i] == EMPTY ? 1 : rolling[i]);
                if (c == 1) {
                    distinct++;
                } else if (c == 2) {
                    repeated++;
                }
                top = Math.max(top, c);
            }
            result[n] = new long[] {top, grams, distinct, repeated};
        }
        return result;
    }

    private void clear(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        if (keys.length < capacity || keys.length > 8 * capacity) {
            keys = new long[capacity];
            counts = new int[capacity];
        } else {
            Arrays.fill(keys, EMPTY);
        }
    }

    private int increment(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (true) {
            long k = keys[slot];
            if (k == EMPTY) {
                keys[slot] = key;
                counts[slot] = 1;
                return 1;
            }
            if (k == key) {
                return ++counts[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Murmur3's 64-bit finaliser: spreads the bits so that linear probing works. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
