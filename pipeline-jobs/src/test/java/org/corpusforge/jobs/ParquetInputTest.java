package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.io.ParquetJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet as the tools write it (Hugging Face datasets' to_parquet in the Hub's layout; pyarrow with several row
 * groups, a null text, nested columns, zstd pages), and datasets' save_to_disk (an Arrow IPC stream), read on Spark: every row's text is the one written, its locator
 * its row group and row, nested columns asked for are attributes; a text column of the wrong type and a file cut
 * short are quarantined with their reasons; a corpus corpusforge wrote reads back with its provenance chained.
 * The files come from Python (scripts/make-parquet-inputs.py in .venv-interop, which .ci/run makes; the test fails
 * rather than skips under CORPUSFORGE_REQUIRE_INTEROP).
 */
@ExtendWith(SharedSpark.class)
class ParquetInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String python() {
        String python = System.getenv("CORPUSFORGE_INTEROP_PYTHON");
        if (python == null) {
            Path venv = Runs.repo().resolve(".venv-interop/bin/python");
            python = Files.isExecutable(venv) ? venv.toString() : null;
        }
        if (python == null) {
            String why = "no Python with pyarrow and datasets (scripts/python-venv.sh .venv-interop "
                    + "scripts/interop-requirements.txt)";
            if (System.getenv("CORPUSFORGE_REQUIRE_INTEROP") != null) {
                fail(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        return python;
    }

    private static Path makeInputs(Path tmp) throws Exception {
        List<String> texts = new ArrayList<>();
        List<String> lines = Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"));
        for (int i = 0; i < 12; i++) {
            // three sentences a document, the last with a lone emoji and a half-width kana to keep them honest
            String text = String.join("\n", lines.subList(3 * i, 3 * i + 3).stream()
                    .map(l -> l.split(":", 2)[1].split(",", 2)[0]).toList()) + (i == 11 ? "😀ｶﾅ" : "");
            texts.add(JSON.createObjectNode().put("id", "doc-" + i).put("text", text).toString());
        }
        Path list = Files.write(tmp.resolve("texts.jsonl"), texts);
        Path out = tmp.resolve("parquet");
        Process p = new ProcessBuilder(python(), Runs.repo().resolve("scripts/make-parquet-inputs.py").toString(),
                out.toString(), list.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("python.log").toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail("make-parquet-inputs.py failed: " + Files.readString(tmp.resolve("python.log")));
        }
        return out;
    }

    private static List<ObjectNode> rows(Path corpus, Manifest m) throws Exception {
        List<ObjectNode> rows = new ArrayList<>();
        for (Manifest.FileEntry shard : m.shards()) {
            ParquetJson.forEachRow(corpus.resolve(shard.path()).toString(), new Configuration(), 0, rows::add);
        }
        return rows;
    }

    private static Map<String, ObjectNode> rowsById(Path corpus, Manifest m) throws Exception {
        Map<String, ObjectNode> rows = new HashMap<>();
        for (ObjectNode r : rows(corpus, m)) {
            assertEquals(null, rows.put(r.get("id").asText(), r), "two documents with id " + r.get("id"));
        }
        return rows;
    }

    @Test
    void datasetsAndPyarrowFilesReadRowByRowWithTheirProvenance(@TempDir Path tmp) throws Exception {
        Path in = makeInputs(tmp);
        String config = """
                inputs:
                  - {path: %1$s/hf, name: hf, jsonl: {attribute_fields: [meta]}}
                  - {path: %1$s/arrow, name: arrow, jsonl: {id_field: doc_id, text_field: content, attribute_fields: [nested, count, score]}}
                  - {path: %1$s/wrong, name: wrong}
                  - {path: %1$s/damaged, name: damaged}
                  - {path: '%1$s/disk/*.arrow', name: disk, jsonl: {attribute_fields: [meta]}}
                stages: []
                """.formatted(in);
        Path out = tmp.resolve("out");
        Manifest m = Runs.run(config, out, 2);
        assertEquals(List.of(), Runs.problems(out));
        List<ObjectNode> rows = rows(out, m);
        int checked = 0;
        for (String line : Files.readAllLines(in.resolve("expected.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            String file = e.get("file").asText();
            if (e.get("text").isNull()) {
                continue; // quarantined below
            }
            // both files hold the same ids: a row is its file's and id's
            String fileName = file.substring(file.lastIndexOf('/'));
            ObjectNode row = rows.stream().filter(r -> r.get("source_uri").asText().endsWith(fileName)
                    && r.get("id").asText().equals(e.get("id").asText())).findFirst().orElse(null);
            assertNotNull(row, "no document for " + line);
            assertEquals(e.get("text").asText(), row.get("text").asText(), line);
            String locator = row.get("source_locator").asText();
            assertTrue(locator.endsWith(",row:" + e.get("row").asInt()), locator);
            if (e.has("batch")) {
                assertEquals("batch:0,row:" + e.get("row").asInt(), locator);
                assertTrue(row.get("attributes").get("meta").asText().startsWith("{\"chars\":"), row.toString());
            } else if (e.has("row_group")) {
                assertEquals("row_group:" + e.get("row_group").asInt() + ",row:" + e.get("row").asInt(), locator);
                JsonNode attributes = row.get("attributes");
                assertEquals(String.valueOf(e.get("row").asInt()), attributes.get("count").asText());
                assertEquals(JSON.readTree("{\"n\":" + e.get("row").asInt() + ",\"names\":[\"x" + e.get("row").asInt()
                        + "\",null]}"), JSON.readTree(attributes.get("nested").asText()));
            } else {
                assertTrue(row.get("url").asText().startsWith("https://example.org/"), row.toString());
                assertTrue(row.get("attributes").get("meta").asText().contains("\"tags\":[\"a\",\"b\"]"), row.toString());
            }
            checked++;
        }
        assertEquals(12 + 12 + 9, checked);
        assertEquals(33, m.totals().kept());
        Map<String, Long> quarantined = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve(m.quarantine().get(0).path()))) {
            JsonNode q = JSON.readTree(line);
            quarantined.merge(q.get("reason").asText(), 1L, Long::sum);
        }
        assertEquals(Map.of("missing-text", 1L, "text-column-not-a-string", 1L, "open-error", 1L), quarantined);
    }

    @Test
    void aCorpusCorpusforgeWroteIsAnInputWithItsProvenanceChained(@TempDir Path tmp) throws Exception {
        Path in = makeInputs(tmp);
        Path first = tmp.resolve("first");
        Manifest m1 = Runs.run("inputs: [{path: " + in + "/hf}]\nstages: [{name: normalize}]\n", first, 2);
        Map<String, ObjectNode> original = rowsById(first, m1);
        Path second = tmp.resolve("second");
        Manifest m2 = Runs.run("inputs: [{path: " + first.resolve("shards") + "}]\nstages: []\n", second, 1);
        assertEquals(List.of(), Runs.problems(second));
        Map<String, ObjectNode> chained = rowsById(second, m2);
        assertEquals(original.keySet(), chained.keySet());
        for (Map.Entry<String, ObjectNode> e : chained.entrySet()) {
            ObjectNode was = original.get(e.getKey());
            ObjectNode now = e.getValue();
            assertEquals(was.get("text"), now.get("text"));
            assertTrue(now.get("source_uri").asText().contains("/first/shards/part-"), now.toString());
            JsonNode attributes = now.get("attributes");
            assertEquals(was.get("source_uri").asText(), attributes.get("origin_source_uri").asText());
            assertEquals(was.get("source_locator").asText(), attributes.get("origin_source_locator").asText());
            assertEquals(was.get("source_sha256").asText(), attributes.get("origin_source_sha256").asText());
        }
    }

    @Test
    void aHubDatasetAndAZstdShardRunThroughTheSampleChainWithEveryRecordAccountedFor(@TempDir Path tmp)
            throws Exception {
        Path in = makeInputs(tmp);
        // a .jsonl.zst shard as LLM-jp's v4 corpus is resharded: the sample's Aozora works, zstd-compressed
        Path zst = tmp.resolve("shard-0000.jsonl.zst");
        long works = 0;
        try (java.io.InputStream gz = new java.util.zip.GZIPInputStream(Files.newInputStream(
                Runs.repo().resolve("sample/aozora").resolve(Files.list(Runs.repo().resolve("sample/aozora"))
                        .map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl.gz")).sorted()
                        .findFirst().orElseThrow())));
             java.io.OutputStream out = new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(zst))) {
            byte[] all = gz.readAllBytes();
            out.write(all);
            for (byte b : all) {
                works += b == '\n' ? 1 : 0;
            }
        }
        String sample = Files.readString(Runs.repo().resolve("conf/sample.yaml"))
                .replace("conf/", Runs.repo().resolve("conf").toString() + "/");
        Path out = tmp.resolve("out");
        Manifest m = CorpusJob.run(SharedSpark.session(), new RunOptions(PipelinePlan.parse(sample,
                List.of(in.resolve("hf/data").toString(), zst.toString()),
                Map.of("input_defaults.markup", "aozora")), out.toString(), false, 2));
        assertEquals(List.of(), Runs.problems(out));
        assertEquals(12 + works, m.totals().recordsRead());
        assertEquals(m.totals().recordsRead(), m.totals().kept() + m.totals().dropped() + m.totals().quarantined());
        Map<String, Long> perInput = new HashMap<>();
        m.inputs().forEach(i -> perInput.put(i.uri().substring(i.uri().lastIndexOf('/') + 1), i.records()));
        assertEquals(Map.of("train-00000-of-00002.parquet", 6L, "train-00001-of-00002.parquet", 6L,
                "shard-0000.jsonl.zst", works), perInput);
        assertTrue(m.totals().kept() > 0, m.stages().toString());
        for (ObjectNode row : rows(out, m)) {
            String locator = row.get("source_locator").asText();
            assertTrue(locator.matches("row_group:\\d+,row:\\d+|line:\\d+"), locator);
        }
    }
}
