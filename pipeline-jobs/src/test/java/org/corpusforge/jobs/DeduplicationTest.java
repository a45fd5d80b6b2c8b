package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Exact and near duplicates on Spark: who stays, who goes and why, whatever the partitioning. */
@ExtendWith(SharedSpark.class)
class DeduplicationTest {
    @TempDir
    static Path tmp;
    static Path input;
    static List<String> sentences = new ArrayList<>();

    @BeforeAll
    static void documents() throws Exception {
        for (String line : Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            sentences.add(line.split(":", 2)[1].split(",", 2)[0]);
        }
        String base = String.join("\n", sentences.subList(0, 30));
        String near = base.replace(sentences.get(10), "この一文だけが書き換えられている。");
        String other = String.join("\n", sentences.subList(100, 130));
        ObjectMapper json = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        for (String[] doc : new String[][] {
                {"d-base", base}, {"a-copy", base}, {"c-near", near}, {"b-other", other},
                {"e-short", "猫"}, {"f-short", "猫"}}) {
            jsonl.append(json.writeValueAsString(Map.of("id", doc[0], "text", doc[1]))).append('\n');
        }
        input = Files.createDirectories(tmp.resolve("in")).resolve("docs.jsonl");
        Files.writeString(input, jsonl.toString());
    }

    private static String config(String keep) {
        return """
                inputs: [{path: %s}]
                dedup: {exact: true, near: true, keep: %s}
                output: {write_dropped: true}
                """.formatted(input, keep);
    }

    private static Map<String, JsonNode> shown(Path out) throws Exception {
        Map<String, JsonNode> docs = new TreeMap<>();
        for (String line : Runs.cli("show", out.toString(), "--limit", "0").out().split("\n")) {
            JsonNode d = new ObjectMapper().readTree(line);
            docs.put(d.get("id").asText(), d);
        }
        return docs;
    }

    private static Map<String, JsonNode> dropped(Path out) throws Exception {
        Map<String, JsonNode> docs = new TreeMap<>();
        for (Path f : Runs.files(out.resolve("dropped"))) {
            for (String line : Files.readAllLines(f)) {
                JsonNode d = new ObjectMapper().readTree(line);
                docs.put(d.get("id").asText(), d);
            }
        }
        return docs;
    }

    @Test
    void oneDocumentPerClusterStaysAndTheOthersNameIt() throws Exception {
        Path out = tmp.resolve("smallest");
        Manifest m = Runs.run(config("smallest-id"), out, 2);
        Manifest.StageEntry dedup = m.stages().get(m.stages().size() - 1);
        assertEquals("dedup", dedup.name());
        assertEquals(Map.of("exact-duplicate", 2L, "near-duplicate", 1L), dedup.dropped());
        assertEquals(List.of(), Runs.problems(out));

        Map<String, JsonNode> kept = shown(out);
        assertEquals(List.of("a-copy", "b-other", "e-short"), new ArrayList<>(kept.keySet()));
        assertEquals("a-copy", kept.get("a-copy").get("attributes").get("dup_cluster_id").asText());
        assertEquals(3.0, kept.get("a-copy").get("signals").get("dup_cluster_size").asDouble());
        assertEquals(1.0, kept.get("b-other").get("signals").get("dup_cluster_size").asDouble());
        assertEquals(2.0, kept.get("e-short").get("signals").get("dup_cluster_size").asDouble(), "short texts too");

        Map<String, JsonNode> gone = dropped(out);
        assertEquals("exact-duplicate", gone.get("d-base").get("reason").asText());
        assertEquals("duplicate of a-copy", gone.get("d-base").get("detail").asText());
        assertEquals("near-duplicate", gone.get("c-near").get("reason").asText());
        assertTrue(gone.get("c-near").get("detail").asText().matches("duplicate of a-copy at Jaccard 0\\.9\\d{3} "
                + "\\(\\d+ of \\d+ shingles\\)"), gone.get("c-near").get("detail").asText());
        assertEquals("duplicate of e-short", gone.get("f-short").get("detail").asText());
        Map<String, Object> details = m.stageDetails().get("dedup");
        assertTrue(((Number) details.get("verified_edges")).longValue() >= 1, details.toString());
        // the near-duplicate graph holds one document of each group of equal texts: the short pair is exact only
        assertEquals(1L, ((Number) details.get("components")).longValue(), "the base cluster");
    }

    @Test
    void oversizedBucketsAreCountedAndSkipped() throws Exception {
        Path out = tmp.resolve("oversized");
        // the three versions of the base text share most band buckets; with at most 2 members per bucket those
        // are skipped, and the rewritten version, found only through them, is no longer joined
        String near = """
                inputs: [{path: %s}]
                dedup: {near: true, max_bucket_size: %d}
                """;
        Manifest unlimited = Runs.run(near.formatted(input, 10_000), tmp.resolve("unlimited"), 2);
        assertEquals(Map.of("exact-duplicate", 2L, "near-duplicate", 1L),
                unlimited.stages().get(unlimited.stages().size() - 1).dropped());
        Manifest m = Runs.run(near.formatted(input, 2), out, 2);
        Map<String, Object> details = m.stageDetails().get("dedup");
        assertTrue(((Number) details.get("oversized_buckets")).longValue() >= 1, details.toString());
        assertEquals(0L, ((Number) unlimited.stageDetails().get("dedup").get("oversized_buckets")).longValue());
        assertEquals(Map.of("exact-duplicate", 2L), m.stages().get(m.stages().size() - 1).dropped());
        assertEquals(List.of(), Runs.problems(out));
    }

    @Test
    void wordShinglesFromKuromojiFindTheSameClusters() throws Exception {
        Path out = tmp.resolve("words");
        Manifest m = Runs.run("""
                inputs: [{path: %s}]
                dedup: {exact: true, near: true, shingle_unit: word, shingle_size: 3}
                """.formatted(input), out, 2);
        assertEquals(Map.of("exact-duplicate", 2L, "near-duplicate", 1L), m.stages().get(m.stages().size() - 1).dropped());
    }

    @Test
    void theLongestCanBeKeptInstead() throws Exception {
        Path out = tmp.resolve("longest");
        Runs.run(config("longest"), out, 2);
        Map<String, JsonNode> kept = shown(out);
        assertTrue(kept.containsKey("c-near"), "the rewritten sentence is longer: " + kept.keySet());
        assertEquals("near-duplicate", dropped(out).get("a-copy").get("reason").asText());
    }

    @Test
    void survivorsAndClusterIdsDoNotDependOnParallelism() throws Exception {
        Manifest one = Runs.run(config("smallest-id"), tmp.resolve("p1"), 1);
        Manifest five = Runs.run(config("smallest-id"), tmp.resolve("p5"), 5);
        assertEquals(one.shards(), five.shards());
        assertEquals(one.dropped(), five.dropped());
    }

    /**
     * The same made-up text in new spelling and in an old one (old character forms, full-size small kana, historical
     * kana usage, iteration marks, no 、): near duplicates only through the spelling fold, which changes the
     * shingles and not the text kept.
     */
    @Test
    void oldAndNewSpellingsOfOneTextAreNearDuplicatesThroughTheFold(@TempDir Path dir) throws Exception {
        String modern = String.join("\n", sentences.subList(200, 240));
        String old = modern;
        String[][] respellings = {{"国", "國"}, {"学", "學"}, {"気", "氣"}, {"会", "會"}, {"来", "來"}, {"当", "當"},
                {"実", "實"}, {"体", "體"}, {"声", "聲"}, {"広", "廣"}, {"様", "樣"}, {"変", "變"}, {"関", "關"},
                {"図", "圖"}, {"数", "數"}, {"発", "發"}, {"読", "讀"}, {"売", "賣"}, {"駅", "驛"}, {"楽", "樂"},
                {"薬", "藥"}, {"続", "續"}, {"経", "經"}, {"県", "縣"}, {"応", "應"}, {"権", "權"}, {"争", "爭"},
                {"ように", "やうに"}, {"そう", "さう"}, {"でしょう", "でせう"}, {"いる", "ゐる"}, {"言う", "言ふ"},
                {"思わ", "思は"}, {"ちょう", "てふ"}, {"じゃ", "ぢや"}, {"ゃ", "や"}, {"ゅ", "ゆ"}, {"ょ", "よ"},
                {"っ", "つ"}, {"ッ", "ツ"}, {"、", ""}, {"人人", "人々"}};
        for (String[] r : respellings) {
            old = old.replace(r[0], r[1]);
        }
        ObjectMapper json = new ObjectMapper();
        Path in = Files.createDirectories(dir.resolve("in")).resolve("docs.jsonl");
        Files.writeString(in, json.writeValueAsString(Map.of("id", "a-old", "text", old)) + "\n"
                + json.writeValueAsString(Map.of("id", "b-new", "text", modern)) + "\n");
        String config = "inputs: [{path: %s}]\ndedup: {near: true, fold_spelling: %s}\noutput: {write_dropped: true}\n";
        Manifest unfolded = Runs.run(config.formatted(in, false), dir.resolve("unfolded"), 1);
        assertEquals(2, unfolded.stages().get(unfolded.stages().size() - 1).kept(), "without the fold both stay");
        Manifest folded = Runs.run(config.formatted(in, true), dir.resolve("folded"), 1);
        Manifest.StageEntry dedup = folded.stages().get(folded.stages().size() - 1);
        assertEquals(1, dedup.kept());
        assertEquals(Map.of("near-duplicate", 1L), dedup.dropped());
        // the text kept is the old spelling as it came, not its fold
        assertEquals(old, shown(dir.resolve("folded")).get("a-old").get("text").asText());
        assertTrue(dropped(dir.resolve("folded")).get("b-new").get("detail").asText().startsWith("duplicate of a-old at "));
    }
}
