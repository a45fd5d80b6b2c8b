package org.corpusforge.filters.decontam;

import java.io.Serializable;

/** A polynomial hash of {@code length} characters (mod 2^64), moved along a text one character at a time. */
final class RollingHash implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long BASE = 0x9E3779B97F4A7C15L;

    final int length;
    /** BASE^(length-1), to take the oldest character out. */
    private final long oldest;

    RollingHash(int length) {
        this.length = length;
        long power = 1;
        for (int i = 1; i < length; i++) {
            power *= BASE;
        }
        this.oldest = power;
    }

    /** The hash of {@code chars[from, from + length)}. */
    long hash(char[] chars, int from) {
        long h = 0;
        for (int i = from; i < from + length; i++) {
            h = h * BASE + chars[i];
        }
        return h;
    }

    /** The hash moved one character on: {@code out} leaves, {@code in} enters. */
    long roll(long h, char out, char in) {
        return (h - out * oldest) * BASE + in;
    }
}
