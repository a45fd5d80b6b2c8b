package org.corpusforge.jobs.report;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Outcome;

/**
 * What the per-document stages measured, gathered by the tasks as each outcome leaves the chain (while the dropped
 * documents still have their text and signals) and merged on the driver: a histogram per signal over every measured
 * document and over the kept ones, and the characters of the documents each stage dropped and of those kept. An
 * accumulator, so a partition computed twice (a lost executor) counts twice: the report's figures are estimates,
 * the manifest's counts are exact.
 */
public final class OutcomeSketches extends AccumulatorV2<Outcome, OutcomeSketches> {
    private static final long serialVersionUID = 1L;
    /** signal name to {all measured, kept} */
    private TreeMap<String, Histogram[]> signals = new TreeMap<>();
    /** stage to characters of the documents it dropped; "" to characters kept */
    private TreeMap<String, Long> chars = new TreeMap<>();

    public Map<String, Histogram[]> signals() {
        return signals;
    }

    /** Characters of the documents each stage dropped (code points), and under "" of those the chain kept. */
    public Map<String, Long> chars() {
        return chars;
    }

    @Override
    public boolean isZero() {
        return signals.isEmpty() && chars.isEmpty();
    }

    @Override
    public OutcomeSketches copy() {
        OutcomeSketches copy = new OutcomeSketches();
        copy.merge(this);
        return copy;
    }

    @Override
    public void reset() {
        signals = new TreeMap<>();
        chars = new TreeMap<>();
    }

    @Override
    public void add(Outcome o) {
        Document doc = o.document();
        if (doc == null || o.status() == Outcome.Status.QUARANTINED) {
            return;
        }
        boolean kept = o.status() == Outcome.Status.KEPT;
        for (Map.Entry<String, Double> e : doc.signals().entrySet()) {
            Histogram[] pair = signals.computeIfAbsent(e.getKey(), k -> new Histogram[] {new Histogram(), new Histogram()});
            pair[0].add(e.getValue());
            if (kept) {
                pair[1].add(e.getValue());
            }
        }
        long length = doc.text() == null ? 0 : doc.text().codePointCount(0, doc.text().length());
        chars.merge(kept ? "" : o.stage(), length, Long::sum);
    }

    @Override
    public void merge(AccumulatorV2<Outcome, OutcomeSketches> other) {
        OutcomeSketches o = (OutcomeSketches) other;
        o.signals.forEach((name, pair) -> {
            Histogram[] mine = signals.computeIfAbsent(name, k -> new Histogram[] {new Histogram(), new Histogram()});
            mine[0].merge(pair[0]);
            mine[1].merge(pair[1]);
        });
        o.chars.forEach((k, v) -> chars.merge(k, v, Long::sum));
    }

    /** What this sketch holds, as a plain value: saved beside the outcomes it measured (a checkpoint's unit). */
    public Snapshot snapshot() {
        return new Snapshot(signals, chars);
    }

    /** Adds what a snapshot measured, as if its outcomes had been added here. */
    public void add(Snapshot snapshot) {
        OutcomeSketches other = new OutcomeSketches();
        other.signals = snapshot.signals();
        other.chars = snapshot.chars();
        merge(other);
    }

    /** See {@link #snapshot}. */
    public record Snapshot(TreeMap<String, Histogram[]> signals, TreeMap<String, Long> chars)
            implements java.io.Serializable {}

    @Override
    public OutcomeSketches value() {
        return this;
    }

    /** Spark's own toString prints value(), which is this sketch. */
    @Override
    public String toString() {
        return "OutcomeSketches(" + signals.size() + " signals)";
    }
}
