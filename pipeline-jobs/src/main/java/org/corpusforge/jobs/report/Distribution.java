package org.corpusforge.jobs.report;

/** What the run report draws of one measurement's values: their range, count, a histogram and the median. */
public interface Distribution {
    boolean isEmpty();

    long count();

    double min();

    double max();

    /** How many values fall in each bin: (-inf, edges[0]], (edges[0], edges[1]], ..., (edges[last], +inf). */
    double[] counts(double[] edges);

    double median();

    /** A report.json value read back: base64 KLL sketches in version 1, {@link Histogram} text from version 2. */
    static Distribution decode(int version, String encoded) {
        return version < 2 ? Kll.ofBase64(encoded) : Histogram.decode(encoded);
    }
}
