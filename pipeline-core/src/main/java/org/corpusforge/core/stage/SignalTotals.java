package org.corpusforge.core.stage;

import java.io.Serializable;
import java.util.Set;

/**
 * What a per-document stage asks the manifest to record beyond its counts: the totals, over the kept documents, of
 * its signals named {@code prefix + key} (except {@code excluded}), under {@code name} in its {@code stage_details},
 * by key. The pii stage: the spans masked per type ({@code pii_email} ... as {@code email} ...), without the density.
 */
public record SignalTotals(String name, String prefix, Set<String> excluded) implements Serializable {
    /** The key a signal is totalled under, or null when it is not one of these. */
    public String key(String signal) {
        return signal.startsWith(prefix) && !excluded.contains(signal) ? signal.substring(prefix.length()) : null;
    }
}
