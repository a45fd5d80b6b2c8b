package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.jobs.io.ParquetJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Why was this dropped?" answered with the run's numbers (issue 47): {@code inspect --config} reads each file as the
 * run reads it, with the {@code inputs[]} entry that names it (the sample's ITA file as transcript lines, its Aozora
 * files as books with their markup), and every record gets the run's verdict: the same stage, reason and measured
 * detail as the run's {@code dropped/}, kept where the run kept it (in the shards, or dropped later by a global stage).
 */
class InspectAsTheRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void inspectGivesEveryRecordOfTheSampleTheRunsVerdict() throws Exception {
        // the sample's inputs as a user would point at them: a directory, and a file of one (its licence beside it is
        // no input of the run)
        List<String> lines = compare(List.of(), List.of("sample/aozora", "sample/ita/recitation_transcript_utf8.txt"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"source\":\"transcript\"")), "ITA's lines as transcripts");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"source\":\"book\"")), "Aozora's works as books");
    }

    /** A configuration of defaults and stages alone (no inputs): every file given takes the defaults. */
    @Test
    void aConfigurationWithoutInputsGivesEveryFileItsDefaults() throws Exception {
        Path config = Files.writeString(tmp.resolve("defaults.yaml"),
                "input_defaults: {source: book}\nstages: [{name: normalize}]\n");
        Runs.Cli inspect = Runs.cli("inspect", "--config", config.toString(), "sample/mixed/talk.srt");
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("\"source\":\"book\""), inspect.out());
    }

    /** Files no entry names (the run given --input) are read with the input defaults by both. */
    @Test
    void inspectGivesEveryRecordOfTheMixedSampleTheRunsVerdict() throws Exception {
        List<String> lines = compare(List.of("--input", "sample/mixed"), List.of("sample/mixed"));
        // a record the reader passes over says what it was (issue 47: these details were null)
        for (String[] reason : new String[][] {{"http-status", "HTTP status "}, {"not-a-document", "a WARC "}}) {
            List<JsonNode> passed = lines.stream().map(InspectAsTheRunTest::json)
                    .filter(r -> r.path("reason").asText().equals(reason[0])).toList();
            assertTrue(!passed.isEmpty() && passed.stream().allMatch(r -> r.path("detail").asText().startsWith(
                    reason[1])), reason[0] + ": " + passed);
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the sample configuration with these options and inspects these paths; returns inspect's lines. */
    private List<String> compare(List<String> runOptions, List<String> paths) throws Exception {
        Path out = tmp.resolve("run");
        List<String> args = new java.util.ArrayList<>(List.of("run", "--config", "conf/sample.yaml", "--output",
                out.toString(), "--set", "output.write_dropped=true"));
        args.addAll(runOptions);
        Runs.Cli run = Runs.cli(args.toArray(new String[0]));
        assertEquals(0, run.exit(), run.err());
        Manifest m = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
        Map<String, String> dropped = new TreeMap<>();
        for (Manifest.FileEntry f : m.dropped()) {
            for (String line : Files.readAllLines(out.resolve(f.path()))) {
                JsonNode d = JSON.readTree(line);
                dropped.put(d.get("id").asText(), d.get("stage").asText() + " " + d.get("reason").asText() + " "
                        + d.path("detail").asText(""));
            }
        }
        Set<String> kept = new TreeSet<>();
        for (Manifest.FileEntry shard : m.shards()) {
            ParquetJson.forEachRow(out.resolve(shard.path()).toString(), new Configuration(), 0,
                    r -> kept.add(r.get("id").asText()));
        }
        Set<String> global = new TreeSet<>(org.corpusforge.jobs.global.GlobalStages.sections().keySet());

        List<String> inspectArgs = new java.util.ArrayList<>(List.of("inspect", "--config", "conf/sample.yaml",
                "--chars", "0"));
        inspectArgs.addAll(paths);
        Runs.Cli inspect = Runs.cli(inspectArgs.toArray(new String[0]));
        assertEquals(0, inspect.exit(), inspect.err());
        List<String> lines = inspect.out().lines().toList();
        assertEquals(m.totals().recordsRead(), lines.size(), "every record the run read");
        for (String line : lines) {
            JsonNode r = JSON.readTree(line);
            String id = r.get("id").asText();
            String status = r.get("status").asText();
            if (status.equals("dropped")) {
                assertEquals(dropped.get(id), r.get("stage").asText() + " " + r.get("reason").asText() + " "
                        + r.path("detail").asText(""), id);
            } else if (status.equals("kept")) {
                String later = dropped.get(id);
                assertTrue(kept.contains(id) || (later != null && global.contains(later.split(" ")[0])),
                        id + ": kept by inspect, " + later + " in the run");
            } else {
                assertEquals("quarantined", status, line);
            }
        }
        assertEquals(m.totals().quarantined(), lines.stream().filter(l -> l.contains("\"status\":\"quarantined\""))
                .count());
        return lines;
    }
}
