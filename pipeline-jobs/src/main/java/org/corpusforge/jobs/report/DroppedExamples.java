package org.corpusforge.jobs.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.shards.OrderKey;

/**
 * A few dropped documents per stage and reason, for the report: the first ones in the run's seeded order, so the
 * same run shows the same examples whatever the partitioning. Only provenance and the stage's detail are held (the
 * detail was redacted by the chain like every side output); never the text. Filled one outcome at a time and merged,
 * so the run gathers it in the pass that counts.
 */
public final class DroppedExamples implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Held> BY_ORDER = Comparator.comparing(Held::order);

    private record Held(OrderKey order, ReportData.Example example) implements Serializable {}

    private final int keep;
    /** stage + tab + reason: at most {@code keep} examples, the smallest keys met so far, in no order */
    private final TreeMap<String, ArrayList<Held>> byReason = new TreeMap<>();

    public DroppedExamples() {
        this(ReportData.EXAMPLES_PER_REASON);
    }

    DroppedExamples(int keep) {
        this.keep = keep;
    }

    /** Holds {@code outcome} if it is dropped and among the first of its stage and reason so far. */
    public void add(Outcome outcome, long seed) {
        if (outcome.status() != Outcome.Status.DROPPED) {
            return;
        }
        OrderKey order = OrderKey.of(seed, outcome.id(), outcome.provenance());
        ArrayList<Held> held = byReason.computeIfAbsent(outcome.stage() + "\t" + outcome.reason(),
                k -> new ArrayList<>(keep + 1));
        if (held.size() == keep && order.compareTo(held.stream().max(BY_ORDER).orElseThrow().order()) >= 0) {
            return; // the common case, decided without building the example
        }
        offer(held, new Held(order, new ReportData.Example(outcome.stage(), outcome.reason(), outcome.id(),
                outcome.provenance().sourceUri(), outcome.provenance().locator(), outcome.detail())));
    }

    /** Adds what {@code other} holds to this; returns this. */
    public DroppedExamples merge(DroppedExamples other) {
        other.byReason.forEach((reason, theirs) -> {
            ArrayList<Held> held = byReason.computeIfAbsent(reason, k -> new ArrayList<>(keep + 1));
            theirs.forEach(h -> offer(held, h));
        });
        return this;
    }

    private void offer(ArrayList<Held> held, Held candidate) {
        held.add(candidate);
        if (held.size() > keep) {
            held.remove(held.stream().max(BY_ORDER).orElseThrow());
        }
    }

    /** The examples by stage and reason, each reason's in the seeded order. */
    public List<ReportData.Example> examples() {
        List<ReportData.Example> examples = new ArrayList<>();
        for (Map.Entry<String, ArrayList<Held>> reason : byReason.entrySet()) {
            reason.getValue().stream().sorted(BY_ORDER).forEach(h -> examples.add(h.example()));
        }
        return examples;
    }
}
