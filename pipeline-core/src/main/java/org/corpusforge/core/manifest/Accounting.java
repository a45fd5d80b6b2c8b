package org.corpusforge.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.corpusforge.core.stage.Outcome;

/**
 * Turns counts of outcomes, keyed by where each record left the pipeline, into per-stage accounting.
 * Stage {@code i} receives what stage {@code i-1} kept; what it neither drops nor quarantines it keeps.
 * The counts come from the data (one outcome per record, counted by Spark), never from accumulators, so a
 * retried task cannot change them.
 */
public final class Accounting {
    private Accounting() {}

    /** The key an outcome is counted under: stage, status and reason. */
    public static String key(Outcome outcome) {
        return outcome.status() == Outcome.Status.KEPT ? "KEPT"
                : outcome.status() + "\t" + outcome.stage() + "\t" + outcome.reason();
    }

    /** As {@link #stages(List, Map)}, for stages known by their ids alone. */
    public static List<Manifest.StageEntry> stagesNamed(List<String> stageNames, Map<String, Long> counts) {
        return stages(stageNames.stream().map(id -> new Manifest.StageEntry.Identity(id, null, null)).toList(), counts);
    }

    /**
     * @param identities the stages in order, starting with {@code read}
     * @param counts     records per {@link #key(Outcome)}
     */
    public static List<Manifest.StageEntry> stages(List<Manifest.StageEntry.Identity> identities,
                                                   Map<String, Long> counts) {
        List<String> stageNames = identities.stream().map(Manifest.StageEntry.Identity::id).toList();
        Map<String, SortedMap<String, Long>> dropped = new TreeMap<>();
        Map<String, SortedMap<String, Long>> quarantined = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            total += e.getValue();
            if (e.getKey().equals("KEPT")) {
                continue;
            }
            String[] parts = e.getKey().split("\t", 3);
            if (!stageNames.contains(parts[1])) {
                throw new IllegalStateException("outcome counted for an unknown stage: " + parts[1]);
            }
            Map<String, SortedMap<String, Long>> target = parts[0].equals("DROPPED") ? dropped : quarantined;
            target.computeIfAbsent(parts[1], k -> new TreeMap<>()).merge(parts[2], e.getValue(), Long::sum);
        }
        List<Manifest.StageEntry> entries = new ArrayList<>();
        long in = total;
        for (Manifest.StageEntry.Identity stage : identities) {
            String name = stage.id();
            SortedMap<String, Long> d = dropped.getOrDefault(name, new TreeMap<>());
            SortedMap<String, Long> q = quarantined.getOrDefault(name, new TreeMap<>());
            long quarantinedCount = q.values().stream().mapToLong(Long::longValue).sum();
            long kept = in - d.values().stream().mapToLong(Long::longValue).sum() - quarantinedCount;
            entries.add(new Manifest.StageEntry(name, stage.kind(), in, kept, d, quarantinedCount, q, stage.settings()));
            in = kept;
        }
        long keptCounted = counts.getOrDefault("KEPT", 0L);
        if (in != keptCounted) {
            throw new IllegalStateException("accounting does not add up: " + in + " left the last stage, "
                    + keptCounted + " kept");
        }
        return entries;
    }

    /** Totals over the stages; {@code droppedByReason} keys are {@code stage/reason}. */
    public static Manifest.Totals totals(List<Manifest.StageEntry> stages, List<Manifest.FileEntry> shards,
                                         SortedMap<String, Long> tokensBySource) {
        SortedMap<String, Long> byReason = new TreeMap<>();
        long dropped = 0;
        long quarantined = 0;
        for (Manifest.StageEntry s : stages) {
            s.dropped().forEach((reason, n) -> byReason.put(s.name() + "/" + reason, n));
            dropped += s.droppedTotal();
            quarantined += s.quarantined();
        }
        long read = stages.isEmpty() ? 0 : stages.get(0).in();
        long kept = stages.isEmpty() ? 0 : stages.get(stages.size() - 1).kept();
        return new Manifest.Totals(read, kept, dropped, quarantined, byReason, shards.size(),
                shards.stream().mapToLong(Manifest.FileEntry::bytes).sum(),
                shards.stream().mapToLong(Manifest.FileEntry::textBytes).sum(),
                tokensBySource == null ? null : tokensBySource.values().stream().mapToLong(Long::longValue).sum(),
                tokensBySource);
    }
}
