package org.corpusforge.filters.text;

/** 64-bit hashes that give the same value in every JVM, for shingles, n-grams and lines. */
public final class StableHashes {
    private StableHashes() {}

    /** Murmur3's 64-bit finaliser: spreads every input bit over the output. */
    public static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** FNV-1a over UTF-16 units, finished with {@link #fmix64}. */
    public static long of(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return fmix64(h);
    }
}
