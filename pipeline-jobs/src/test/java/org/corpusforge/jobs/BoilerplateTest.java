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
}
