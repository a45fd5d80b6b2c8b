package org.corpusforge.filters.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX classifier against the reference: Hugging Face's tokenizers and Python's ONNX Runtime
 * (scripts/onnx-reference.py, each text alone) on a tiny BERT-shaped model made for this test with random weights
 * (src/test/resources/classify/README.md says how), on the sample's Japanese paragraphs, whole works longer than the
 * model's input, English, emoji and empty text. The JVM runs them in batches of mixed lengths (padded), and every
 * text's logits must be the reference's to 1e-5 (relative, above 1) and bit for bit what the JVM gives the text alone. The reference
 * Python is CORPUSFORGE_ONNX_PYTHON, else the repository's .venv-onnx (scripts/python-venv.sh .venv-onnx
 * scripts/onnx-requirements.txt); CORPUSFORGE_REQUIRE_ONNX turns a missing reference into a failure.
 */
class OnnxClassifierTest {
    static final int MAX_TOKENS = 64;

    static byte[] model;
    static byte[] tokenizer;
    static List<String> texts = new ArrayList<>();

    static Path repo() {
        return Path.of(System.getProperty("corpusforge.repo", "..")).toAbsolutePath().normalize();
    }

    @BeforeAll
    static void data() throws Exception {
        model = resource("/classify/tiny-bert.onnx");
        tokenizer = resource("/classify/tiny-bert-tokenizer.json");
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                repo().resolve("sample/aozora/aozora_pd_duplicates.jsonl.gz")))) {
            for (String record : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String text = json.readTree(record).get("text").asText();
                texts.add(text); // whole works: truncated to MAX_TOKENS
                for (String paragraph : text.split("\n")) {
                    if (paragraph.strip().length() >= 5 && texts.size() < 120) {
                        texts.add(paragraph);
                    }
                }
            }
        }
        texts.addAll(List.of("", " ", "The quick brown fox jumps over the lazy dog.", "絵文字😀と𠮷野家\nと改行",
                "ＡＢＣ　全角", "x".repeat(10_000)));
    }

    static byte[] resource(String name) throws Exception {
        try (InputStream in = OnnxClassifierTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static List<float[]> batched(OnnxModel onnx, List<String> all, int batch) {
        List<float[]> logits = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batch) {
            logits.addAll(onnx.logits(all.subList(from, Math.min(all.size(), from + batch))));
        }
        return logits;
    }

    @Test
    void logitsAreTheReferenceRuntimesAndDoNotDependOnTheBatch() throws Exception {
        List<List<Double>> reference = reference(texts);
        try (OnnxModel onnx = new OnnxModel(model, tokenizer, MAX_TOKENS)) {
            assertEquals(2, onnx.width());
            List<float[]> alone = batched(onnx, texts, 1);
            List<float[]> inBatches = batched(onnx, texts, 7);
            double largest = 0;
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(alone.get(i), inBatches.get(i), 0f, "batch changed text " + i);
                for (int j = 0; j < 2; j++) {
                    // relative to logits above 1 in size: ONNX Runtime 1.29 (Java) and 1.30 (Python) differ
                    // by up to 15 float steps (7.3e-6) on logits near 7
                    double difference = Math.abs(reference.get(i).get(j) - alone.get(i)[j])
                            / Math.max(1.0, Math.abs(reference.get(i).get(j)));
                    largest = Math.max(largest, difference);
                    assertTrue(difference <= 1e-5, "text " + i + " logit " + j + ": " + alone.get(i)[j]
                            + " vs reference " + reference.get(i).get(j));
                }
            }
            System.out.printf("ONNX: %d texts, largest relative difference from the reference %.3g%n", texts.size(), largest);
        }
    }

    @Test
    void stageScoresAndDropsInBatchesAsItDoesOneByOne() {
        OnnxModel onnx = new OnnxModel(model, tokenizer, MAX_TOKENS);
        OnnxClassifier probabilities = new OnnxClassifier(onnx, List.of("clean", "toxic"),
                OnnxClassifier.Output.PROBABILITY);
        OnnxClassifier logits = new OnnxClassifier(onnx, List.of("clean", "toxic"), OnnxClassifier.Output.LOGIT);
        ClassifierStage.Input input = new ClassifierStage.Input(false, false, false, 0, false);
        ClassifierStage byProbability = new ClassifierStage("bert", probabilities, input, List.of(), "toxic", 0.5, 8);
        ClassifierStage byLogit = new ClassifierStage("bert", logits, input, List.of(), "toxic", 0.0, 8);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            docs.add(new Document("d" + i, texts.get(i), org.corpusforge.core.model.SourceKind.WEB,
                    new org.corpusforge.core.model.Provenance("f", "file", null), null));
        }
        List<Verdict> together = byProbability.applyAll(docs);
        int dropped = 0;
        for (int i = 0; i < docs.size(); i++) {
            Verdict alone = byProbability.apply(docs.get(i));
            assertEquals(alone.kind(), together.get(i).kind());
            assertEquals(alone.document().signals(), together.get(i).document().signals());
            double toxic = alone.document().signals().get("bert_toxic");
            double clean = alone.document().signals().get("bert_clean");
            assertEquals(1.0, toxic + clean, 1e-12);
            assertEquals(toxic > 0.5 ? Verdict.Kind.DROP : Verdict.Kind.KEEP, alone.kind());
            // p(toxic) > 0.5 exactly when the toxic logit is the larger
            Verdict byLogits = byLogit.apply(docs.get(i));
            double margin = byLogits.document().signals().get("bert_toxic")
                    - byLogits.document().signals().get("bert_clean");
            assertEquals(margin > 0, toxic > 0.5);
            dropped += alone.kind() == Verdict.Kind.DROP ? 1 : 0;
        }
        // the random model must separate these texts somewhat, or the test shows nothing
        assertTrue(dropped > 0 && dropped < docs.size(), dropped + " of " + docs.size() + " dropped");
    }

    @Test
    void aModelAndItsLabelsMustAgree() {
        OnnxModel onnx = new OnnxModel(model, tokenizer, MAX_TOKENS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxClassifier(onnx, List.of("toxic"), OnnxClassifier.Output.PROBABILITY));
        assertTrue(e.getMessage().contains("2 logits per text"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OnnxModel(tokenizer, tokenizer, MAX_TOKENS));
        assertThrows(IllegalArgumentException.class, () -> new OnnxModel(model, model, MAX_TOKENS));
    }

    @Test
    void probabilitiesAreASoftmaxOrASigmoid() {
        assertArrayEquals(new double[] {0.5, 0.5}, OnnxClassifier.probabilities(new float[] {3f, 3f}), 1e-15);
        double[] p = OnnxClassifier.probabilities(new float[] {0f, (float) Math.log(3)});
        assertEquals(0.25, p[0], 1e-7);
        assertEquals(0.75, p[1], 1e-7);
        assertEquals(1 / (1 + Math.exp(-8.4f)), OnnxClassifier.probabilities(new float[] {8.4f})[0], 1e-15);
        // no overflow far out
        assertArrayEquals(new double[] {0, 1}, OnnxClassifier.probabilities(new float[] {-1e30f, 1e30f}), 0);
    }

    /** The reference's logits per text, or the test is skipped (failed under CORPUSFORGE_REQUIRE_ONNX). */
    static List<List<Double>> reference(List<String> all) throws Exception {
        return reference(all, model, tokenizer);
    }

    /** The reference's first output per text for another model ({@code extra}: onnx-reference.py's options). */
    static List<List<Double>> reference(List<String> all, byte[] model, byte[] tokenizer, String... extra)
            throws Exception {
        String python = System.getenv("CORPUSFORGE_ONNX_PYTHON");
        if (python == null) {
            Path venv = repo().resolve(".venv-onnx/bin/python");
            python = Files.isExecutable(venv) ? venv.toString() : "python3";
        }
        Path tmp = Files.createTempDirectory("onnx-reference");
        tmp.toFile().deleteOnExit();
        Path modelFile = Files.write(tmp.resolve("model.onnx"), model);
        Path tokenizerFile = Files.write(tmp.resolve("tokenizer.json"), tokenizer);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String text : all) {
            lines.add(json.writeValueAsString(java.util.Map.of("text", text)));
        }
        Path in = Files.write(tmp.resolve("texts.jsonl"), lines);
        Path out = tmp.resolve("logits.jsonl");
        Path err = tmp.resolve("stderr.txt");
        int exit;
        try {
            List<String> command = new ArrayList<>(List.of(python, repo().resolve("scripts/onnx-reference.py").toString(),
                    modelFile.toString(), tokenizerFile.toString(), String.valueOf(MAX_TOKENS)));
            command.addAll(List.of(extra));
            Process p = new ProcessBuilder(command)
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            exit = p.waitFor(5, TimeUnit.MINUTES) ? p.exitValue() : -1;
        } catch (java.io.IOException e) {
            exit = -2;
        }
        if (exit != 0) {
            String why = "no reference ONNX Runtime (" + python + ": " + (Files.exists(err)
                    ? Files.readString(err).strip().lines().reduce((a, b) -> b).orElse("") : "cannot start")
                    + "); scripts/python-venv.sh .venv-onnx scripts/onnx-requirements.txt";
            if (System.getenv("CORPUSFORGE_REQUIRE_ONNX") != null) {
                fail(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        List<List<Double>> logits = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            List<Double> row = new ArrayList<>();
            for (JsonNode value : json.readTree(line)) {
                row.add(value.asDouble());
            }
            logits.add(row);
        }
        assertEquals(all.size(), logits.size());
        return logits;
    }
}
