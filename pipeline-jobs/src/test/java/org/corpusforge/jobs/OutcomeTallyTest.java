package org.corpusforge.jobs;

import org.corpusforge.jobs.shards.OrderKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.corpusforge.core.manifest.Accounting;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.SignalTotals;
import org.corpusforge.jobs.report.ReportData;
import org.junit.jupiter.api.Test;

/**
 * The one pass that counts the final outcomes: however the outcomes are cut into partitions and in whatever order the
 * partitions' tallies are merged, the counts, the signal totals and the dropped examples equal a brute force over
 * the whole list (each reason's first examples by the seeded order, sorted).
 */
class OutcomeTallyTest {
    private static final long SEED = 7;
    private static final Map<String, SignalTotals> ASKED = Map.of("pii",
            new SignalTotals("masked", "pii_", Set.of("pii_density")));

    @Test
    void anyPartitioningGivesTheBruteForceAnswer() {
        Random random = new Random(20261206);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            outcomes.add(outcome(i, random));
        }
        for (int trial = 0; trial < 20; trial++) {
            List<Outcome> shuffled = new ArrayList<>(outcomes);
            Collections.shuffle(shuffled, random);
            List<OutcomeTally> parts = new ArrayList<>();
            int from = 0;
            while (from < shuffled.size()) {
                int to = Math.min(shuffled.size(), from + random.nextInt(300)); // empty parts too
                OutcomeTally part = new OutcomeTally(SEED, ASKED);
                shuffled.subList(from, to).forEach(part::add);
                parts.add(part);
                from = to;
            }
            Collections.shuffle(parts, random);
            OutcomeTally merged = new OutcomeTally(SEED, ASKED);
            parts.forEach(merged::merge);

            assertEquals(byStage(outcomes), merged.byStage());
            assertEquals(byInput(outcomes), merged.byInput());
            assertEquals(Map.of("pii", piiTotals(outcomes)), merged.signalTotals());
            assertEquals(examples(outcomes), merged.dropped().examples());
            for (Outcome.Status status : Outcome.Status.values()) {
                assertEquals(outcomes.stream().filter(o -> o.status() == status).count(), merged.count(status));
            }
        }
        assertTrue(examples(outcomes).size() > 10, "several reasons with examples");
    }

    private static Outcome outcome(int i, Random random) {
        Document doc = new Document("doc-" + i, "本文" + i, SourceKind.WEB,
                new Provenance("file:/in/part-" + random.nextInt(5) + ".warc.gz", "offset:" + i, "ab".repeat(32)),
                new Metadata(null, "https://example.jp/" + i, null, null, Map.of()))
                .withSignals(Map.of("pii_email", (double) random.nextInt(3), "pii_phone", (double) random.nextInt(2),
                        "pii_density", 0.5, "char_count", 3.0));
        return switch (random.nextInt(4)) {
            case 0, 1 -> Outcome.kept(doc);
            case 2 -> Outcome.dropped(random.nextBoolean() ? "quality" : "dedup",
                    "reason-" + random.nextInt(4), "detail " + i, doc);
            default -> Outcome.quarantined("read", "too_large", "detail " + i, doc);
        };
    }

    private static Map<String, Long> byStage(List<Outcome> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(Accounting.key(o), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> byInput(List<Outcome> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.provenance().sourceUri(), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> piiTotals(List<Outcome> outcomes) {
        Map<String, Long> totals = new TreeMap<>();
        outcomes.stream().filter(o -> o.status() == Outcome.Status.KEPT).forEach(o -> {
            totals.merge("email", o.document().signals().get("pii_email").longValue(), Long::sum);
            totals.merge("phone", o.document().signals().get("pii_phone").longValue(), Long::sum);
        });
        return totals;
    }

    private static List<ReportData.Example> examples(List<Outcome> outcomes) {
        Map<String, List<Outcome>> byReason = new TreeMap<>();
        outcomes.stream().filter(o -> o.status() == Outcome.Status.DROPPED)
                .forEach(o -> byReason.computeIfAbsent(o.stage() + "\t" + o.reason(), k -> new ArrayList<>()).add(o));
        List<ReportData.Example> examples = new ArrayList<>();
        byReason.values().forEach(list -> list.stream()
                .sorted(Comparator.comparing((Outcome o) -> OrderKey.of(SEED, o.id(), o.provenance())))
                .limit(ReportData.EXAMPLES_PER_REASON)
                .forEach(o -> examples.add(new ReportData.Example(o.stage(), o.reason(), o.id(),
                        o.provenance().sourceUri(), o.provenance().locator(), o.detail()))));
        return examples;
    }
}
