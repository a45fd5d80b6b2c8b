package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.corpusforge.core.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad records are quarantined with file, line and reason; the run goes on and the manifest adds up. */
@ExtendWith(SharedSpark.class)
class BadInputTest {
    private static final String GOOD = "{\"text\": \"吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\"}\n";

    @Test
    void malformedRecordsGoToTheQuarantineWithTheirLocation(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.write(GOOD.getBytes(StandardCharsets.UTF_8));
        mixed.write("{\"text\": \"壊れた\n".getBytes(StandardCharsets.UTF_8));
        mixed.write("{\"body\": \"本文がない\"}\n".getBytes(StandardCharsets.UTF_8));
        mixed.write(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0x82, (byte) 0xA0, '"', '}', '\n'});
        mixed.write(GOOD.getBytes(StandardCharsets.UTF_8));
        Files.write(in.resolve("mixed.jsonl"), mixed.toByteArray());
        Files.write(in.resolve("empty.jsonl"), new byte[0]);
        Files.write(in.resolve("truncated.jsonl.gz"), truncatedGzip(GOOD.repeat(3000)));
        Files.writeString(in.resolve("book.txt"), "これは一冊の本である。短いが、確かに日本語で書かれている。");

        Path out = tmp.resolve("out");
        Manifest m = Runs.run("""
                inputs: [{path: %s}]
                stages: [{name: normalize}, {name: length-ratio, min_chars: 10}]
                """.formatted(in), out, 2);

        Manifest.StageEntry read = m.stages().get(0);
        assertEquals(Map.of("malformed-json", 1L, "missing-text", 1L, "invalid-utf8", 1L, "empty-file", 1L,
                "read-error", 1L), read.quarantineReasons());
        assertEquals(List.of(), Runs.problems(out));
        long truncatedRecords = m.inputs().stream().filter(i -> i.uri().endsWith("truncated.jsonl.gz"))
                .findFirst().orElseThrow().records();
        assertTrue(truncatedRecords > 100 && truncatedRecords < 3000, "records before the cut: " + truncatedRecords);
        assertEquals(m.totals().recordsRead(), m.totals().kept() + m.totals().dropped() + m.totals().quarantined());
        assertEquals(2 + truncatedRecords - 1 + 1, m.totals().kept());

        Map<String, JsonNode> byReason = new TreeMap<>();
        for (Path file : Runs.files(out.resolve("quarantine"))) {
            for (String line : Files.readAllLines(file)) {
                JsonNode node = new ObjectMapper().readTree(line);
                byReason.put(node.get("reason").asText(), node);
            }
        }
        assertEquals("line:2", byReason.get("malformed-json").get("source_locator").asText());
        assertTrue(byReason.get("malformed-json").get("source_uri").asText().endsWith("/in/mixed.jsonl"));
        assertEquals("line:3", byReason.get("missing-text").get("source_locator").asText());
        assertEquals("line:4", byReason.get("invalid-utf8").get("source_locator").asText());
        assertEquals("read", byReason.get("invalid-utf8").get("stage").asText());
        assertEquals("file", byReason.get("empty-file").get("source_locator").asText());
        assertTrue(byReason.get("read-error").get("detail").asText().contains("EOF"),
                byReason.get("read-error").toString());
    }

    @Test
    void inputWithNoDocumentsGivesAnEmptyCorpusWithAValidManifest(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("short.txt"), "短い。");
        Path out = tmp.resolve("out");
        Manifest m = Runs.run("""
                inputs: [{path: %s}]
                stages: [{name: length-ratio, min_chars: 100}]
                """.formatted(in.resolve("short.txt")), out, 2);
        assertEquals(List.of(), m.shards());
        assertEquals(1, m.totals().recordsRead());
        assertEquals(Map.of("too-short", 1L), m.stages().get(1).dropped());
        assertEquals(List.of(), Runs.problems(out));
        assertTrue(Files.exists(out.resolve("manifest.json")));
    }

    /** Issue 12, item 10: the quarantine beside a masked corpus is masked too. */
    @Test
    void quarantineExcerptsGoThroughTheSameMaskingAsTheCorpus(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String personal = "連絡先は taro.yamada@example.co.jp または ０９０-１２３４-５６７８ まで。カード 4111 1111 1111 1111";
        Files.writeString(in.resolve("a.jsonl"), GOOD
                + "{\"text\": \"" + personal + "\"\n"                  // malformed: the raw line is the excerpt
                + "{\"body\": \"" + personal + "\"}\n"                 // missing-text
                + "{\"text\": \"" + personal + "。吾輩は猫である。\"}\n");  // kept, masked
        Path out = tmp.resolve("out");
        Manifest m = Runs.run("""
                inputs: [{path: %s}]
                stages: [{name: normalize}, {name: pii, max_density: 0.9}]
                """.formatted(in), out, 2);
        assertEquals(2, m.totals().quarantined());
        String quarantine = Files.readString(Runs.files(out.resolve("quarantine")).get(0));
        String shards = Runs.cli("show", out.toString(), "--limit", "0").out();
        for (String raw : List.of("taro.yamada@example.co.jp", "090-1234-5678", "０９０", "4111 1111 1111 1111")) {
            assertTrue(!quarantine.contains(raw), raw + " in " + quarantine);
            assertTrue(!shards.contains(raw), raw + " in " + shards);
        }
        assertTrue(quarantine.contains("連絡先は"), quarantine);
    }

    private static byte[] truncatedGzip(String text) throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = gz.toByteArray();
        return Arrays.copyOf(all, all.length / 2);
    }
}
