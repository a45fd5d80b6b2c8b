package org.corpusforge.jobs.report;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Lines and the documents each was removed from, summed by the tasks that clean the documents and merged on the
 * driver: a sum, so the result does not depend on the order tasks end in (a frequent-items sketch's did). The
 * boilerplate stage counts only a few candidate lines, chosen exactly before any is removed.
 */
public final class LineCounts extends AccumulatorV2<String, LineCounts> {
    private static final long serialVersionUID = 1L;
    private TreeMap<String, Long> counts = new TreeMap<>();

    public Map<String, Long> counts() {
        return counts;
    }

    @Override
    public boolean isZero() {
        return counts.isEmpty();
    }

    @Override
    public LineCounts copy() {
        LineCounts copy = new LineCounts();
        copy.counts.putAll(counts);
        return copy;
    }

    @Override
    public void reset() {
        counts = new TreeMap<>();
    }

    @Override
    public void add(String line) {
        counts.merge(line, 1L, Long::sum);
    }

    @Override
    public void merge(AccumulatorV2<String, LineCounts> other) {
        ((LineCounts) other).counts.forEach((line, n) -> counts.merge(line, n, Long::sum));
    }

    @Override
    public LineCounts value() {
        return this;
    }

    /** Spark's own toString prints value(), which is this. */
    @Override
    public String toString() {
        return "LineCounts(" + counts.size() + " lines)";
    }
}
