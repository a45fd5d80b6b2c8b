package org.corpusforge.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.core.stage.Outcome;

/** Checks that a manifest adds up, without looking at any file; one line per problem found. */
public final class ManifestChecks {
    private static final ObjectMapper CANONICAL_JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ManifestChecks() {}

    public static List<String> accountingProblems(Manifest m) {
        List<String> problems = new ArrayList<>();
        if (m.formatVersion() < Manifest.OLDEST_READABLE_VERSION || m.formatVersion() > Manifest.FORMAT_VERSION) {
            problems.add("format_version is " + m.formatVersion() + ", this tool reads "
                    + Manifest.OLDEST_READABLE_VERSION + " to " + Manifest.FORMAT_VERSION);
        }
        List<Manifest.StageEntry> stages = m.stages();
        if (stages.isEmpty() || !Outcome.READ_STAGE.equals(stages.get(0).name())) {
            problems.add("stages: the first stage must be 'read'");
            return problems;
        }
        long inputRecords = m.inputs().stream().mapToLong(Manifest.InputEntry::records).sum();
        if (stages.get(0).in() != inputRecords) {
            problems.add("stages[read].in is " + stages.get(0).in() + " but the inputs hold " + inputRecords
                    + " records");
        }
        for (int i = 0; i < stages.size(); i++) {
            Manifest.StageEntry s = stages.get(i);
            long out = s.kept() + s.droppedTotal() + s.quarantined();
            if (s.in() != out) {
                problems.add("stages[" + s.name() + "]: in " + s.in() + " != kept " + s.kept() + " + dropped "
                        + s.droppedTotal() + " + quarantined " + s.quarantined());
            }
            long reasons = s.quarantineReasons().values().stream().mapToLong(Long::longValue).sum();
            if (reasons != s.quarantined()) {
                problems.add("stages[" + s.name() + "]: quarantine reasons sum to " + reasons + ", not "
                        + s.quarantined());
            }
            if (i > 0 && s.in() != stages.get(i - 1).kept()) {
                problems.add("stages[" + s.name() + "].in " + s.in() + " != kept of the stage before, "
                        + stages.get(i - 1).kept());
            }
        }
        Manifest.Totals t = m.totals();
        Manifest.StageEntry last = stages.get(stages.size() - 1);
        long dropped = stages.stream().mapToLong(Manifest.StageEntry::droppedTotal).sum();
        long quarantined = stages.stream().mapToLong(Manifest.StageEntry::quarantined).sum();
        check(problems, "totals.records_read", t.recordsRead(), stages.get(0).in());
        check(problems, "totals.kept", t.kept(), last.kept());
        check(problems, "totals.dropped", t.dropped(), dropped);
        check(problems, "totals.quarantined", t.quarantined(), quarantined);
        if (t.recordsRead() != t.kept() + t.dropped() + t.quarantined()) {
            problems.add("totals: records_read " + t.recordsRead() + " != kept " + t.kept() + " + dropped "
                    + t.dropped() + " + quarantined " + t.quarantined());
        }
        check(problems, "totals.dropped_by_reason (sum)",
                t.droppedByReason().values().stream().mapToLong(Long::longValue).sum(), dropped);
        // a rehydrated corpus writes some kept documents more than once
        check(problems, "rows in shards", m.shards().stream().mapToLong(Manifest.FileEntry::rows).sum(),
                t.kept() + (m.rehydration() == null ? 0 : m.rehydration().copiesAdded()));
        check(problems, "rows in quarantine files",
                m.quarantine().stream().mapToLong(Manifest.FileEntry::rows).sum(), t.quarantined());
        if (m.dropped() != null && !m.dropped().isEmpty()) {
            check(problems, "rows in dropped files", m.dropped().stream().mapToLong(Manifest.FileEntry::rows).sum(),
                    t.dropped());
        }
        check(problems, "totals.shard_count", t.shardCount(), m.shards().size());
        check(problems, "totals.shard_bytes", t.shardBytes(),
                m.shards().stream().mapToLong(Manifest.FileEntry::bytes).sum());
        if (t.tokens() != null) {
            check(problems, "tokens in shards", m.shards().stream()
                    .mapToLong(f -> f.tokens() == null ? 0 : f.tokens()).sum(), t.tokens());
            check(problems, "totals.tokens_by_source (sum)",
                    t.tokensBySource().values().stream().mapToLong(Long::longValue).sum(), t.tokens());
        }
        if (m.config() == null || !configSha256(m).equals(m.configSha256())) {
            problems.add("config_sha256 does not match the config recorded in the manifest");
        }
        return problems;
    }

    /** SHA-256 of the manifest's config in canonical JSON (keys sorted), as the run computed it. */
    public static String configSha256(Manifest m) {
        try {
            Object plain = CANONICAL_JSON.treeToValue(m.config(), Object.class);
            return Hashing.sha256Hex(CANONICAL_JSON.writeValueAsString(plain));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(List<String> problems, String what, long recorded, long expected) {
        if (recorded != expected) {
            problems.add(what + " is " + recorded + ", expected " + expected);
        }
    }
}
