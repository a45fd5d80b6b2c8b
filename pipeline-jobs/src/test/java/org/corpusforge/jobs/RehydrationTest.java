package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.RehydrationSpec;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.jobs.io.ParquetJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rehydration on the sample (whose Aozora duplicates make clusters): every document of a cluster of 2 or more written
 * three times, each copy the same text and provenance under id#k, counted in the shards' rows and tokens, listed in
 * the manifest, card and report; verify adds it up; the shards are byte-identical at another parallelism; off by
 * default.
 */
class RehydrationTest {
    @Test
    void theScheduleGivesCopiesByClusterSize() throws Exception {
        RehydrationSpec spec = new RehydrationSpec(true, RehydrationSpec.DEFAULT_SCHEDULE);
        assertEquals(List.of(1, 2, 2, 3, 3, 1, 1), List.of(1L, 2L, 4L, 5L, 99L, 100L, 5000L).stream()
                .map(spec::copies).toList());
        assertEquals(1, new RehydrationSpec(false, RehydrationSpec.DEFAULT_SCHEDULE).copies(7));
        assertTrue(!Runs.config("inputs: [{path: x}]\n").config().output().rehydration().enabled(), "off by default");
    }

    /**
     * A copy's id {@code ID#k} cannot be another document's (issue 48): with rehydration on, an id read that ends in
     * {@code #} and digits (or {@code #}) gets one more {@code #}, so a document literally named {@code a#2} is
     * {@code a#2#} beside the copy {@code a#2}; every id of the shards differs.
     */
    @Test
    void noDocumentCanHaveACopysId(@TempDir Path tmp) throws Exception {
        assertEquals("a#2#", org.corpusforge.filters.StageCatalog.reserveCopyIds("a#2"));
        assertEquals("a##", org.corpusforge.filters.StageCatalog.reserveCopyIds("a#"));
        assertEquals("a#2x", org.corpusforge.filters.StageCatalog.reserveCopyIds("a#2x"));
        assertEquals("line:12", org.corpusforge.filters.StageCatalog.reserveCopyIds("line:12"));
        Path in = tmp.resolve("in.jsonl");
        String text = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。";
        Files.writeString(in, String.join("\n",
                "{\"id\": \"a\", \"text\": \"" + text + "\"}",
                "{\"id\": \"a-dup1\", \"text\": \"" + text + "\"}",
                "{\"id\": \"a#2\", \"text\": \"何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。\"}") + "\n");
        Path out = tmp.resolve("out");
        Manifest m = Runs.run("inputs: [{path: " + in + "}]\ndedup: {exact: true, near: false}\n"
                + "output: {rehydration: {enabled: true}}\n", out, 1);
        List<String> ids = new ArrayList<>();
        for (Manifest.FileEntry shard : m.shards()) {
            ParquetJson.forEachRow(out.resolve(shard.path()).toString(), new Configuration(), 0,
                    r -> ids.add(r.path("id").asText()));
        }
        assertEquals(List.of("a", "a#2", "a#2#"), ids.stream().sorted().toList());
    }

    @Test
    void copiesAreWrittenTracedAndCounted(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("rehydrated");
        String[] schedule = {"--set", "output.rehydration.enabled=true", "--set",
                "output.rehydration.schedule=[{from: 2, copies: 3}]"};
        Runs.Cli run = Runs.cli(concat(new String[] {"run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", out.toString(), "--conf", "spark.default.parallelism=1"}, schedule));
        assertEquals(0, run.exit(), run.err());
        Manifest m = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
        Map<String, JsonNode> byId = new HashMap<>();
        List<JsonNode> rows = new ArrayList<>();
        for (Manifest.FileEntry shard : m.shards()) {
            ParquetJson.forEachRow(out.resolve(shard.path()).toString(), new Configuration(), 0, r -> {
                rows.add(r);
                byId.put(r.path("id").asText(), r);
            });
        }
        long originalsInClusters = 0;
        long tokens = 0;
        for (JsonNode r : rows) {
            tokens += r.path("token_count").asLong();
            String id = r.path("id").asText();
            if (id.contains("#")) {
                continue;
            }
            double cluster = r.path("signals").path("dup_cluster_size").asDouble(1);
            if (cluster >= 2) {
                originalsInClusters++;
                assertEquals(1, r.path("signals").path("rehydration_copy").asInt(), id);
                for (int k = 2; k <= 3; k++) {
                    JsonNode copy = byId.get(id + "#" + k);
                    assertTrue(copy != null, id + "#" + k + " written");
                    assertEquals(k, copy.path("signals").path("rehydration_copy").asInt());
                    assertEquals(3, copy.path("signals").path("rehydration_copies").asInt());
                    for (String field : List.of("text", "source_uri", "source_locator", "source_sha256")) {
                        assertEquals(r.path(field), copy.path(field), field + " of " + id + "#" + k);
                    }
                }
            } else {
                assertTrue(r.path("signals").path("rehydration_copy").isMissingNode()
                        || r.path("signals").path("rehydration_copy").isNull(), id);
            }
        }
        assertTrue(originalsInClusters >= 2, "the sample's duplicates make clusters: " + originalsInClusters);
        assertEquals(originalsInClusters, m.rehydration().documentsRepeated());
        assertEquals(2 * originalsInClusters, m.rehydration().copiesAdded());
        assertEquals(m.totals().kept() + m.rehydration().copiesAdded(), rows.size());
        assertEquals(tokens, m.totals().tokens());
        assertEquals(List.of(), Runs.problems(out));
        assertTrue(Files.readString(out.resolve("README.md")).contains("## Rehydration"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("id=\"rehydration\""));

        Path again = tmp.resolve("again");
        Runs.Cli second = Runs.cli(concat(new String[] {"run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", again.toString(), "--conf", "spark.default.parallelism=3", "--master", "local[2]"}, schedule));
        assertEquals(0, second.exit(), second.err());
        assertEquals(m.shards(), ManifestJson.fromBytes(Files.readAllBytes(again.resolve("manifest.json"))).shards());
        assertNull(ManifestJson.fromBytes(Files.readAllBytes(again.resolve("manifest.json"))).training());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
