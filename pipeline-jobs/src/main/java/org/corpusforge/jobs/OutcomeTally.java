package org.corpusforge.jobs;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.manifest.Accounting;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.SignalTotals;
import org.corpusforge.jobs.report.DroppedExamples;

/**
 * Everything the run counts over its final outcomes, gathered in one pass after the global stages: the documents
 * per stage and reason (the manifest's stages), per input file, the signal totals stages ask for (pii's spans per
 * type) and the report's dropped examples. One pass instead of one per kind: each pass decodes every persisted
 * outcome, kept texts included, so passes, not the counting, were the cost.
 */
final class OutcomeTally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long seed;
    /** stage name: the totals it asks for */
    private final Map<String, SignalTotals> asked;
    /** {@code Accounting.key}: documents */
    private final TreeMap<String, Long> byStage = new TreeMap<>();
    /** source URI: documents read from it */
    private final TreeMap<String, Long> byInput = new TreeMap<>();
    /** stage name, then key: the total of the signals over the kept documents */
    private final TreeMap<String, TreeMap<String, Long>> signalTotals = new TreeMap<>();
    private final DroppedExamples dropped = new DroppedExamples();

    OutcomeTally(long seed, Map<String, SignalTotals> asked) {
        this.seed = seed;
        this.asked = new TreeMap<>(asked);
        this.asked.keySet().forEach(stage -> signalTotals.put(stage, new TreeMap<>()));
    }

    /** The tally of {@code outcomes}: one Spark job, one task per partition, no shuffle. */
    static OutcomeTally of(JavaRDD<Outcome> outcomes, long seed, Map<String, SignalTotals> asked) {
        return outcomes.mapPartitions(it -> {
            OutcomeTally tally = new OutcomeTally(seed, asked);
            it.forEachRemaining(tally::add);
            return java.util.List.of(tally).iterator();
        }).fold(new OutcomeTally(seed, asked), OutcomeTally::merge);
    }

    void add(Outcome outcome) {
        byStage.merge(Accounting.key(outcome), 1L, Long::sum);
        byInput.merge(outcome.provenance().sourceUri(), 1L, Long::sum);
        if (outcome.status() == Outcome.Status.KEPT) {
            asked.forEach((stage, totals) -> {
                TreeMap<String, Long> sums = signalTotals.get(stage);
                outcome.document().signals().forEach((signal, value) -> {
                    String key = totals.key(signal);
                    if (key != null) {
                        sums.merge(key, value.longValue(), Long::sum);
                    }
                });
            });
        }
        dropped.add(outcome, seed);
    }

    /** Adds {@code other} to this; returns this (Spark's fold may hand either back). */
    OutcomeTally merge(OutcomeTally other) {
        other.byStage.forEach((k, v) -> byStage.merge(k, v, Long::sum));
        other.byInput.forEach((k, v) -> byInput.merge(k, v, Long::sum));
        other.signalTotals.forEach((stage, sums) -> {
            TreeMap<String, Long> mine = signalTotals.computeIfAbsent(stage, s -> new TreeMap<>());
            sums.forEach((k, v) -> mine.merge(k, v, Long::sum));
        });
        dropped.merge(other.dropped);
        return this;
    }

    /** Documents per {@code Accounting.key} (stage, status and reason). */
    Map<String, Long> byStage() {
        return byStage;
    }

    /** Documents with {@code status}. */
    long count(Outcome.Status status) {
        String prefix = status == Outcome.Status.KEPT ? "KEPT" : status + "\t";
        return byStage.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Documents per input file's URI. */
    Map<String, Long> byInput() {
        return byInput;
    }

    /** Per stage that asked: its totals by key. */
    Map<String, TreeMap<String, Long>> signalTotals() {
        return signalTotals;
    }

    DroppedExamples dropped() {
        return dropped;
    }
}
