package org.corpusforge.core.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Rehydration ({@code output.rehydration:}, off by default): a kept document that stood for a cluster of duplicates
 * ({@code dup_cluster_size}) is written more than once, as FineWeb-2 repeats well-replicated texts. The schedule is a
 * list of steps, each {@code {from: CLUSTER_SIZE, copies: N}}, in increasing {@code from}: a document gets the copies
 * of the last step whose {@code from} its cluster size reaches, and one copy below the first step.
 *
 * <p>The default schedule is corpusforge's own starting point, not FineWeb-2's (whose weights were fitted per
 * language to filtering rates): 2 copies from a cluster of 2, 3 from 5, and back to 1 from 100 (a text repeated that
 * often is boilerplate more often than a classic).
 */
public record RehydrationSpec(boolean enabled, List<Step> schedule) implements Serializable {
    public record Step(long from, int copies) implements Serializable {}

    public static final List<Step> DEFAULT_SCHEDULE = List.of(new Step(2, 2), new Step(5, 3), new Step(100, 1));

    static RehydrationSpec parse(ConfigNode node) {
        boolean enabled = node.bool("enabled", false);
        List<Step> schedule = new ArrayList<>();
        if (node.has("schedule")) {
            long last = 0;
            for (ConfigNode step : node.list("schedule")) {
                long from = step.longValue("from", 0, 1, Long.MAX_VALUE);
                int copies = step.intValue("copies", 1, 1, 100);
                if (from <= last) {
                    throw new ConfigException(step.path() + ".from: the steps' cluster sizes must increase (" + from
                            + " after " + last + ")", step.path());
                }
                last = from;
                schedule.add(new Step(from, copies));
            }
        } else {
            schedule.addAll(DEFAULT_SCHEDULE);
        }
        return new RehydrationSpec(enabled, List.copyOf(schedule));
    }

    /** How many times a document of this cluster size is written. */
    public int copies(long clusterSize) {
        int copies = 1;
        for (Step step : schedule) {
            if (clusterSize >= step.from()) {
                copies = step.copies();
            }
        }
        return enabled ? copies : 1;
    }
}
