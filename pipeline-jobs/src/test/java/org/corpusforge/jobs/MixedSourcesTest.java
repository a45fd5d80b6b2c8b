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
import java.util.stream.Collectors;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample config over sample/mixed: WARC, WET, raw Aozora, JSONL, TSV, SRT and VTT in one directory. */
@ExtendWith(SharedSpark.class)
class MixedSourcesTest {
    @TempDir
    static Path tmp;
    static Manifest manifest;
    static List<JsonNode> docs = new ArrayList<>();
    static Path out;

    /** The sample's reading and cleaning stages, without its quality rules, so that every source is seen. */
    private static final String READING = """
            inputs: [{path: unused}]
            stages:
              - {name: aozora}
              - {name: transcript-clean, remove_fillers: true}
              - {name: normalize}
              - {name: language}
              - {name: length-ratio, min_chars: 15, min_japanese_ratio: 0.6}
            """;

    @BeforeAll
    static void run() throws Exception {
        out = tmp.resolve("mixed");
        Path config = Files.writeString(tmp.resolve("reading.yaml"), READING);
        Runs.Cli result = Runs.cli("run", "--config", config.toString(), "--input", "sample/mixed",
                "--output", out.toString());
        assertEquals(0, result.exit(), result.err());
        manifest = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
        Runs.Cli show = Runs.cli("show", out.toString(), "--limit", "0");
        ObjectMapper json = new ObjectMapper();
        for (String line : show.out().split("\n")) {
            docs.add(json.readTree(line));
        }
    }

    private static JsonNode doc(String id) {
        return docs.stream().filter(d -> d.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no document " + id));
    }

    @Test
    void everyFormatIsReadAndTheRunVerifies() {
        Map<String, Long> records = manifest.inputs().stream().collect(Collectors.toMap(
                i -> i.uri().substring(i.uri().lastIndexOf('/') + 1), Manifest.InputEntry::records, Long::sum, TreeMap::new));
        assertEquals(Map.of("44702_txt_38090.txt", 1L, "books.jsonl", 2L, "ita.tsv", 20L, "pages.warc.gz", 10L,
                "pages.warc.wet.gz", 1L, "talk.srt", 1L, "talk.vtt", 1L, "notice.jsonl", 1L, "comment.jsonl", 1L), records);
        assertEquals(Map.of("not-a-document", 4L, "http-status", 1L, "not-html", 1L), manifest.stages().get(0).dropped());
        assertEquals(List.of(), Runs.problems(out));
        // web: 4 pages, 1 WET record, 4 JSONL records; transcript: 17 of 20 TSV lines (3 too short), SRT, VTT
        assertEquals(Map.of("book", 1L, "transcript", 19L, "web", 9L), docs.stream().collect(Collectors.groupingBy(
                d -> d.get("source").asText(), TreeMap::new, Collectors.counting())));
    }

    @Test
    void theSampleConfigurationRunsOverTheMixedDirectoryAndVerifies() throws Exception {
        Path full = tmp.resolve("mixed-full");
        Runs.Cli result = Runs.cli("run", "--config", "conf/sample.yaml", "--input", "sample/mixed",
                "--output", full.toString());
        assertEquals(0, result.exit(), result.err());
        assertEquals(List.of(), Runs.problems(full));
        Manifest m = ManifestJson.fromBytes(Files.readAllBytes(full.resolve("manifest.json")));
        assertEquals(Map.of("masked_in_kept_documents", Map.of("address", 1, "email", 1, "phone", 1, "postal_code", 1)),
                m.stageDetails().get("pii"));
        assertEquals(Map.of("toxicity", 1L), m.stages().stream().filter(s -> s.name().equals("toxicity")).findFirst()
                .orElseThrow().dropped(), "the made-up abusive comment");
        String notice = Runs.cli("show", full.toString(), "--limit", "0").out().lines()
                .filter(l -> l.contains("\"notice-1\"")).findFirst().orElseThrow();
        assertTrue(notice.contains("<EMAIL>") && notice.contains("<PHONE>") && notice.contains("<ADDRESS>")
                && !notice.contains("example.com") && !notice.contains("090-0000-1111"), notice);
    }

    @Test
    void webPagesInLegacyEncodingsKeepTheirProvenance() {
        List<JsonNode> pages = docs.stream().filter(d -> d.get("id").asText().startsWith("urn:uuid:")).toList();
        assertEquals(5, pages.size(), "four response records and one WET conversion");
        Map<String, String> inputSha = manifest.inputs().stream()
                .collect(Collectors.toMap(Manifest.InputEntry::uri, Manifest.InputEntry::sha256));
        for (JsonNode page : pages) {
            assertTrue(page.get("source_locator").asText().matches("offset:\\d+"));
            assertEquals(inputSha.get(page.get("source_uri").asText()), page.get("source_sha256").asText());
            assertTrue(page.get("url").asText().startsWith("http://bungaku.example/"));
            assertEquals("2024-05-18T00:00:00Z", page.get("date").asText());
            assertTrue(!page.get("text").asText().contains("ホーム") && !page.get("text").asText().contains("お問い合わせ"),
                    "navigation and footer removed: " + page.get("text").asText());
        }
        Map<String, String> charsets = pages.stream().collect(Collectors.toMap(p -> p.get("url").asText()
                + (p.get("attributes").get("warc_type").asText().equals("conversion") ? "#wet" : ""),
                p -> p.get("attributes").get("charset").asText()));
        assertEquals(Map.of("http://bungaku.example/sjis", "windows-31j", "http://bungaku.example/euc", "EUC-JP",
                "http://bungaku.example/jis", "ISO-2022-JP", "http://bungaku.example/utf8", "UTF-8",
                "http://bungaku.example/utf8#wet", "UTF-8"), charsets);
        JsonNode sjis = pages.stream().filter(p -> p.get("url").asText().endsWith("/sjis")).findFirst().orElseThrow();
        assertEquals("闇桜", sjis.get("title").asText());
        assertTrue(sjis.get("text").asText().contains("隔ては中垣の建仁寺にゆづりて汲かはす庭井の水"), sjis.get("text").asText());
    }

    @Test
    void theRawAozoraFileLosesItsMarkupAndTheTranscriptsTheirNotes() {
        JsonNode book = doc("mixed/44702_txt_38090.txt");
        assertEquals("book", book.get("source").asText());
        assertEquals("戦争指導者", book.get("title").asText());
        assertEquals("岸田國士", book.get("attributes").get("author").asText());
        assertEquals("windows-31j", book.get("attributes").get("charset").asText());
        String text = book.get("text").asText();
        assertTrue(!text.contains("底本") && !text.contains("［＃") && !text.contains("[#") && !text.startsWith("戦争指導者"),
                text);

        JsonNode srt = doc("mixed/talk.srt");
        assertEquals("話者A,話者B", srt.get("attributes").get("speakers").asText());
        assertTrue(!srt.get("text").asText().contains("笑") && !srt.get("text").asText().contains("話者"),
                srt.get("text").asText());
        assertEquals(10, srt.get("text").asText().split("\n").length);
        JsonNode vtt = doc("mixed/talk.vtt");
        assertEquals("田中,鈴木", vtt.get("attributes").get("speakers").asText());
        assertTrue(!vtt.get("text").asText().contains("えー"), "fillers removed: " + vtt.get("text").asText());
        assertEquals(29.5, vtt.get("signals").get("duration_seconds").asDouble());
        assertEquals("transcript", doc("mixed/ITA_003").get("source").asText());
        assertEquals("line:3", doc("mixed/ITA_003").get("source_locator").asText());
    }
}
