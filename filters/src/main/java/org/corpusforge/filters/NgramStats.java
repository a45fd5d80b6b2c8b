package org.corpusforge.filters;

import org.corpusforge.filters.text.StableHashes;
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

    /**
     * Per n: {top count, occurrences, distinct, distinct seen more than once}. From n = 6 on, only positions whose
     * (n-1)-gram occurs more than once are counted: an n-gram extends the (n-1)-gram at its position, so where that
     * one is unique, so is the n-gram. In prose few positions repeat, so the long n-grams cost little.
     */
    long[][] measure(int[] codePoints) {
        long[][] result = new long[MAX_N + 1][4];
        int length = codePoints.length;
        long[] rolling = new long[length];
        int[] candidates = null;
        int candidateCount = 0;
        for (int n = 1; n <= MAX_N; n++) {
            int grams = length - n + 1;
            if (grams <= 0) {
                continue;
            }
            if (candidates == null) {
                for (int i = 0; i < grams; i++) {
                    rolling[i] = next(rolling[i], codePoints[i + n - 1], n);
                }
            } else {
                int kept = 0;
                for (int c = 0; c < candidateCount; c++) {
                    int i = candidates[c];
                    if (i < grams) {
                        rolling[i] = next(rolling[i], codePoints[i + n - 1], n);
                        candidates[kept++] = i;
                    }
                }
                candidateCount = kept;
            }
            if (n < MIN_N) {
                continue;
            }
            int counted = candidates == null ? grams : candidateCount;
            clear(counted);
            long top = 0;
            long distinct = 0;
            long repeated = 0;
            for (int c = 0; c < counted; c++) {
                int i = candidates == null ? c : candidates[c];
                int count = increment(key(rolling[i]));
                if (count == 1) {
                    distinct++;
                } else if (count == 2) {
                    repeated++;
                }
                top = Math.max(top, count);
            }
            // positions left out are n-grams that occur once each
            result[n] = new long[] {top, grams, distinct + (grams - counted), repeated};
            if (n >= 5 && n < MAX_N) {
                if (candidates == null) {
                    candidates = new int[grams];
                }
                int kept = 0;
                for (int c = 0; c < counted; c++) {
                    int position = n == 5 ? c : candidates[c];
                    if (get(key(rolling[position])) >= 2) {
                        candidates[kept++] = position;
                    }
                }
                candidateCount = kept;
            }
        }
        return result;
    }

    private static long next(long previous, int codePoint, int n) {
        return StableHashes.fmix64(previous * 0x9E3779B97F4A7C15L + codePoint + n);
    }

    private static long key(long hash) {
        return hash == EMPTY ? 1 : hash;
    }

    private int get(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (true) {
            long k = keys[slot];
            if (k == EMPTY) {
                return 0;
            }
            if (k == key) {
                return counts[slot];
            }
            slot = (slot + 1) & mask;
        }
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
}
