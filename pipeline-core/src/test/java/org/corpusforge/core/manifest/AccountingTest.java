package org.corpusforge.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.model.Hashing;
import org.junit.jupiter.api.Test;

class AccountingTest {
    private static final List<String> STAGES = List.of("read", "normalize", "length-ratio");
    private static final Map<String, Long> COUNTS = Map.of(
            "KEPT", 90L,
            "QUARANTINED\tread\tmalformed-json", 3L,
            "QUARANTINED\tread\tinvalid-utf8", 1L,
            "DROPPED\tlength-ratio\ttoo-short", 5L,
            "DROPPED\tlength-ratio\tlow-japanese-ratio", 2L,
            "QUARANTINED\tnormalize\tstage-error", 1L);

    @Test
    void eachStageReceivesWhatTheOneBeforeKept() {
        List<Manifest.StageEntry> s = Accounting.stagesNamed(STAGES, COUNTS);
        assertEquals(102, s.get(0).in());
        assertEquals(4, s.get(0).quarantined());
        assertEquals(98, s.get(0).kept());
        assertEquals(98, s.get(1).in());
        assertEquals(97, s.get(1).kept());
        assertEquals(Map.of("too-short", 5L, "low-japanese-ratio", 2L), s.get(2).dropped());
        assertEquals(90, s.get(2).kept());
        Manifest.Totals t = Accounting.totals(s, List.of(new Manifest.FileEntry("shards/part-00000.parquet", 90, 1, "x", 9, null)), null);
        assertEquals(102, t.recordsRead());
        assertEquals(7, t.dropped());
        assertEquals(5, t.quarantined());
        assertEquals(Map.of("length-ratio/too-short", 5L, "length-ratio/low-japanese-ratio", 2L), t.droppedByReason());
    }

    @Test
    void countsForAStageThatIsNotConfiguredAreRejected() {
        assertThrows(IllegalStateException.class, () -> Accounting.stagesNamed(List.of("read"), COUNTS));
    }

    @Test
    void noRecordsGiveZerosEverywhere() {
        List<Manifest.StageEntry> s = Accounting.stagesNamed(STAGES, Map.of());
        assertTrue(s.stream().allMatch(e -> e.in() == 0 && e.kept() == 0));
    }

    @Test
    void checksAcceptAConsistentManifestAndNameEachInconsistency() throws IOException {
        Manifest good = manifest(90, 90);
        assertEquals(List.of(), ManifestChecks.accountingProblems(good));
        List<String> problems = ManifestChecks.accountingProblems(manifest(90, 89));
        assertTrue(problems.contains("rows in shards is 89, expected 90"), problems.toString());
        assertEquals(List.of("tokens in shards is 40, expected 41"), ManifestChecks.accountingProblems(manifest(90, 90, 11)));

        Manifest.StageEntry broken = new Manifest.StageEntry("normalize", "normalize", 98, 98, new TreeMap<>(), 1,
                new TreeMap<>(Map.of("stage-error", 1L)), null);
        List<Manifest.StageEntry> stages = new java.util.ArrayList<>(good.stages());
        stages.set(1, broken);
        Manifest tampered = new Manifest(Manifest.FORMAT_VERSION, "r", good.tool(), "a", "b", 0, Map.of(), good.spark(),
                null, good.config(), good.configSha256(), good.inputs(), stages, Map.of(), good.tokenizer(), good.shardPlan(),
                good.shards(), null, good.quarantine(), List.of(), good.totals(), null, null, null, null, null, null, null, null);
        assertTrue(ManifestChecks.accountingProblems(tampered).stream()
                .anyMatch(p -> p.startsWith("stages[normalize]: in 98 != kept 98")));
    }

    @Test
    void theJsonFormRoundTrips() throws IOException {
        Manifest m = manifest(90, 90);
        Manifest back = ManifestJson.fromBytes(ManifestJson.toBytes(m));
        assertEquals(m, back);
        String json = new String(ManifestJson.toBytes(m), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"records_read\" : 102"), json);
    }

    private static Manifest manifest(long kept, long shardRows) throws IOException {
        return manifest(kept, shardRows, 10L);
    }

    private static Manifest manifest(long kept, long shardRows, long tokensOfWeb) throws IOException {
        List<Manifest.StageEntry> stages = Accounting.stagesNamed(STAGES, COUNTS);
        List<Manifest.FileEntry> shards = List.of(
                new Manifest.FileEntry("shards/part-00000.parquet", shardRows, 10, "s", 5, 40L),
                new Manifest.FileEntry("shards/part-00001.parquet", 0, 10, "t", 0, 0L));
        var config = new ObjectMapper().readTree("{\"b\": 1, \"a\": [1, 2]}");
        return new Manifest(Manifest.FORMAT_VERSION, "run", new Manifest.Tool("corpusforge", "0", "c"), "a", "b", 1.0,
                Map.of("shards", 1.0), new Manifest.SparkInfo("local[2]", 2, "4.2.0", "app"),
                new Manifest.ResumedFrom("OUT/_checkpoint/per-document", "run0", "t", 102, List.of(), null), config,
                Hashing.sha256Hex("{\"a\":[1,2],\"b\":1}"), List.of(new Manifest.InputEntry("file:/in", 10, "h", 102)),
                stages, Map.of(), new Manifest.TokenizerInfo("t", "sentencepiece", "conf/t.model", "abc", 100),
                new Manifest.ShardPlan("tokens", 40, 2, 0, 2, 0, 40, 0.0, 0), shards, null,
                List.of(new Manifest.FileEntry("quarantine/part-00000.jsonl", 5, 10, "q", 0, null)), List.of(),
                Accounting.totals(stages, shards, new TreeMap<>(Map.of("book", 30L, "web", tokensOfWeb))),
                new Manifest.ShardSchema("document/3", List.of("char_count"), List.of("language")),
                List.of(new Manifest.Composition("web", null, 90, 5, 40L)),
                new Manifest.FileEntry("README.md", 0, 100, "c", 0, null),
                new Manifest.SearchIndex("corpusforge-suffix-array/1",
                        List.of(new Manifest.FileEntry("search/part-00000.sfx", shardRows, 300, "x", 0, 40L))),
                List.of(new Manifest.FileEntry("report.json", 0, 10, "r", 0, null)),
                Map.of("decontaminate", List.of(new Manifest.FileEntry("decontamination/part-00000.jsonl", 1, 10, "d",
                        0, null))), null, null);
    }
}
