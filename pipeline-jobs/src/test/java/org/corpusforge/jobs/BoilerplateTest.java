package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lines shared by more documents than the limit are removed everywhere, on Spark, partitioning aside. */
@ExtendWith(SharedSpark.class)
class BoilerplateTest {
    private static final String MENU = "ホーム | 作品一覧 | お問い合わせ";
    private static final String COPYRIGHT = "Copyright © 2024 文学サイト All rights reserved.";

    @Test
    void linesInMoreDocumentsThanTheLimitAreRemovedAndEmptiedDocumentsDropped(@TempDir Path tmp) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        List<String> sentences = new ArrayList<>();
        for (String line : Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            sentences.add(line.split(":", 2)[1].split(",", 2)[0]);
        }
        for (int i = 0; i < 12; i++) {
            ObjectNode doc = json.createObjectNode();
            doc.put("id", "page-" + i);
            // the menu is on 12 pages, the copyright line on 11 (page-0 has none), a shared quote on 3
            String text = MENU + "\n" + sentences.get(2 * i) + "\n" + sentences.get(2 * i + 1) + "\n"
                    + (i < 3 ? sentences.get(100) + "\n" : "") + (i > 0 ? COPYRIGHT : "");
            doc.put("text", text);
            jsonl.append(json.writeValueAsString(doc)).append('\n');
        }
        ObjectNode onlyBoilerplate = json.createObjectNode();
        onlyBoilerplate.put("id", "menu-only");
        onlyBoilerplate.put("text", MENU + "\n" + COPYRIGHT);
        jsonl.append(json.writeValueAsString(onlyBoilerplate)).append('\n');
        Path in = Files.createDirectories(tmp.resolve("in")).resolve("pages.jsonl");
        Files.writeString(in, jsonl.toString());

        String config = """
                inputs: [{path: %s}]
                boilerplate: {enabled: true, max_documents_per_line: 10, min_chars: 10}
                """.formatted(in);
        Manifest one = Runs.run(config, tmp.resolve("p1"), 1);
        Manifest four = Runs.run(config, tmp.resolve("p4"), 4);
        assertEquals(one.shards(), four.shards(), "boilerplate removal does not depend on partitioning");
        // the report's lines: exact counts of the documents each was removed from, the same bytes however partitioned
        JsonNode top = json.readTree(tmp.resolve("p1/report.json").toFile()).get("boilerplate_top_lines");
        assertEquals(List.of(MENU + "=13", COPYRIGHT + "=12"), java.util.stream.StreamSupport.stream(top.spliterator(),
                false).map(r -> r.get("line").asText() + "=" + r.get("documents").asLong()).toList());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("p1/report.json")),
                Files.readAllBytes(tmp.resolve("p4/report.json")));

        Manifest.StageEntry stage = one.stages().get(one.stages().size() - 1);
        assertEquals("boilerplate", stage.name());
        assertEquals(Map.of("boilerplate", 1L), stage.dropped());
        assertEquals(List.of(), Runs.problems(tmp.resolve("p1")));

        List<JsonNode> docs = new ArrayList<>();
        for (String line : Runs.cli("show", tmp.resolve("p1").toString(), "--limit", "0").out().split("\n")) {
            docs.add(json.readTree(line));
        }
        assertEquals(12, docs.size());
        for (JsonNode doc : docs) {
            String text = doc.get("text").asText();
            assertFalse(text.contains(MENU) || text.contains(COPYRIGHT), text);
            int i = Integer.parseInt(doc.get("id").asText().substring("page-".length()));
            assertTrue(text.startsWith(sentences.get(2 * i)), text);
            assertEquals(i < 3, text.contains(sentences.get(100)), "a line in 3 documents stays");
            assertEquals(i > 0 ? 2.0 : 1.0, doc.get("signals").get("boilerplate_lines_removed").asDouble());
        }
    }

    @Test
    void shortTemplateLinesGoWithinASiteAndAcrossTheCorpusWhileProseStays(@TempDir Path tmp) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> sentences = new ArrayList<>();
        for (String line : Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            sentences.add(line.split(":", 2)[1].split(",", 2)[0]);
        }
        StringBuilder jsonl = new StringBuilder();
        // site a: 3 pages with the pager and "はい。"; site b: 2 pages with its own label; a book without a URL
        String[][] pages = {
            {"a1", "https://a.example.jp/1", "次のページ\n二\nはい。\n作品一覧"},
            {"a2", "https://A.example.jp:443/2", "次のページ\n二\nはい。"},
            {"a3", "https://a.example.jp/3", "次のページ\n二\nはい。"},
            {"b1", "https://b.example.jp/1", "作品一覧"},
            {"b2", "https://b.example.jp/2", "作品一覧"},
            {"book", null, "次のページ\n二\nはい。\n作品一覧"},
        };
        for (int i = 0; i < pages.length; i++) {
            ObjectNode doc = json.createObjectNode();
            doc.put("id", pages[i][0]);
            if (pages[i][1] != null) {
                doc.put("url", pages[i][1]);
            }
            doc.put("text", sentences.get(i) + "\n" + pages[i][2] + "\n" + sentences.get(10 + i));
            jsonl.append(json.writeValueAsString(doc)).append('\n');
        }
        Path in = Files.createDirectories(tmp.resolve("in")).resolve("pages.jsonl");
        Files.writeString(in, jsonl.toString());
        String config = """
                inputs: [{path: %s}]
                boilerplate: {enabled: true, max_documents_per_line: 3, min_line_chars: 10}
                """.formatted(in);
        Runs.run(config, tmp.resolve("out"), 2);
        java.util.Map<String, String> texts = new java.util.TreeMap<>();
        for (String line : Runs.cli("show", tmp.resolve("out").toString(), "--limit", "0").out().split("\n")) {
            JsonNode doc = json.readTree(line);
            texts.put(doc.get("id").asText(), doc.get("text").asText());
        }
        for (int i = 0; i < 3; i++) {
            // the pager is on 3 pages of site a (more than 2: gone); 二 is a section number, はい。 a sentence
            assertEquals(sentences.get(i) + "\n二\nはい。\n" + (i == 0 ? "作品一覧\n" : "") + sentences.get(10 + i),
                    texts.get(pages[i][0]));
        }
        // 作品一覧 is on 2 pages of site b (not more than 2) and 3 of the corpus's pages (not more than 3): it stays
        assertEquals(sentences.get(3) + "\n作品一覧\n" + sentences.get(13), texts.get("b1"));
        assertEquals(sentences.get(5) + "\n" + pages[5][2] + "\n" + sentences.get(15), texts.get("book"),
                "a document without a site keeps its short lines");
    }
}
