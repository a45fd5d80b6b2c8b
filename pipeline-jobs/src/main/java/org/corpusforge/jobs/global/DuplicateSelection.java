package org.corpusforge.jobs.global;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corpusforge.filters.MinHashSignature;

/**
 * Which documents of a similarity graph stay and which go, by the rule users assume dedup follows: a document is
 * dropped only as a near duplicate of a document that is <em>kept</em>, with which its exact similarity reaches the
 * threshold (every edge given here has been measured so). Documents are taken in order of preference (their
 * numbers): each is kept unless a kept, more preferred neighbour resembles it, and then its witness is the most
 * similar such neighbour (ties: the most preferred). This is the greedy independent set in preference order; unlike
 * connected components, similarity never passes through a dropped document, so a chain of overlapping copies keeps
 * every document that resembles no kept one.
 *
 * <p>A component (documents joined by edges) larger than {@code maxClusterSize} is refused, unless allowed: all its
 * documents stay, and it is reported. Plain Java, no Spark: the driver runs it over a small graph at once, and a
 * task over each component of a large one; the result is the same either way, since components are independent.
 */
final class DuplicateSelection {
    private DuplicateSelection() {}

    /**
     * A verified pair, {@code preferred < other}: the shingles they share and the size of the union of their shingle
     * sets, whose ratio (their exact Jaccard similarity) reaches the threshold.
     */
    record Edge(long preferred, long other, int shared, int union) implements Serializable {
        double jaccard() {
            return MinHashSignature.jaccard(shared, union);
        }
    }

    /** A dropped document, the kept one that resembles it, and how much (the witness's edge). */
    record Drop(long node, long witness, int shared, int union) implements Serializable {
        double jaccard() {
            return MinHashSignature.jaccard(shared, union);
        }
    }

    /** A component of the graph: its size, its most preferred document, whether it was refused for its size. */
    record Component(long canonical, long size, boolean refused) implements Serializable {}

    /** The drops of the given edges' components, and those components. */
    record Selection(List<Drop> drops, List<Component> components) implements Serializable {}

    static Selection select(List<Edge> edges, long maxClusterSize, boolean allowLarge) {
        Map<Long, Long> parent = new HashMap<>();
        for (Edge e : edges) {
            union(parent, e.preferred(), e.other());
        }
        Map<Long, Long> sizes = new HashMap<>();
        parent.keySet().forEach(n -> sizes.merge(find(parent, n), 1L, Long::sum));
        List<Component> components = new ArrayList<>();
        Set<Long> refused = new HashSet<>();
        sizes.forEach((root, size) -> {
            boolean refuse = size > maxClusterSize && !allowLarge;
            components.add(new Component(root, size, refuse));
            if (refuse) {
                refused.add(root);
            }
        });
        components.sort(Comparator.comparingLong(Component::canonical));
        List<Edge> sorted = new ArrayList<>(edges.size());
        for (Edge e : edges) {
            if (!refused.contains(find(parent, e.preferred()))) {
                sorted.add(e);
            }
        }
        // by the less preferred end: when a document's turn comes, every more preferred neighbour is decided
        sorted.sort(Comparator.comparingLong(Edge::other).thenComparingLong(Edge::preferred));
        List<Drop> drops = new ArrayList<>();
        Set<Long> dropped = new HashSet<>();
        int i = 0;
        while (i < sorted.size()) {
            long node = sorted.get(i).other();
            Edge witness = null;
            for (; i < sorted.size() && sorted.get(i).other() == node; i++) {
                Edge e = sorted.get(i);
                if (!dropped.contains(e.preferred()) && (witness == null || e.jaccard() > witness.jaccard())) {
                    witness = e;
                }
            }
            if (witness != null) {
                dropped.add(node);
                drops.add(new Drop(node, witness.preferred(), witness.shared(), witness.union()));
            }
        }
        return new Selection(drops, components);
    }

    /** The smallest node is each set's root, so the root is the component's most preferred document. */
    private static void union(Map<Long, Long> parent, long a, long b) {
        long ra = find(parent, a);
        long rb = find(parent, b);
        if (ra != rb) {
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    private static long find(Map<Long, Long> parent, long n) {
        long root = n;
        Long p;
        while ((p = parent.putIfAbsent(root, root)) != null && p != root) {
            root = p;
        }
        // path compression keeps later finds short
        long x = n;
        while (x != root) {
            long next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }
}
