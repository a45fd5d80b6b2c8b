package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.core.model.Hashing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real job on the bundled sample, through the command line, with the shards read back by Spark. */
@ExtendWith(SharedSpark.class)
class SampleRunTest {
    @TempDir
    static Path tmp;
    static Path out;
    static Manifest manifest;
    static Runs.Cli result;

    @BeforeAll
    static void runSample() throws Exception {
        out = tmp.resolve("sample-out");
        result = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", out.toString());
        manifest = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
    }

    @Test
    void theRunSucceedsAndSaysWhatItDid() {
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().startsWith("corpusforge: 382 records read, "), result.out());
    }

    @Test
    void everyRecordOfTheSampleIsAccountedFor() {
        Map<String, Long> records = manifest.inputs().stream()
                .collect(Collectors.toMap(i -> Path.of(i.uri().substring("file:".length())).getFileName().toString(),
                        Manifest.InputEntry::records));
        assertEquals(Map.of("aozora_pd_sample.jsonl.gz", 53L, "aozora_pd_duplicates.jsonl.gz", 5L,
                "recitation_transcript_utf8.txt", 324L), records);
        Manifest.StageEntry filter = manifest.stages().stream().filter(s -> s.name().equals("length-ratio"))
                .findFirst().orElseThrow();
        assertTrue(filter.dropped().get("too-short") > 0, "the short ITA sentences are dropped");
        assertEquals(List.of(), Runs.problems(out));
    }

    @Test
    void theManifestCountsDropsPerRuleAndTheShardsCarryTheSignals() {
        List<String> names = manifest.stages().stream().map(Manifest.StageEntry::name).toList();
        assertEquals(List.of("read", "url-filter", "aozora", "transcript-clean", "normalize", "pii", "toxicity", "language", "length-ratio", "quality",
                "noun-fraction", "dedup", "boilerplate", "substring-dedup", "decontaminate"), names);
        // the sample's made-up reading passage quotes 逢魔の刻: both its questions are found there, and cut out
        Map<String, Object> decontamination = manifest.stageDetails().get("decontaminate");
        assertEquals(1L, ((Number) decontamination.get("documents")).longValue(), decontamination.toString());
        assertEquals(Map.of(), manifest.stages().get(names.indexOf("decontaminate")).dropped());
        assertEquals(2, manifest.stageFiles().get("decontaminate").get(0).rows());
        Manifest.StageEntry quality = manifest.stages().get(names.indexOf("quality"));
        // exact: 西部劇通信 twice, and two ruby files of 二つの道 that are identical once the ruby is gone;
        // near: the plain-text 二つの道, and 浜菊 (371_txt), already in the sample with its ruby version
        assertEquals(Map.of("exact-duplicate", 2L, "near-duplicate", 2L), manifest.stages().get(names.indexOf("dedup")).dropped());
        assertTrue(((Number) manifest.stageDetails().get("dedup").get("verified_edges")).longValue() >= 2);
        assertTrue(quality.dropped().containsKey("max_sentence_length"), quality.dropped().toString());
        assertTrue(manifest.totals().droppedByReason().containsKey("quality/max_sentence_length"));
        // struct columns: a field is named directly, in SQL as in the row
        Row book = SharedSpark.session().read().parquet(out.resolve("shards").toString())
                .filter("source = 'book' and signals.noun_fraction is not null").orderBy("id").first();
        Row signals = book.getStruct(book.fieldIndex("signals"));
        for (String signal : List.of("toxicity_score", "pii_density", "japanese_score", "hiragana_fraction", "duplicate_10gram_fraction",
                "compression_ratio", "noun_fraction", "boilerplate_lines_removed", "char_count")) {
            assertTrue(!signals.isNullAt(signals.fieldIndex(signal)), "missing signal " + signal + " in " + signals);
        }
        assertEquals(List.copyOf(manifest.shardSchema().signals()), List.of(signals.schema().fieldNames()));
        Row attributes = book.getStruct(book.fieldIndex("attributes"));
        assertEquals("ja", attributes.getAs("language"));
    }

    @Test
    void shardsReadBackBySparkMatchTheManifest() throws Exception {
        assertTrue(manifest.shards().size() >= 2, "the sample config cuts several shards");
        Dataset<Row> rows = SharedSpark.session().read().parquet(out.resolve("shards").toString());
        assertEquals(manifest.totals().kept(), rows.count());
        for (Manifest.FileEntry shard : manifest.shards()) {
            Path file = out.resolve(shard.path());
            assertEquals(shard.sha256(), Hashing.sha256Hex(Files.readAllBytes(file)));
            assertEquals(shard.bytes(), Files.size(file));
            assertEquals(shard.rows(), SharedSpark.session().read().parquet(file.toString()).count());
        }
        List<Row> docs = rows.select("id", "text", "content_sha256", "source", "source_sha256", "source_uri",
                "signals").collectAsList();
        Set<String> ids = new HashSet<>();
        Map<String, String> inputSha = manifest.inputs().stream()
                .collect(Collectors.toMap(Manifest.InputEntry::uri, Manifest.InputEntry::sha256));
        for (Row r : docs) {
            assertTrue(ids.add(r.getString(0)), "duplicate id " + r.getString(0));
            assertEquals(Hashing.sha256Hex(r.getString(1)), r.getString(2));
            assertEquals(inputSha.get(r.getString(5)), r.getString(4), "source checksum of " + r.getString(0));
            assertTrue(!r.getStruct(6).isNullAt(r.getStruct(6).fieldIndex("japanese_ratio")));
            if (r.getString(3).equals("book")) {
                for (String markup : List.of("《", "［＃", "[#", "底本：", "【テキスト中に現れる記号について】")) {
                    assertTrue(!r.getString(1).contains(markup), r.getString(0) + " still contains " + markup);
                }
            }
        }
        assertTrue(docs.stream().anyMatch(r -> r.getString(3).equals("transcript")));
        assertTrue(docs.stream().anyMatch(r -> r.getString(0).equals("ita/RECITATION324_003")));
    }

    @Test
    void theOutputCarriesADatasetCardListedInTheManifest() throws Exception {
        Path card = out.resolve("README.md");
        byte[] bytes = Files.readAllBytes(card);
        assertEquals(manifest.card().sha256(), Hashing.sha256Hex(bytes));
        assertEquals(manifest.card().bytes(), bytes.length);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        // the Hub's header: load_dataset(OUT) reads the shards alone, not manifest.json or the quarantine
        assertTrue(text.startsWith("---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n"
                + "    path: shards/*.parquet\n"), text);
        String header = text.substring(0, text.indexOf("\n---\n"));
        assertTrue(header.contains("language:\n- ja\n"), header);
        assertTrue(header.contains("size_categories:\n- n<1K\n"), header);
        assertTrue(header.contains("license:\n") && header.contains("- other\n"), header);
        for (Manifest.StageEntry stage : manifest.stages()) {
            assertTrue(text.contains("| " + stage.name() + " | " + String.format(java.util.Locale.ROOT, "%,d", stage.in())
                    + " | " + String.format(java.util.Locale.ROOT, "%,d", stage.kept()) + " |"), "stage " + stage.name());
        }
        assertTrue(text.contains("max_sentence_length: "), "drop counts by reason");
        // which evaluation sets the corpus was checked against, and what was found
        assertTrue(text.contains("### decontaminate\n") && text.contains("kept with the matched spans cut out")
                && text.contains("| benchmarks/sample-reading | 3 | 0 | 2 | 1 |\n")
                && text.contains("| benchmarks/sample-choice | 3 | 0 | 0 | 0 |\n"), text);
        assertTrue(text.contains("\"min_chars\":400"), "thresholds");
        // every stage's settings cell, the global stages' too (given in their own sections here)
        for (String stage : List.of("substring-dedup", "decontaminate", "dedup", "boilerplate")) {
            String row = text.lines().filter(l -> l.startsWith("| " + stage + " | ")).findFirst().orElseThrow();
            assertTrue(row.matches(".*\\| `\\{.+\\}` \\|$"), row);
        }
        assertTrue(text.contains("sample-reading.json"), "decontaminate's settings name its benchmarks");
        assertTrue(text.contains(manifest.tokenizer().sha256()), "tokenizer checksum");
        assertTrue(text.contains("public domain (Unlicense), ITA corpus"), "licences as recorded");
        for (Manifest.Composition c : manifest.composition()) {
            assertTrue(text.contains("| " + c.source() + " | "), c.source());
        }
        assertEquals(manifest.totals().kept(),
                manifest.composition().stream().mapToLong(Manifest.Composition::documents).sum());
        assertEquals(manifest.totals().tokens(),
                manifest.composition().stream().mapToLong(Manifest.Composition::tokens).sum());
    }

    @Test
    void showPrintsDocumentsWithEveryColumn() throws Exception {
        Runs.Cli show = Runs.cli("show", out.toString(), "--limit", "3");
        assertEquals(0, show.exit(), show.err());
        String[] lines = show.out().split("\n");
        assertEquals(3, lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        for (String column : List.of("id", "text", "source", "source_uri", "source_locator", "source_sha256", "title",
                "url", "date", "license", "attributes", "content_sha256", "signals")) {
            assertTrue(first.has(column), "missing column " + column);
        }
        assertEquals(manifest.totals().kept(), Runs.cli("show", out.toString(), "--limit", "0").out().split("\n").length);
    }

    /**
     * The run report in a real browser: every section there, every chart drawn (thresholds marked on the signals
     * that have one), no console error, and no request for anything outside the file.
     */
    @Test
    void theReportRendersEveryChartInARealBrowser() throws Exception {
        assertTrue(manifest.report().stream().anyMatch(f -> f.path().equals("report.html")), manifest.report().toString());
        try (HeadlessChromium browser = HeadlessChromium.start(tmp.resolve("chromium-report"))) {
            browser.open(out.resolve("report.html").toUri().toString().replace("file:///", "file:///"), 1200, 900);
            JsonNode page = new ObjectMapper().readTree(browser.evaluate("JSON.stringify({"
                    + "sections: [...document.querySelectorAll('h2[id]')].map(h => h.id),"
                    + "charts: document.querySelectorAll('svg.chart').length,"
                    + "empty: [...document.querySelectorAll('svg.chart')].filter(s => s.querySelectorAll('rect').length === 0).length,"
                    + "thresholds: document.querySelectorAll('#signals ~ .grid line.threshold, line.threshold').length,"
                    + "boilerplate: document.querySelectorAll('h2#stage-boilerplate + p + table tr').length,"
                    + "dropped: document.querySelectorAll('h2#dropped ~ table tr').length,"
                    + "resources: performance.getEntriesByType('resource').length})").asText());
            // the page's own sections around one for each stage with something to show, in the order they ran
            List<String> sections = new java.util.ArrayList<>(List.of("funnel", "lengths", "signals"));
            for (String stage : List.of("url-filter", "pii", "dedup", "boilerplate", "substring-dedup", "decontaminate")) {
                sections.add(org.corpusforge.jobs.report.RunReport.sectionId(stage));
            }
            sections.addAll(List.of("shards", "mix", "dropped"));
            assertEquals(sections, new ObjectMapper().convertValue(page.get("sections"), List.class), page.toString());
            // the funnel; characters and tokens per source; one per signal measured; clusters; shards; the mix
            // (nothing was masked in the sample's kept documents, so no PII chart)
            org.corpusforge.jobs.report.ReportData data = ManifestJson.fromBytes(
                    Files.readAllBytes(out.resolve("report.json")), org.corpusforge.jobs.report.ReportData.class);
            assertEquals(2, data.lengths().size());
            assertTrue(data.signals().size() >= 35, data.signals().keySet().toString());
            assertEquals(1 + 2 * data.lengths().size() + data.signals().size() + 1 + 1 + 1, page.get("charts").asInt(),
                    page.toString());
            assertEquals(0, page.get("empty").asInt(), "every chart has bars: " + page);
            assertTrue(page.get("thresholds").asInt() >= 10, page.toString());
            // the sample repeats no line in enough documents: the section says so (RunReportTest shows the table)
            assertEquals(0, page.get("boilerplate").asInt(), page.toString());
            assertTrue(page.get("dropped").asInt() > 5, page.toString());
            assertEquals(0, page.get("resources").asInt(), "the report fetches nothing");
            browser.screenshot(Runs.repo().resolve("pipeline-jobs/target/report.png"));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void reportDrawsTheSamePageAgainFromTheCorpus() throws Exception {
        byte[] before = Files.readAllBytes(out.resolve("report.html"));
        byte[] manifestBefore = Files.readAllBytes(out.resolve("manifest.json"));
        Runs.Cli report = Runs.cli("report", out.toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("report.html"))), "the same bytes");
        assertTrue(java.util.Arrays.equals(manifestBefore, Files.readAllBytes(out.resolve("manifest.json"))),
                "the manifest is not rewritten when the page is the same");
        Runs.Cli old = Runs.cli("report", Runs.repo().resolve("pipeline-jobs/src/test/resources/corpus-v2").toString());
        assertEquals(2, old.exit());
        assertTrue(old.err().contains("has no report.json"), old.err());
    }

    /** Not on a terminal (as here): one plain line per phase, the reading phase with the whole sample's counts. */
    @Test
    void theRunShowsItsPhasesAsPlainLines() {
        List<String> lines = result.err().lines().filter(l -> l.startsWith("corpusforge: ")).toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("corpusforge: checksums: \\d+:\\d\\d \\(done\\)")), lines.toString());
        String read = lines.stream().filter(l -> l.startsWith("corpusforge: read and per-document stages: ")).findFirst()
                .orElseThrow(() -> new AssertionError(lines.toString()));
        long inputBytes = manifest.inputs().stream().mapToLong(Manifest.InputEntry::bytes).sum();
        // under 10 MB the sizes are in kB (0.9 of 0.9 MB said less)
        assertTrue(read.startsWith(String.format("corpusforge: read and per-document stages: 382 documents, %.0f of %.0f kB (100 %%)",
                inputBytes / 1e3, inputBytes / 1e3)), read);
        for (String phase : List.of("dedup", "boilerplate", "counting", "tokenise, shards and search index",
                "quarantine and manifest")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("corpusforge: " + phase + ": ") && l.endsWith("(done)")),
                    phase + " in " + lines);
        }
        assertTrue(result.err().chars().noneMatch(c -> c == 27 || c == '\r'), "no escape codes or carriage returns in a log");
    }
}
