package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated-substring removal on Spark equals a brute-force finder: for each document in the corpus's order, every
 * character inside a window of {@code min_chars} characters that occurs in an earlier document (String.contains over
 * their texts) is cut. The corpus plants shared paragraphs of known lengths (one short of the threshold, at it, far
 * above it), at documents' starts and ends, overlapping, repeated inside one document, outside the BMP, in every
 * document, and a document made only of shared text; the result is the same at 1 and 3 partitions.
 */
@ExtendWith(SharedSpark.class)
class SubstringDedupTest {
    private static final String ALPHABET = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
            + "日本語文章山川海空雨雪風花鳥月星人心手足目耳口春夏秋冬朝昼夜東西南北上下左右前後大小高低長短新古";

    @Test
    void spansSharedWithEarlierDocumentsAreCutExactlyAsBruteForceFinds(@TempDir Path tmp) throws Exception {
        for (int minChars : new int[] {20, 37}) {
            Map<String, String> corpus = plantedCorpus(new Random(minChars), minChars);
            Path in = Files.createDirectories(tmp.resolve("in-" + minChars)).resolve("docs.jsonl");
            ObjectMapper json = new ObjectMapper();
            StringBuilder lines = new StringBuilder();
            for (Map.Entry<String, String> e : corpus.entrySet()) {
                ObjectNode doc = json.createObjectNode();
                doc.put("id", e.getKey());
                doc.put("text", e.getValue());
                lines.append(json.writeValueAsString(doc)).append('\n');
            }
            Files.writeString(in, lines.toString());
            String config = """
                    inputs: [{path: %s}]
                    substring_dedup: {enabled: true, min_chars: %d, min_document_chars: 10}
                    """.formatted(in, minChars);
            Manifest one = Runs.run(config, tmp.resolve("p1-" + minChars), 1);
            Manifest three = Runs.run(config, tmp.resolve("p3-" + minChars), 3);
            assertEquals(one.shards(), three.shards(), "substring dedup does not depend on partitioning");
            assertEquals(List.of(), Runs.problems(tmp.resolve("p1-" + minChars)));

            Map<String, String> expected = bruteForce(corpus, minChars);
            Map<String, String> actual = new TreeMap<>();
            for (String line : Runs.cli("show", tmp.resolve("p1-" + minChars).toString(), "--limit", "0").out()
                    .split("\n")) {
                JsonNode doc = json.readTree(line);
                actual.put(doc.get("id").asText(), doc.get("text").asText());
            }
            Map<String, String> expectedKept = new TreeMap<>();
            expected.forEach((id, text) -> {
                if (text.codePointCount(0, text.length()) >= 10) {
                    expectedKept.put(id, text);
                }
            });
            assertEquals(expectedKept, actual, "min_chars " + minChars);
            long cut = corpus.keySet().stream().filter(id -> !corpus.get(id).equals(expected.get(id))).count();
            assertTrue(cut >= 10, "the planted paragraphs cut " + cut + " documents");
            Manifest.StageEntry stage = one.stages().get(one.stages().size() - 1);
            assertEquals("substring-dedup", stage.name());
            assertEquals(Map.of("substring-dedup", (long) (expected.size() - expectedKept.size())), stage.dropped());
            assertTrue(expected.size() - expectedKept.size() >= 1, "the document made of shared text is dropped");
            long removed = 0;
            for (String id : corpus.keySet()) {
                removed += corpus.get(id).codePointCount(0, corpus.get(id).length())
                        - expected.get(id).codePointCount(0, expected.get(id).length());
            }
            assertEquals(removed, ((Number) one.stageDetails().get("substring-dedup").get("chars_removed")).longValue());
            String report = Files.readString(tmp.resolve("p1-" + minChars).resolve("report.html"));
            String shown = ">" + String.format(java.util.Locale.ROOT, "%,d", removed) + "<";
            assertTrue(report.contains("id=\"stage-substring-dedup\"") && report.contains(shown),
                    "the report's dedup section shows what was cut");
            String card = Files.readString(tmp.resolve("p1-" + minChars).resolve("README.md"));
            assertTrue(card.contains("### substring-dedup\n"), "the card lists the stage's figures");
        }
    }

    @Test
    void aRunOfOneCharacterIsOneSurroundingNotOnePerPosition(@TempDir Path tmp) throws Exception {
        // every position of a run is an anchor with the same surroundings: sent once, with its starts
        String run = "あ".repeat(200_000);
        String tail = "ここだけの文章。";
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (String id : new String[] {"run-a", "run-b"}) {
            ObjectNode doc = json.createObjectNode();
            doc.put("id", id);
            doc.put("text", run + tail + id);
            lines.append(json.writeValueAsString(doc)).append('\n');
        }
        Path in = Files.createDirectories(tmp.resolve("in")).resolve("runs.jsonl");
        Files.writeString(in, lines.toString());
        Manifest m = Runs.run("inputs: [{path: %s}]\nsubstring_dedup: {enabled: true}\n".formatted(in), tmp.resolve("out"), 2);
        String first = Hashing.stableHash64("run-a") < Hashing.stableHash64("run-b") ? "run-a" : "run-b";
        String second = first.equals("run-a") ? "run-b" : "run-a";
        Map<String, String> texts = new TreeMap<>();
        for (String line : Runs.cli("show", tmp.resolve("out").toString(), "--limit", "0").out().split("\n")) {
            JsonNode doc = json.readTree(line);
            texts.put(doc.get("id").asText(), doc.get("text").asText());
        }
        assertEquals(run + tail + first, texts.get(first));
        // all but the last character is shared with the earlier document ("run-" included)
        assertEquals(second.substring(4), texts.get(second), "the shared run, tail and id's start go from the later one");
        assertEquals(200_000L + tail.length() + 4, ((Number) m.stageDetails().get("substring-dedup").get("chars_removed")).longValue());
    }

    /** Random prose (no accidental repeat of 20 characters) with shared paragraphs planted. */
    private static Map<String, String> plantedCorpus(Random random, int minChars) {
        List<String> shared = new ArrayList<>();
        for (int length : new int[] {minChars - 1, minChars, minChars + 1, 2 * minChars, 5 * minChars, 3 * minChars}) {
            shared.add(random(random, length));
        }
        shared.add("𠮟" + random(random, minChars - 2) + "𩸽"); // outside the BMP at both ends
        String everywhere = random(random, minChars + 5);
        Map<String, String> docs = new LinkedHashMap<>();
        for (int d = 0; d < 40; d++) {
            StringBuilder text = new StringBuilder();
            if (d % 5 == 0) {
                text.append(shared.get(d % shared.size())); // at the start
            }
            text.append(random(random, 30 + random.nextInt(80))).append('\n');
            int plants = random.nextInt(3);
            for (int p = 0; p < plants; p++) {
                String paragraph = shared.get(random.nextInt(shared.size()));
                if (random.nextInt(4) == 0) {
                    // overlapping: the end of one shared paragraph runs into the start of another
                    String next = shared.get(random.nextInt(shared.size()));
                    paragraph = paragraph.substring(paragraph.length() / 2) + next.substring(0, next.length() / 2);
                }
                text.append(paragraph);
                if (random.nextInt(6) == 0) {
                    text.append(paragraph); // the same span twice in one document
                }
                text.append(random(random, 5 + random.nextInt(40))).append('\n');
            }
            if (d % 7 == 3) {
                text.append(everywhere);
            }
            if (d % 4 == 1) {
                text.append(shared.get(d % shared.size())); // at the end
            }
            docs.put("doc-" + d, text.toString());
        }
        docs.put("only-shared", shared.get(4) + shared.get(3));
        docs.put("short", "短い");
        return docs;
    }

    private static String random(Random random, int codePoints) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Each document's text with every character inside a window found in an earlier document cut out. */
    private static Map<String, String> bruteForce(Map<String, String> corpus, int minChars) {
        List<String> order = new ArrayList<>(corpus.keySet());
        order.sort(Comparator.comparingLong(Hashing::stableHash64));
        Map<String, String> out = new TreeMap<>();
        List<String> earlier = new ArrayList<>();
        for (String id : order) {
            int[] cps = corpus.get(id).codePoints().toArray();
            boolean[] cut = new boolean[cps.length];
            for (int s = 0; s + minChars <= cps.length; s++) {
                String window = new String(cps, s, minChars);
                if (earlier.stream().anyMatch(t -> t.contains(window))) {
                    for (int i = s; i < s + minChars; i++) {
                        cut[i] = true;
                    }
                }
            }
            StringBuilder left = new StringBuilder();
            for (int i = 0; i < cps.length; i++) {
                if (!cut[i]) {
                    left.appendCodePoint(cps[i]);
                }
            }
            out.put(id, left.toString());
            earlier.add(corpus.get(id));
        }
        return out;
    }
}
