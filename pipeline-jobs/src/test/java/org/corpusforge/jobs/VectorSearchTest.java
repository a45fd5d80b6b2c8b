package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.filters.embed.OnnxEmbedder;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.search.PassageCutter;
import org.corpusforge.search.TextSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passages' vectors, made by the run with a BERT-shaped encoder of random weights (tiny-encoder.onnx, whose
 * embeddings OnnxEmbedderTest compares with Python's ONNX Runtime): the nearest passages against a brute-force
 * cosine over every passage's vector; hybrid against reciprocal-rank fusion computed here; the index byte-identical
 * at another parallelism; and a model that is missing, not a model, or changed since the run, in one line.
 */
class VectorSearchTest {
    static final Path MODEL = Runs.repo().resolve("filters/src/test/resources/classify/tiny-encoder.onnx");
    static final Path TOKENIZER = Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert-tokenizer.json");

    @TempDir
    static Path tmp;
    static Path out;
    static SearchableCorpus corpus;
    /** Every passage: shard, row, start, end, and its vector as the run's model gives it. */
    static List<Object[]> passages = new ArrayList<>();

    static String[] embeddingSettings(Path model) {
        return new String[] {"--set", "output.search_index.embedding.model=" + model,
                "--set", "output.search_index.embedding.tokenizer=" + TOKENIZER,
                "--set", "output.search_index.embedding.max_tokens=128",
                "--set", "output.search_index.embedding.query_prefix=\"query: \"",
                "--set", "output.search_index.embedding.passage_prefix=\"passage: \""};
    }

    static Runs.Cli run(Path output, Path model, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", output.toString()));
        args.addAll(List.of(embeddingSettings(model)));
        args.addAll(List.of(more));
        return Runs.cli(args.toArray(new String[0]));
    }

    @BeforeAll
    static void runWithVectors() throws Exception {
        out = tmp.resolve("vectors");
        Runs.Cli result = run(out, MODEL, "--conf", "spark.default.parallelism=1");
        assertEquals(0, result.exit(), result.err());
        corpus = SearchableCorpus.open(out.toString(), new Configuration());
        Manifest m = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
        try (OnnxEmbedder embedder = new OnnxEmbedder(Files.readAllBytes(MODEL), Files.readAllBytes(TOKENIZER), 128,
                OnnxEmbedder.Pooling.MEAN, true)) {
            for (int s = 0; s < m.shards().size(); s++) {
                List<String> texts = new ArrayList<>();
                ParquetJson.forEachRow(out.resolve(m.shards().get(s).path()).toString(), new Configuration(), 0,
                        r -> texts.add(r.path("text").asText()));
                for (int row = 0; row < texts.size(); row++) {
                    String text = texts.get(row);
                    for (PassageCutter.Span p : PassageCutter.cut(text)) {
                        float[] v = embedder.embed(List.of("passage: " + text.substring(p.start(), p.end()))).get(0);
                        passages.add(new Object[] {s, (long) row, p.start(), p.end(), v});
                    }
                }
            }
        }
    }

    @AfterAll
    static void close() {
        if (corpus != null) {
            corpus.close();
        }
    }

    private static List<String> queries() {
        return List.of("吾輩は猫である。名前はまだ無い。", "汽車の窓から見える景色", "テンプル君、既に真逆だと言った。",
                "彼は静かに手紙を読み終えると、窓の外の雪を眺めた。");
    }

    @Test
    void nearestPassagesAreThoseOfABruteForceCosine() throws Exception {
        double recall = 0;
        int asked = 0;
        try (OnnxEmbedder embedder = new OnnxEmbedder(Files.readAllBytes(MODEL), Files.readAllBytes(TOKENIZER), 128,
                OnnxEmbedder.Pooling.MEAN, true)) {
            for (String q : queries()) {
                float[] query = embedder.embed(List.of("query: " + corpus.search().count(q).normalized())).get(0);
                double[] cosine = passages.stream().mapToDouble(p -> dot(query, (float[]) p[4])).toArray();
                List<Integer> exact = IntStream.range(0, passages.size()).boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> -cosine[i])).limit(10).toList();
                // similar --exact is the brute force too
                assertEquals(exact, corpus.search().similarExact(q, 10).hits().stream().map(VectorSearchTest::indexOf)
                        .toList(), q);
                TextSearch.PassagesResult similar = corpus.search().similar(q, 10);
                assertEquals(10, similar.hits().size());
                Set<Integer> found = new HashSet<>();
                for (TextSearch.Passage h : similar.hits()) {
                    int i = indexOf(h);
                    found.add(i);
                    assertEquals(cosine[i], h.score(), 1e-5, "the score is the cosine: " + h);
                }
                recall += exact.stream().filter(found::contains).count() / 10.0;
                asked++;
                assertEquals(exact.get(0), indexOf(similar.hits().get(0)), "the nearest passage first");
            }
        }
        assertTrue(recall / asked >= 0.95, "recall@10 against exact cosine: " + recall / asked);
    }

    @Test
    void hybridIsReciprocalRankFusionOfTheTwoLists() {
        for (String q : queries()) {
            List<TextSearch.Passage> keyword = corpus.search().passages(q, 50).hits();
            List<TextSearch.Passage> vector = corpus.search().similar(q, 50).hits();
            java.util.Map<Integer, Double> fused = new java.util.HashMap<>();
            for (List<TextSearch.Passage> list : List.of(keyword, vector)) {
                for (int r = 0; r < list.size(); r++) {
                    fused.merge(indexOf(list.get(r)), 1.0 / (60 + r + 1), Double::sum);
                }
            }
            List<TextSearch.Passage> hybrid = corpus.search().hybrid(q, 10).hits();
            for (TextSearch.Passage h : hybrid) {
                assertEquals(fused.get(indexOf(h)), h.score(), 1e-6, q);
            }
            double tenth = hybrid.get(hybrid.size() - 1).score();
            Set<Integer> shown = new HashSet<>(hybrid.stream().map(VectorSearchTest::indexOf).toList());
            fused.forEach((i, score) -> assertTrue(shown.contains(i) || score <= tenth + 1e-9, q + ": " + i));
        }
    }

    @Test
    void theIndexWithVectorsIsByteIdenticalAtAnotherParallelism() throws Exception {
        Path again = tmp.resolve("again");
        Runs.Cli result = run(again, MODEL, "--conf", "spark.default.parallelism=3", "--master", "local[2]");
        assertEquals(0, result.exit(), result.err());
        List<Path> files;
        try (var walk = Files.walk(out.resolve("search"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".passages")));
        for (Path f : files) {
            Path other = again.resolve(out.relativize(f));
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(other)), out.relativize(f) + " differs");
        }
    }

    @Test
    void aModelThatIsMissingNotAModelOrChangedIsOneLine() throws Exception {
        Runs.Cli missing = run(tmp.resolve("missing"), tmp.resolve("no-such-model.onnx"));
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("output.search_index.embedding.model"), missing.err());
        assertTrue(!Files.exists(tmp.resolve("missing")), "refused before anything was written");
        Runs.Cli notAModel = run(tmp.resolve("not-a-model"), TOKENIZER);
        assertEquals(2, notAModel.exit());
        assertEquals(1, notAModel.err().strip().lines().count(), notAModel.err());

        // the corpus names its model by location and SHA-256: another file there now is refused for queries
        Path copy = tmp.resolve("moved");
        CorpusSearchTest.copyTree(out, copy);
        Path model = Files.copy(MODEL, tmp.resolve("model.onnx"));
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(MODEL.toString(), model.toString()));
        assertEquals(0, Runs.cli("search", copy.toString(), "similar", "猫").exit());
        Files.write(model, Files.readAllBytes(TOKENIZER));
        Runs.Cli changed = Runs.cli("search", copy.toString(), "similar", "猫");
        assertEquals(2, changed.exit());
        assertEquals(1, changed.err().strip().lines().count(), changed.err());
        assertTrue(changed.err().contains("SHA-256"), changed.err());
        Runs.Cli noVectors = Runs.cli("search", Runs.repo().resolve("sample").toString(), "similar", "猫");
        assertEquals(2, noVectors.exit());
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) a[i] * b[i];
        }
        return d;
    }

    private static int indexOf(TextSearch.Passage h) {
        int shard = h.document().shard().endsWith("part-00000.parquet") ? 0 : 1;
        for (int i = 0; i < passages.size(); i++) {
            Object[] p = passages.get(i);
            if ((int) p[0] == shard && (long) p[1] == h.document().row() && (int) p[2] == h.start()) {
                return i;
            }
        }
        throw new AssertionError("no such passage: " + h);
    }
}
