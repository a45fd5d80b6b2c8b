package org.corpusforge.jobs.global;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which documents stay: against a brute-force greedy over random graphs, in any edge order, and the size guard. */
class DuplicateSelectionTest {
    private static DuplicateSelection.Edge edge(long a, long b, int shared, int union) {
        return new DuplicateSelection.Edge(a, b, shared, union);
    }

    /** Witness per dropped node, by the rule written the plainest way: node by node, every kept one compared. */
    private static Map<Long, Long> bruteForce(List<DuplicateSelection.Edge> edges) {
        TreeMap<Long, List<DuplicateSelection.Edge>> into = new TreeMap<>();
        for (DuplicateSelection.Edge e : edges) {
            into.computeIfAbsent(e.other(), k -> new ArrayList<>()).add(e);
            into.computeIfAbsent(e.preferred(), k -> new ArrayList<>());
        }
        Map<Long, Long> witness = new TreeMap<>();
        for (Map.Entry<Long, List<DuplicateSelection.Edge>> node : into.entrySet()) {
            DuplicateSelection.Edge best = null;
            for (DuplicateSelection.Edge e : node.getValue()) {
                boolean kept = !witness.containsKey(e.preferred());
                if (kept && (best == null || e.jaccard() > best.jaccard()
                        || e.jaccard() == best.jaccard() && e.preferred() < best.preferred())) {
                    best = e;
                }
            }
            if (best != null) {
                witness.put(node.getKey(), best.preferred());
            }
        }
        return witness;
    }

    private static Map<Long, Long> selected(List<DuplicateSelection.Edge> edges) {
        Map<Long, Long> witness = new TreeMap<>();
        DuplicateSelection.select(edges, Long.MAX_VALUE, false).drops().forEach(d -> witness.put(d.node(), d.witness()));
        return witness;
    }

    @Test
    void aChainKeepsEveryOtherDocumentNotOne() {
        List<DuplicateSelection.Edge> chain = new ArrayList<>();
        for (long i = 0; i < 9; i++) {
            chain.add(edge(i, i + 1, 8, 10));
        }
        assertEquals(Map.of(1L, 0L, 3L, 2L, 5L, 4L, 7L, 6L, 9L, 8L), selected(chain));
    }

    @Test
    void theWitnessIsTheMostSimilarKeptDocumentThenTheMostPreferred() {
        List<DuplicateSelection.Edge> edges = List.of(edge(0, 5, 7, 10), edge(1, 5, 9, 10), edge(2, 5, 9, 10));
        assertEquals(Map.of(5L, 1L), selected(edges));
    }

    @Test
    void equalsBruteForceOnRandomGraphsInAnyOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int nodes = 2 + random.nextInt(40);
            List<DuplicateSelection.Edge> edges = new ArrayList<>();
            for (int a = 0; a < nodes; a++) {
                for (int b = a + 1; b < nodes; b++) {
                    if (random.nextInt(5) == 0) {
                        edges.add(edge(a * 3L, b * 3L, 70 + random.nextInt(4), 100));
                    }
                }
            }
            Map<Long, Long> expected = bruteForce(edges);
            Collections.shuffle(edges, random);
            assertEquals(expected, selected(edges), "round " + round);
        }
    }

    @Test
    void aComponentOverTheLimitIsKeptWholeUnlessAllowed() {
        List<DuplicateSelection.Edge> edges = List.of(edge(0, 1, 9, 10), edge(1, 2, 9, 10), edge(10, 11, 9, 10));
        DuplicateSelection.Selection refused = DuplicateSelection.select(edges, 2, false);
        assertEquals(List.of(new DuplicateSelection.Drop(11, 10, 9, 10)), refused.drops());
        assertEquals(List.of(new DuplicateSelection.Component(0, 3, true), new DuplicateSelection.Component(10, 2, false)),
                refused.components());
        assertEquals(2, DuplicateSelection.select(edges, 2, true).drops().size());
    }
}
