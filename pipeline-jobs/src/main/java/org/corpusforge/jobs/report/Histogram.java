package org.corpusforge.jobs.report;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of one measurement in log-linear buckets of three significant digits (1 % wide: 123, 0.0456), with
 * their exact count, minimum and maximum. Merging adds counts, so the result is the same whatever order the tasks'
 * histograms are merged in, and so are its bytes: a run's report is as deterministic as its shards. (DataSketches'
 * KLL, used before, compacts at random and depends on the merge order.) The run report draws from it; quantiles are
 * good to a bucket's width.
 */
public final class Histogram implements Distribution, Serializable {
    private static final long serialVersionUID = 1L;
    /** Decimal exponents from -330 up keep every key of a finite double positive before its sign. */
    private static final int EXPONENT_OFFSET = 330;
    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public void add(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        buckets.merge(key(value), 1L, Long::sum);
    }

    public Histogram merge(Histogram other) {
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        other.buckets.forEach((k, c) -> buckets.merge(k, c, Long::sum));
        return this;
    }

    /** The bucket of a value: its sign, decimal exponent and first three digits. */
    static int key(double value) {
        if (value == 0) {
            return 0;
        }
        double a = Math.abs(value);
        int exponent = (int) Math.floor(Math.log10(a));
        int digits = (int) Math.floor(a / Math.pow(10, exponent - 2) + 1e-9);
        if (digits >= 1000) { // log10 rounded down at a power of ten
            exponent++;
            digits /= 10;
        } else if (digits < 100) {
            exponent--;
            digits = (int) Math.floor(a / Math.pow(10, exponent - 2) + 1e-9);
        }
        int key = (exponent + EXPONENT_OFFSET) * 1000 + digits;
        return value > 0 ? key : -key;
    }

    /** The middle of a bucket. */
    static double value(int key) {
        if (key == 0) {
            return 0;
        }
        int k = Math.abs(key);
        int exponent = k / 1000 - EXPONENT_OFFSET;
        double v = (k % 1000 + 0.5) * Math.pow(10, exponent - 2);
        return key > 0 ? v : -v;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    @Override
    public double[] counts(double[] edges) {
        double[] counts = new double[edges.length + 1];
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            double v = Math.max(min, Math.min(max, value(e.getKey())));
            int bin = 0;
            while (bin < edges.length && v > edges[bin]) {
                bin++;
            }
            counts[bin] += e.getValue();
        }
        return counts;
    }

    @Override
    public double median() {
        long seen = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (2 * seen >= count) {
                return Math.max(min, Math.min(max, value(e.getKey())));
            }
        }
        return Double.NaN;
    }

    /** {@code count;min;max;key:count,...} in key order: the same histogram is always the same text. */
    public String encode() {
        StringBuilder s = new StringBuilder().append(count).append(';').append(count == 0 ? 0 : min).append(';')
                .append(count == 0 ? 0 : max).append(';');
        boolean first = true;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            s.append(first ? "" : ",").append(e.getKey()).append(':').append(e.getValue());
            first = false;
        }
        return s.toString();
    }

    public static Histogram decode(String text) {
        String[] parts = text.split(";", -1);
        Histogram h = new Histogram();
        h.count = Long.parseLong(parts[0]);
        if (h.count > 0) {
            h.min = Double.parseDouble(parts[1]);
            h.max = Double.parseDouble(parts[2]);
        }
        if (parts.length > 3 && !parts[3].isEmpty()) {
            for (String entry : parts[3].split(",")) {
                int colon = entry.indexOf(':');
                h.buckets.put(Integer.parseInt(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)));
            }
        }
        return h;
    }
}
