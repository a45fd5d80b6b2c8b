package org.corpusforge.search.training;

/**
 * Float arithmetic as numpy does it where megatron-core's result depends on the last bit: {@code numpy.sum} of a
 * float64 array (pairwise summation: under 8 values one after another, up to 128 in eight interleaved partial sums,
 * beyond that halves at a multiple of 8), and megatron-core's {@code normalize} (each weight over that sum).
 */
final class NumpyFloats {
    private NumpyFloats() {}

    static double sum(double[] a) {
        return pairwise(a, 0, a.length);
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
    }

    static double[] normalize(double[] weights) {
        double total = sum(weights);
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] / total;
        }
        return out;
    }
}
