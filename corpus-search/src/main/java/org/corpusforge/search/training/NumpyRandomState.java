package org.corpusforge.search.training;

/**
 * numpy's legacy {@code numpy.random.RandomState(seed)} as far as megatron-core uses it: the Mersenne Twister MT19937
 * seeded from one 32-bit integer ({@code mt19937_seed}, Matsumoto and Nishimura's init_genrand) and
 * {@code shuffle} of a one-dimensional array (Fisher-Yates from the end, each index drawn by {@code random_interval}:
 * the smallest all-ones mask at least the bound, 32-bit draws masked until one is within it; 64-bit draws, two
 * 32-bit ones high first, beyond 2^32 - 1).
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int position;

    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1: " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        position = N;
    }

    /** The next 32 bits, unsigned. */
    public long nextUint32() {
        if (position >= N) {
            generate();
        }
        int y = mt[position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void generate() {
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
        }
        int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
        position = 0;
    }

    /** A uniform integer in {@code [0, max]}. */
    long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xFFFFFFFFL) {
            while ((value = nextUint32() & mask) > max) {
                // drawn again
            }
        } else {
            while ((value = ((nextUint32() << 32) | nextUint32()) & mask) > max) {
                // drawn again
            }
        }
        return value;
    }

    public void shuffle(int[] x) {
        for (int i = x.length - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    public void shuffle(long[] x) {
        for (int i = x.length - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            long t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }
}
