package org.corpusforge.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Buckets 1 % wide, exact counts, and the same text whatever order the parts are merged in. */
class HistogramTest {
    @Test
    void everyValueLandsInABucketWithinOnePercentOfIt() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double v = Math.pow(10, random.nextDouble() * 16 - 8) * (random.nextBoolean() ? 1 : -1);
            double back = Histogram.value(Histogram.key(v));
            assertTrue(Math.abs(back - v) <= 0.01 * Math.abs(v), v + " came back as " + back);
        }
        for (double v : new double[] {0, 1, 10, 100, 0.2, 0.3, 1e-300, 1e300, 999.9999, 1000}) {
            double back = Histogram.value(Histogram.key(v));
            assertTrue(Math.abs(back - v) <= 0.01 * Math.abs(v), v + " came back as " + back);
        }
    }

    @Test
    void mergingInAnyOrderGivesTheSameTextAndExactCounts() {
        Random random = new Random(11);
        List<Histogram> parts = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            Histogram h = new Histogram();
            for (int i = 0; i < 5_000; i++) {
                double v = Math.exp(random.nextGaussian() * 2 + 5);
                h.add(v);
                all.add(v);
            }
            parts.add(h);
        }
        Histogram forward = new Histogram();
        parts.forEach(forward::merge);
        Histogram backward = new Histogram();
        for (int p = parts.size() - 1; p >= 0; p--) {
            backward.merge(parts.get(p));
        }
        assertEquals(forward.encode(), backward.encode());
        assertEquals(forward.encode(), Histogram.decode(forward.encode()).encode());
        assertEquals(40_000, forward.count());
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertEquals(sorted[0], forward.min());
        assertEquals(sorted[sorted.length - 1], forward.max());
        double median = sorted[sorted.length / 2 - 1];
        assertTrue(Math.abs(forward.median() - median) <= 0.01 * median, forward.median() + " against " + median);
        double[] edges = {10, 100, 1000};
        double[] counts = forward.counts(edges);
        assertEquals(40_000, Arrays.stream(counts).sum());
        // a bucket's values all lie within 1 % of an edge's side: the count is exact away from the edges
        long below = all.stream().filter(v -> v <= 100 * 0.99).count();
        assertTrue(Math.abs(counts[0] + counts[1] - below) <= all.stream().filter(v -> v > 99 && v < 101).count(),
                (counts[0] + counts[1]) + " against " + below);
    }
}
