package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fastText model, trained here by Debian's fastText on the repository's text (Japanese lines of the bundled
 * Aozora works, English lines of the README), as two classifier stages of one chain on Spark: every document's
 * scores equal what fastText's own predict-prob gives for the same input line, English documents are dropped under
 * the stage's id, and the manifest names the model with its SHA-256.
 */
@ExtendWith(SharedSpark.class)
class ClassifierStageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode readTree(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String run(Path stdin, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }

    private static void requireFastText() {
        try {
            new ProcessBuilder("fasttext").redirectErrorStream(true).start().waitFor();
        } catch (Exception e) {
            String why = "no fasttext binary (apt-get install fasttext)";
            if (System.getenv("CORPUSFORGE_REQUIRE_FASTTEXT") != null) {
                fail(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }

    @Test
    void classifiersScoreLikeFastTextAndDropUnderTheirIds(@TempDir Path tmp) throws Exception {
        requireFastText();
        List<String> japanese = new ArrayList<>();
        for (String line : Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            japanese.add(line.split(":", 2)[1].split(",", 2)[0]);
        }
        List<String> english = Files.readAllLines(Runs.repo().resolve("README.md")).stream()
                .filter(l -> l.length() > 40 && !l.startsWith("|") && !l.startsWith("`")).toList();
        List<String> train = new ArrayList<>();
        for (int i = 20; i < japanese.size(); i++) {
            train.add("__label__ja " + japanese.get(i));
        }
        for (int i = 20; i < english.size(); i++) {
            train.add("__label__en " + english.get(i));
        }
        Path trainFile = Files.write(tmp.resolve("train.txt"), train);
        run(null, "fasttext", "supervised", "-input", trainFile.toString(), "-output", tmp.resolve("lang").toString(),
                "-dim", "8", "-epoch", "5", "-minn", "1", "-maxn", "3", "-wordNgrams", "2", "-bucket", "20000",
                "-thread", "1", "-seed", "3", "-verbose", "0");
        Path model = tmp.resolve("lang.bin");

        // documents of two or three held-out lines each, across line breaks
        Map<String, String> docs = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            docs.put("ja-" + i, japanese.get(2 * i) + "\n" + japanese.get(2 * i + 1));
            docs.put("en-" + i, english.get(2 * i) + "\n" + english.get(2 * i + 1));
        }
        StringBuilder jsonl = new StringBuilder();
        docs.forEach((id, text) -> jsonl.append(JSON.createObjectNode().put("id", id).put("text", text)).append('\n'));
        Path in = Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve("docs.jsonl"), jsonl);
        String config = """
                inputs: [{path: %s}]
                stages:
                  - {name: classifier, id: lang-ft, model: %s, drop_label: __label__en, threshold: 0.5}
                  - {name: classifier, id: lang-again, model: %s, labels: [__label__ja]}
                """.formatted(in, model, model);
        Manifest m = Runs.run(config, tmp.resolve("out"), 2);
        assertEquals(List.of(), Runs.problems(tmp.resolve("out")));
        Manifest.StageEntry first = m.stages().get(1);
        assertEquals("lang-ft", first.name());
        assertTrue(first.dropped().getOrDefault("lang-ft", 0L) >= 8, first.toString());
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(model)), m.stageDetails().get("lang-ft").get("model_sha256"));

        // fastText's own scores for the same input lines (line breaks as spaces)
        List<String> ids = new ArrayList<>(docs.keySet());
        Path lines = Files.write(tmp.resolve("lines.txt"), ids.stream().map(id -> docs.get(id).replace('\n', ' ')).toList());
        String[] reference = run(null, "fasttext", "predict-prob", model.toString(), lines.toString(), "2").split("\n");
        Map<String, Map<String, Double>> expected = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String[] parts = reference[i].split(" ");
            Map<String, Double> scores = new LinkedHashMap<>();
            for (int j = 0; j < parts.length; j += 2) {
                scores.put(parts[j], Double.parseDouble(parts[j + 1]));
            }
            expected.put(ids.get(i), scores);
        }
        int kept = 0;
        for (String line : Runs.cli("show", tmp.resolve("out").toString(), "--limit", "0").out().split("\n")) {
            JsonNode doc = JSON.readTree(line);
            String id = doc.get("id").asText();
            JsonNode signals = doc.get("signals");
            assertEquals(expected.get(id).get("__label__ja"), signals.get("lang_ft_ja").asDouble(), 1e-5, id);
            assertEquals(expected.get(id).get("__label__en"), signals.get("lang_ft_en").asDouble(), 1e-5, id);
            assertEquals(signals.get("lang_ft_ja").asDouble(), signals.get("lang_again_ja").asDouble(), 0, id);
            assertTrue(!signals.has("lang_again_en"), "only the labels asked for");
            assertTrue(expected.get(id).get("__label__en") <= 0.5, id + " kept with " + expected.get(id));
            kept++;
        }
        assertEquals(20 - first.dropped().get("lang-ft"), kept);

        // classify prints what predict-prob prints, byte for byte, a last line without a line break included
        Path probe = Files.writeString(tmp.resolve("probe.txt"), Files.readString(lines)
                + "\n\t mixed 日本語 text\r\nlast line without a line break");
        String expectedText = run(probe, "fasttext", "predict-prob", model.toString(), "-", "2");
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(Files.newInputStream(probe));
            Runs.Cli classify = Runs.cli("classify", "--model", model.toString(), "-k", "2");
            assertEquals(0, classify.exit(), classify.err());
            String[] expectedLines = expectedText.split("\n", -1);
            String[] actualLines = classify.out().split("\n", -1);
            assertEquals(expectedLines.length, actualLines.length, classify.out());
            for (int i = 0; i < expectedLines.length; i++) {
                // the same labels in the same order, probabilities to 1e-5 (the last printed digit can differ by one
                // float ulp: the JVM's exp and log are not glibc's)
                String[] e = expectedLines[i].isEmpty() ? new String[0] : expectedLines[i].split(" ");
                String[] a = actualLines[i].isEmpty() ? new String[0] : actualLines[i].split(" ");
                assertEquals(e.length, a.length, "line " + i + ": " + expectedLines[i] + " | " + actualLines[i]);
                for (int j = 0; j < e.length; j += 2) {
                    assertEquals(e[j], a[j], "line " + i);
                    assertEquals(Double.parseDouble(e[j + 1]), Double.parseDouble(a[j + 1]), 1e-5, "line " + i);
                }
            }
        } finally {
            System.setIn(stdin);
        }
    }

    /**
     * An ONNX transformer (the tiny random BERT-shaped model of filters' tests, with its tokenizer.json) as a stage on
     * Spark, in batches of 5: every document's logits are the model's for that text alone, documents whose toxic
     * logit is above the median are dropped under the stage's id, the manifest names model and tokenizer with their SHA-256,
     * and the shards are byte-identical for one and three partitions (batches of other documents).
     */
    @Test
    void onnxClassifierScoresBatchesAsEachDocumentAlone(@TempDir Path tmp) throws Exception {
        Path model = Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert.onnx");
        Path tokenizer = Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert-tokenizer.json");
        String config = """
                inputs: [{path: sample/aozora/*.jsonl.gz, source: book, markup: aozora}]
                stages:
                  - {name: aozora}
                  - {name: normalize}
                  - {name: classifier, id: bert, kind: onnx, model: %s, tokenizer: %s, max_tokens: 64,
                     batch_size: 5, labels: [clean, toxic], output: logit, drop_label: toxic, threshold: %s}
                """;
        // the threshold: the median toxic logit, so that the random model drops half the documents
        Runs.run(config.formatted(model, tokenizer, "1e30"), tmp.resolve("scores"), 1);
        double[] toxic = Runs.cli("show", tmp.resolve("scores").toString(), "--limit", "0").out().lines()
                .mapToDouble(l -> readTree(l).get("signals").get("bert_toxic").asDouble()).sorted().toArray();
        double threshold = toxic[toxic.length / 2];
        Manifest one = Runs.run(config.formatted(model, tokenizer, threshold), tmp.resolve("p1"), 1);
        Manifest three = Runs.run(config.formatted(model, tokenizer, threshold), tmp.resolve("p3"), 3);
        assertEquals(List.of(), Runs.problems(tmp.resolve("p1")));
        Manifest.StageEntry bert = one.stages().stream().filter(s -> s.name().equals("bert")).findFirst().orElseThrow();
        long dropped = bert.dropped().getOrDefault("bert", 0L);
        assertTrue(dropped > 0 && bert.kept() > 0, bert.toString());
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(model)), one.stageDetails().get("bert").get("model_sha256"));
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(tokenizer)),
                one.stageDetails().get("bert").get("tokenizer_sha256"));
        assertEquals(one.shards(), three.shards());
        List<Path> a = Runs.files(tmp.resolve("p1").resolve("shards"));
        List<Path> b = Runs.files(tmp.resolve("p3").resolve("shards"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(Runs.bytes(a.get(i)), Runs.bytes(b.get(i)));
        }
        try (org.corpusforge.filters.classify.OnnxModel alone = new org.corpusforge.filters.classify.OnnxModel(
                Files.readAllBytes(model), Files.readAllBytes(tokenizer), 64)) {
            int checked = 0;
            for (String line : Runs.cli("show", tmp.resolve("p1").toString(), "--limit", "0").out().split("\n")) {
                JsonNode doc = JSON.readTree(line);
                float[] logits = alone.logits(List.of(doc.get("text").asText())).get(0);
                assertEquals(logits[0], doc.get("signals").get("bert_clean").asDouble(), 0, doc.get("id").asText());
                assertEquals(logits[1], doc.get("signals").get("bert_toxic").asDouble(), 0, doc.get("id").asText());
                assertTrue(logits[1] <= threshold);
                checked++;
            }
            assertEquals(bert.kept(), checked);
        }
    }
}
