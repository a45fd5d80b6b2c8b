package org.corpusforge.filters;

import org.corpusforge.filters.text.StableHashes;
import java.util.SplittableRandom;

/**
 * MinHash signatures of a text's character n-gram shingles (code points; no word splitting, so Japanese needs
 * no tokeniser), with 64-bit hashing: every shingle gets a 64-bit hash, and signature value {@code i} is the
 * minimum over the shingles of {@code a_i * h + b_i} (mod 2^64, {@code a_i} odd), the coefficients drawn from a
 * seeded generator, so the same seed gives the same signatures in every JVM. A text shorter than {@code n}
 * characters is one shingle (itself), so short documents are compared too, never dropped.
 */
public final class MinHashSignature {
    private final int n;
    private final long[] a;
    private final long[] b;

    public MinHashSignature(int shingleSize, int permutations, long seed) {
        this.n = shingleSize;
        this.a = new long[permutations];
        this.b = new long[permutations];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < permutations; i++) {
            a[i] = random.nextLong() | 1L;
            b[i] = random.nextLong();
        }
    }

    public int permutations() {
        return a.length;
    }

    /** The distinct shingle hashes of a text, sorted (the shingle set, for exact Jaccard checks). */
    public long[] shingles(String text) {
        return sortedDistinct(shingleHashes(text));
    }

    /** The hash of every shingle of a text, in text order, repeats included: enough for a signature, no sort. */
    public long[] shingleHashes(String text) {
        int[] cps = codePoints(text);
        if (cps.length == 0) {
            return new long[0];
        }
        int count = Math.max(1, cps.length - n + 1);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int j = i; j < Math.min(cps.length, i + n); j++) {
                h = (h ^ cps[j]) * 0x100000001b3L;
            }
            hashes[i] = StableHashes.fmix64(h);
        }
        return hashes;
    }

    /**
     * The distinct hashes of the word n-grams (n as configured), sorted: shingles for word-level near-dedup, with the
     * words from Kuromoji ({@link MorphTokenizer}); fewer than n words make one shingle.
     */
    public long[] wordShingles(java.util.List<String> words) {
        if (words.isEmpty()) {
            return new long[0];
        }
        int count = Math.max(1, words.size() - n + 1);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int j = i; j < Math.min(words.size(), i + n); j++) {
                h = (h ^ StableHashes.of(words.get(j))) * 0x100000001b3L;
            }
            hashes[i] = StableHashes.fmix64(h);
        }
        return sortedDistinct(hashes);
    }

    private static int[] codePoints(String text) {
        int[] cps = new int[text.length()];
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            cps[count++] = cp;
            i += Character.charCount(cp);
        }
        return count == cps.length ? cps : java.util.Arrays.copyOf(cps, count);
    }

    /** Sorts in place and drops repeats (a stream's sorted().distinct() boxed its way through a set: 3 times slower). */
    private static long[] sortedDistinct(long[] hashes) {
        java.util.Arrays.sort(hashes);
        int distinct = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (i == 0 || hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return distinct == hashes.length ? hashes : java.util.Arrays.copyOf(hashes, distinct);
    }

    public long[] signature(String text) {
        return signatureOf(shingleHashes(text));
    }

    /**
     * The signature of a shingle set (repeats change nothing: a minimum is a minimum); an empty set gives all-maximum
     * values (it matches nothing but itself).
     */
    public long[] signatureOf(long[] shingles) {
        int k = a.length;
        long[] sig = new long[k];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        // walk the shingles in blocks so that each block stays in cache while all permutations pass over it
        final int block = 2048;
        for (int start = 0; start < shingles.length; start += block) {
            int end = Math.min(shingles.length, start + block);
            for (int p = 0; p < k; p++) {
                long ap = a[p];
                long bp = b[p];
                long min = sig[p];
                for (int s = start; s < end; s++) {
                    long v = ap * shingles[s] + bp;
                    if (Long.compareUnsigned(v, min) < 0) {
                        min = v;
                    }
                }
                sig[p] = min;
            }
        }
        return sig;
    }

    /** The share of equal positions: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
    public static double estimatedJaccard(long[] x, long[] y) {
        int equal = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) {
                equal++;
            }
        }
        return (double) equal / x.length;
    }

    /** Exact Jaccard similarity of two sorted, distinct shingle sets. */
    public static double jaccard(long[] x, long[] y) {
        int common = shared(x, y);
        return jaccard(common, x.length + y.length - common);
    }

    /** Jaccard similarity from the shingles two sets share and the size of their union (two empty sets: 1). */
    public static double jaccard(int shared, int union) {
        return union == 0 ? 1.0 : (double) shared / union;
    }

    /** How many shingles two sorted, distinct shingle sets share. */
    public static int shared(long[] x, long[] y) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** The probability that a pair of Jaccard similarity {@code s} shares at least one of {@code bands} bands. */
    public static double candidateProbability(double s, int bands, int rows) {
        return 1.0 - Math.pow(1.0 - Math.pow(s, rows), bands);
    }
}
