package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Made-up benchmark items planted into documents of real sentences (the ITA corpus): on Spark, the documents that
 * hold an item are dropped or cut, the report lists item and document with provenance, the manifest counts per
 * benchmark, and nothing depends on partitioning.
 */
@ExtendWith(SharedSpark.class)
class DecontaminationTest {
    private static final String PASSAGE = "霧ヶ丘町は、川沿いの坂道に古い石段が続く小さな町で、毎年秋になると石段の両側に紙の灯籠が"
            + "千個並べられ、町の人々は夜通しその灯りの下で歌を歌う。問い合わせは kiri@example.com まで。";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Planted(Path input, Path squad, Path choices, List<String> sentences) {}

    private static Planted plant(Path tmp) throws Exception {
        List<String> sentences = new ArrayList<>();
        for (String line : Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            sentences.add(line.split(":", 2)[1].split(",", 2)[0]);
        }
        Map<String, String> docs = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            docs.put("clean-" + i, String.join("\n", sentences.subList(4 * i, 4 * i + 4)));
        }
        // the passage as a web page would carry it: full-width digits and letters, its lines broken
        String widened = PASSAGE.replace("kiri@example.com", "ｋｉｒｉ＠ｅｘａｍｐｌｅ．ｃｏｍ").replace("、", "、\n");
        docs.put("verbatim", sentences.get(40) + "\n" + PASSAGE + "\n" + sentences.get(41));
        docs.put("widened", sentences.get(42) + "\n" + widened + "\n" + sentences.get(43));
        docs.put("short-item", sentences.get(44) + "\n問題：冬は？ 暑い 寒い 青い 重い 甘い\n" + sentences.get(45));
        docs.put("answer-only", sentences.get(46) + "紙の灯籠" + sentences.get(47));
        StringBuilder jsonl = new StringBuilder();
        docs.forEach((id, text) -> {
            ObjectNode doc = JSON.createObjectNode().put("id", id).put("text", text);
            jsonl.append(doc).append('\n');
        });
        Path in = Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve("docs.jsonl"), jsonl);
        Path squad = Files.writeString(tmp.resolve("reading.json"), JSON.writeValueAsString(JSON.readTree("""
                {"data": [{"title": "t", "paragraphs": [{"context": "%s", "qas": [
                  {"id": "r1", "question": "霧ヶ丘町で秋に石段の両側に並べられるものは何か。", "answers": []},
                  {"id": "r2", "question": "霧ヶ丘町の人々は夜通し何をするか。", "answers": []}]}]}]}
                """.formatted(PASSAGE))));
        Path choices = Files.writeString(tmp.resolve("choice.jsonl"), """
                {"q_id": 1, "question": "冬は？", "choice0": "暑い", "choice1": "寒い", "choice2": "青い", "choice3": "重い", "choice4": "甘い", "label": 1}
                {"q_id": 2, "question": "灯籠？", "choice0": "紙", "label": 0}
                """);
        return new Planted(in, squad, choices, sentences);
    }

    private static String config(Planted p, String action) {
        return """
                inputs: [{path: %s}]
                stages: [{name: normalize}, {name: pii, max_density: 0.5}]
                decontamination:
                  benchmarks: [{path: %s, name: reading}, {path: %s, name: choice}]
                  action: %s
                  min_chars: 10
                """.formatted(p.input(), p.squad(), p.choices(), action);
    }

    @Test
    void documentsHoldingItemsAreDroppedListedAndCounted(@TempDir Path tmp) throws Exception {
        Planted p = plant(tmp);
        Manifest one = Runs.run(config(p, "drop"), tmp.resolve("p1"), 1);
        Manifest four = Runs.run(config(p, "drop"), tmp.resolve("p4"), 4);
        assertEquals(one.shards(), four.shards(), "decontamination does not depend on partitioning");
        assertEquals(one.stageFiles(), four.stageFiles());
        assertEquals(List.of(), Runs.problems(tmp.resolve("p1")));

        Manifest.StageEntry stage = one.stages().get(one.stages().size() - 1);
        assertEquals("decontaminate", stage.name());
        assertEquals(12, stage.in(), one.stages().toString());
        assertEquals(Map.of("contamination", 3L), stage.dropped());
        Map<String, Object> details = one.stageDetails().get("decontaminate");
        assertEquals(3L, ((Number) details.get("documents")).longValue());
        JsonNode benchmarks = JSON.valueToTree(details.get("benchmarks"));
        assertEquals("{\"items\":2,\"items_too_short\":0,\"items_found\":2,\"documents\":2}",
                benchmarks.get("reading").toString());
        // "灯籠？紙" is 4 characters: never matched, so the answer alone flags nothing
        assertEquals("{\"items\":2,\"items_too_short\":1,\"items_found\":1,\"documents\":1}",
                benchmarks.get("choice").toString());

        List<Manifest.FileEntry> files = one.stageFiles().get("decontaminate");
        List<JsonNode> rows = new ArrayList<>();
        for (Manifest.FileEntry f : files) {
            for (String line : Files.readAllLines(tmp.resolve("p1").resolve(f.path()))) {
                rows.add(JSON.readTree(line));
            }
        }
        // one row per item and document, ordered by item
        List<String> pairs = rows.stream().map(r -> r.get("benchmark").asText() + "/" + r.get("item").asText() + " "
                + r.get("id").asText()).toList();
        assertEquals(List.of("choice/1 short-item", "reading/r1 verbatim", "reading/r1 widened",
                "reading/r2 verbatim", "reading/r2 widened"), pairs.stream().sorted().toList());
        assertEquals(List.of("reading/r1", "reading/r1", "reading/r2", "reading/r2", "choice/1"),
                pairs.stream().map(s -> s.substring(0, s.indexOf(' '))).toList());
        for (JsonNode row : rows) {
            assertTrue(row.get("source_uri").asText().endsWith("docs.jsonl"), row.toString());
            assertTrue(row.get("source_locator").asText().startsWith("line:"), row.toString());
            assertEquals(64, row.get("source_sha256").asText().length());
            String text = row.get("text").asText();
            assertFalse(text.contains("kiri") || text.contains("ｋｉｒｉ"), "the report carries masked text: " + text);
        }
        JsonNode widened = rows.stream().filter(r -> r.get("id").asText().equals("widened")).findFirst().orElseThrow();
        assertTrue(widened.get("text").asText().startsWith("霧ヶ丘町は、\n川沿いの"), widened.toString());
        // the passage without its question: every n-gram of the passage, none of those crossing from the question
        JsonNode verbatim = rows.stream().filter(r -> r.get("id").asText().equals("verbatim")).findFirst().orElseThrow();
        assertEquals(verbatim.get("share").asDouble(), widened.get("share").asDouble(), 1e-9);
        assertTrue(widened.get("share").asDouble() > 0.8 && widened.get("share").asDouble() < 1, widened.toString());

        List<String> kept = new ArrayList<>();
        for (String line : Runs.cli("show", tmp.resolve("p1").toString(), "--limit", "0").out().split("\n")) {
            kept.add(JSON.readTree(line).get("id").asText());
        }
        assertEquals(List.of("answer-only", "clean-0", "clean-1", "clean-2", "clean-3", "clean-4", "clean-5",
                "clean-6", "clean-7"), kept.stream().sorted().toList());
    }

    @Test
    void cuttingKeepsTheRestOfTheDocument(@TempDir Path tmp) throws Exception {
        Planted p = plant(tmp);
        Manifest m = Runs.run(config(p, "cut"), tmp.resolve("cut"), 2);
        assertEquals(List.of(), Runs.problems(tmp.resolve("cut")));
        assertEquals(Map.of(), m.stages().get(m.stages().size() - 1).dropped());
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        for (String line : Runs.cli("show", tmp.resolve("cut").toString(), "--limit", "0").out().split("\n")) {
            JsonNode doc = JSON.readTree(line);
            docs.put(doc.get("id").asText(), doc);
        }
        assertEquals(12, docs.size());
        String verbatim = docs.get("verbatim").get("text").asText();
        assertEquals(p.sentences().get(40) + "\n\n" + p.sentences().get(41), verbatim);
        assertEquals(p.sentences().get(44) + "\n問題:\n" + p.sentences().get(45),
                docs.get("short-item").get("text").asText());
        assertTrue(docs.get("verbatim").get("signals").get("contamination_chars_removed").asDouble() > 70);
        assertFalse(docs.get("clean-0").get("signals").has("contamination_chars_removed"));
    }
}
