package org.corpusforge.jobs.report;

import java.util.List;
import java.util.Map;

/**
 * What the run report is drawn from, kept as {@code OUT/report.json} so that {@code report DIR} can draw it again:
 * the histograms the tasks built ({@link Histogram#encode}; version 1 held base64 KLL sketches) and a few dropped
 * documents per reason.
 *
 * @param signals        per signal: histograms over every document the per-document stages measured, and over
 *                       those they kept
 * @param droppedChars   characters (code points) of the documents each per-document stage dropped, as it saw them
 * @param keptChars      characters of the documents the per-document stages kept
 * @param lengths        per source: histograms of the corpus's documents' characters and tokens (null: untokenised)
 * @param clusterSizes   dedup cluster size to kept documents
 * @param boilerplateLines frequent-items sketch of the boilerplate lines removed, as reports before issue 44 held it
 *                       (estimates; its bytes depended on the order tasks ended in), or null
 * @param boilerplateTopLines the boilerplate lines removed from the most documents, with those documents counted
 *                       exactly, or null
 * @param dropped        up to {@value #EXAMPLES_PER_REASON} dropped documents per stage and reason, in the seeded order
 */
public record ReportData(int version, Map<String, SignalSketch> signals, Map<String, Long> droppedChars,
                         long keptChars, Map<String, LengthSketch> lengths, Map<Long, Long> clusterSizes,
                         String boilerplateLines, List<LineCount> boilerplateTopLines, List<Example> dropped) {
    /** 2: histograms ({@link Histogram#encode}) where 1 had base64 KLL sketches. */
    public static final int VERSION = 2;
    public static final int EXAMPLES_PER_REASON = 3;

    /** The same data with the boilerplate stage's section. */
    public ReportData withBoilerplateLines(List<LineCount> topLines) {
        return new ReportData(version, signals, droppedChars, keptChars, lengths, clusterSizes, null, topLines,
                dropped);
    }

    /** A line and the documents it was removed from. */
    public record LineCount(String line, long documents) {}

    public record SignalSketch(String all, String kept) {}

    public record LengthSketch(String chars, String tokens) {}

    public record Example(String stage, String reason, String id, String sourceUri, String sourceLocator,
                         String detail) implements java.io.Serializable {}
}
