package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The url-filter stage on Spark: its lists read once by the driver (named with their SHA-256 in the manifest), each
 * drop counted under its list and category, and the card showing them.
 */
@ExtendWith(SharedSpark.class)
class UrlFilterRunTest {
    @Test
    void dropsAreCountedPerListAndCategoryAndTheListsAreInTheManifest(@TempDir Path tmp) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder docs = new StringBuilder();
        String[] urls = {"http://ok.example/a", "http://x.casino.example/", "http://adult.example/p", "http://bet.example/",
            "http://ok.example/b", "http://www.bet.example/q"};
        for (int i = 0; i < urls.length; i++) {
            docs.append(json.createObjectNode().put("id", "d" + i).put("url", urls[i])
                    .put("text", "吾輩は猫である。名前はまだ無い。" + i)).append('\n');
        }
        Path in = Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve("pages.jsonl"), docs);
        Path ng = Files.writeString(tmp.resolve("ng.txt"), "casino.example\n");
        Path ut1 = tmp.resolve("ut1");
        Files.createDirectories(ut1.resolve("adult"));
        Files.createDirectories(ut1.resolve("gambling"));
        Files.writeString(ut1.resolve("adult/domains"), "adult.example\n");
        Files.writeString(ut1.resolve("gambling/domains"), "bet.example\n"); // no urls file: optional
        Path out = tmp.resolve("out");
        Manifest m = Runs.run("""
                inputs: [{path: %s}]
                stages:
                  - name: url-filter
                    block:
                      - {name: ng, kind: domain, path: %s}
                      - {name: ut1, kind: ut1, path: %s, categories: [adult, gambling]}
                """.formatted(in, ng, ut1), out, 2);
        assertEquals(List.of(), Runs.problems(out));
        Manifest.StageEntry stage = m.stages().stream().filter(s -> s.name().equals("url-filter")).findFirst()
                .orElseThrow();
        assertEquals(Map.of("url:ng", 1L, "url:ut1/adult", 1L, "url:ut1/gambling", 2L), stage.dropped());
        assertEquals(2, stage.kept());
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) m.stageDetails().get("url-filter").get("files");
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(ng)), files.get(ng.toString()));
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(ut1.resolve("adult/domains"))),
                files.get(ut1 + "/adult/domains"));
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.contains("url:ut1/gambling"), card);
    }
}
