package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.filters.MinHashSignature;
import org.corpusforge.filters.SpellingFold;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sliding chain of overlapping passages (document i holds sentences 2i to 2i+19, so neighbours share 18 of 20 and
 * documents ten apart share none), in id order, the order dedup prefers them in: connected components would keep one
 * document of the whole chain. The rule keeps what brute force over every pair's exact shingle Jaccard keeps, taking
 * the documents in preference order; every drop names a kept witness at or above the threshold, and the evidence
 * beside the corpus says the same. Solved on the driver and one task per component alike.
 */
@ExtendWith(SharedSpark.class)
class DedupChainTest {
    static final double MIN_JACCARD = 0.7;
    @TempDir
    static Path tmp;
    static Path input;
    static final Map<String, String> texts = new TreeMap<>();

    @BeforeAll
    static void chain() throws Exception {
        List<String> sentences = new ArrayList<>();
        for (String line : Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            sentences.add(line.split(":", 2)[1].split(",", 2)[0]);
        }
        for (int i = 0; 2 * i + 20 <= 150; i++) {
            texts.put("chain-%03d".formatted(i), String.join("\n", sentences.subList(2 * i, 2 * i + 20)));
        }
        // an exact copy of a document the rule drops, and one of a document it keeps: copies share the fate
        texts.put("chain-001-copy", texts.get("chain-001"));
        texts.put("chain-002-copy", texts.get("chain-002"));
        ObjectMapper json = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        texts.forEach((id, text) -> {
            try {
                jsonl.append(json.writeValueAsString(Map.of("id", id, "text", text))).append('\n');
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        input = Files.createDirectories(tmp.resolve("in")).resolve("chain.jsonl");
        Files.writeString(input, jsonl.toString());
    }

    /** Every document's fate by brute force: in id order, dropped when a kept one reaches the threshold. */
    static Map<String, String> bruteForce() {
        MinHashSignature minhash = new MinHashSignature(5, 1, 0);
        Map<String, long[]> sets = new TreeMap<>();
        texts.forEach((id, text) -> sets.put(id, minhash.shingles(SpellingFold.shipped().fold(text))));
        Map<String, String> witness = new TreeMap<>();
        List<String> kept = new ArrayList<>();
        for (String id : sets.keySet()) {
            String best = null;
            double bestJ = -1;
            for (String k : kept) {
                double j = MinHashSignature.jaccard(sets.get(k), sets.get(id));
                if (j >= MIN_JACCARD && j > bestJ) {
                    best = k;
                    bestJ = j;
                }
            }
            if (best == null) {
                kept.add(id);
                witness.put(id, id);
            } else {
                witness.put(id, best);
            }
        }
        return witness;
    }

    static double jaccard(String a, String b) {
        MinHashSignature minhash = new MinHashSignature(5, 1, 0);
        return MinHashSignature.jaccard(minhash.shingles(SpellingFold.shipped().fold(texts.get(a))),
                minhash.shingles(SpellingFold.shipped().fold(texts.get(b))));
    }

    @Test
    void onTheDriverTheChainKeepsWhatTheRuleImplies() throws Exception {
        check(tmp.resolve("driver"), 1_000_000, 2);
    }

    @Test
    void oneTaskPerComponentKeepsTheSame() throws Exception {
        check(tmp.resolve("components"), 0, 3);
    }

    private void check(Path out, long driverEdges, int parallelism) throws Exception {
        Manifest m = Runs.run("""
                inputs: [{path: %s}]
                dedup: {exact: true, near: true, min_jaccard: %s, select_on_driver_edges: %d}
                output: {write_dropped: true}
                """.formatted(input, MIN_JACCARD, driverEdges), out, parallelism);
        assertEquals(List.of(), Runs.problems(out));
        Map<String, String> expected = bruteForce();
        Map<String, String> actual = new TreeMap<>();
        for (String line : Runs.cli("show", out.toString(), "--limit", "0").out().split("\n")) {
            JsonNode d = new ObjectMapper().readTree(line);
            actual.put(d.get("id").asText(), d.get("attributes").get("dup_cluster_id").asText());
        }
        List<String> keptIds = new ArrayList<>(actual.keySet());
        Map<String, JsonNode> evidence = new TreeMap<>();
        for (Path f : Runs.files(out.resolve("dedup"))) {
            for (String line : Files.readAllLines(f)) {
                JsonNode e = new ObjectMapper().readTree(line);
                evidence.put(e.get("id").asText(), e);
                actual.put(e.get("id").asText(), e.get("kept").asText());
            }
        }
        assertEquals(expected, actual);
        long keptCount = expected.entrySet().stream().filter(e -> e.getKey().equals(e.getValue())).count();
        assertTrue(keptCount >= 10 && keptCount < texts.size() / 2, "a chain keeps many, not one: " + keptCount);
        // no two kept documents at or above the threshold
        for (String a : keptIds) {
            for (String b : keptIds) {
                assertTrue(a.compareTo(b) >= 0 || jaccard(a, b) < MIN_JACCARD, a + " and " + b);
            }
        }
        // every drop: a kept witness, its exact similarity recorded, at or above the threshold
        Manifest.StageEntry dedup = m.stages().get(m.stages().size() - 1);
        assertEquals(evidence.size(), dedup.dropped().values().stream().mapToLong(Long::longValue).sum());
        evidence.forEach((id, e) -> {
            String kept = e.get("kept").asText();
            assertTrue(keptIds.contains(kept), id + "'s witness " + kept + " is kept");
            assertEquals(jaccard(id, kept), e.get("jaccard").asDouble(), 0.0, id);
            assertTrue(e.get("jaccard").asDouble() >= MIN_JACCARD, id);
        });
        assertEquals("exact-duplicate", evidence.get("chain-002-copy").get("reason").asText());
        assertEquals("near-duplicate", evidence.get("chain-001-copy").get("reason").asText());
        assertEquals(evidence.get("chain-001").get("kept").asText(), evidence.get("chain-001-copy").get("kept").asText());
        assertNotNull(m.stageFiles().get("dedup"));
        assertFalse(m.stageFiles().get("dedup").isEmpty());

        // verify's re-measure: every recorded drop from the texts (the dropped ones from the input), then one record
        // altered by a shingle
        DedupRecheck.Result recheck = DedupRecheck.recheck(out.toString(), 0, new org.apache.hadoop.conf.Configuration());
        assertEquals(evidence.size(), recheck.sampled());
        assertEquals(evidence.size(), recheck.remeasured(), recheck.unavailable().toString());
        assertEquals(List.of(), recheck.problems());
        Path file = Runs.files(out.resolve("dedup")).get(0);
        String altered = Files.readString(file).replaceFirst("\"shared_shingles\":(\\d+)", "\"shared_shingles\":1$1");
        Files.writeString(file, altered);
        List<String> problems = DedupRecheck.recheck(out.toString(), 0, new org.apache.hadoop.conf.Configuration())
                .problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("recorded 1"), problems.get(0));
    }

    @Test
    void aComponentOverMaxClusterSizeIsKeptWholeAndReported() throws Exception {
        String config = """
                inputs: [{path: %s}]
                dedup: {exact: true, near: true, max_cluster_size: 20, allow_large_clusters: %s}
                """;
        Manifest refused = Runs.run(config.formatted(input, false), tmp.resolve("refused"), 2);
        Map<String, Object> details = refused.stageDetails().get("dedup");
        assertTrue(((Number) details.get("refused_components")).longValue() >= 1, details.toString());
        Manifest.StageEntry stage = refused.stages().get(refused.stages().size() - 1);
        // the exact copies go, as exact copies always do; nothing of the refused chain does
        assertEquals(Map.of("exact-duplicate", 2L), stage.dropped(), details.toString());
        Manifest allowed = Runs.run(config.formatted(input, true), tmp.resolve("allowed"), 2);
        assertEquals(0L, ((Number) allowed.stageDetails().get("dedup").get("refused_components")).longValue());
        assertTrue(String.valueOf(refused.stageDetails().get("dedup").get("warnings")).contains("kept whole"));
        assertTrue(String.valueOf(allowed.stageDetails().get("dedup").get("warnings")).contains("were deduplicated"));
        assertTrue(allowed.stages().get(allowed.stages().size() - 1).kept() < stage.kept());
    }
}
