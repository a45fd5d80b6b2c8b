package org.corpusforge.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.SmallFloat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passage index of real Aozora texts (the repository's sample), built as two shards, against a brute-force Okapi
 * BM25 written from its formula (Lucene's parameters, its length quantisation) and against Lucene's own scoring of
 * the same passages in one index.
 */
class PassageIndexTest {
    @TempDir
    static Path dir;
    static List<List<String>> shards;
    static PassageIndex index;
    /** Every passage of both shards, in shard, row and passage order (the index's document order). */
    static List<Passage> all = new ArrayList<>();

    record Passage(int shard, long row, int start, int end, String text) {}

    static List<String> sampleTexts() throws IOException {
        Path repo = Path.of(System.getProperty("corpusforge.repo", "..")).toAbsolutePath().normalize();
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(repo.resolve("sample/aozora/aozora_pd_sample.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                texts.add(json.readTree(line).get("text").asText());
            }
        }
        return texts;
    }

    @BeforeAll
    static void build() throws IOException {
        List<String> texts = sampleTexts().subList(0, 40);
        shards = List.of(texts.subList(0, 25), texts.subList(25, 40));
        List<Path> dirs = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            Path d = Files.createDirectory(dir.resolve("part-" + s));
            try (PassageIndexBuilder builder = new PassageIndexBuilder(d, "part-" + s)) {
                for (int row = 0; row < shards.get(s).size(); row++) {
                    String text = shards.get(s).get(row);
                    builder.add(text);
                    for (PassageCutter.Span p : PassageCutter.cut(text)) {
                        all.add(new Passage(s, row, p.start(), p.end(), text.substring(p.start(), p.end())));
                    }
                }
                builder.finish();
            }
            dirs.add(d);
        }
        index = PassageIndex.open(dirs);
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @Test
    void holdsEveryPassage() {
        assertEquals(all.size(), index.passages());
    }

    @Test
    void aSentenceTakenVerbatimFindsItsPassageFirst() {
        int tried = 0;
        for (int s = 0; s < shards.size(); s++) {
            for (int row = 0; row < shards.get(s).size(); row += 3) {
                String text = shards.get(s).get(row);
                // the first sentence of 25 to 150 characters in the second half of the document
                String sentence = null;
                for (int from = text.indexOf('。', text.length() / 2) + 1; from > 0 && sentence == null; ) {
                    int to = text.indexOf('。', from) + 1;
                    if (to <= 0) {
                        break;
                    }
                    String candidate = text.substring(from, to).strip();
                    if (candidate.length() >= 25 && candidate.length() <= 150 && candidate.indexOf('\n') < 0) {
                        sentence = candidate;
                    }
                    from = to;
                }
                if (sentence == null) {
                    continue;
                }
                PassageIndex.Hit top = index.search(sentence, 1).get(0);
                Passage found = find(top);
                assertTrue(found.text().contains(sentence), "the top passage for \"" + sentence + "\" holds it: "
                        + found);
                tried++;
            }
        }
        assertTrue(tried >= 8, "enough sentences tried: " + tried);
    }

    @Test
    void scoresAreOkapiBm25OverTheWholeCorpus() {
        BruteForce bm25 = new BruteForce();
        for (String query : queries()) {
            List<PassageIndex.Hit> hits = index.search(query, 10);
            assertEquals(10, hits.size(), query);
            double[] exact = bm25.scores(query);
            for (PassageIndex.Hit h : hits) {
                int i = all.indexOf(find(h));
                assertEquals(exact[i], h.score(), 1e-4 * exact[i], "the score of " + find(h) + " for " + query);
            }
            // nothing outside the top 10 scores above the tenth
            java.util.Set<Integer> shown = new java.util.HashSet<>();
            hits.forEach(h -> shown.add(all.indexOf(find(h))));
            float tenth = hits.get(9).score();
            for (int i = 0; i < exact.length; i++) {
                if (!shown.contains(i)) {
                    assertTrue(exact[i] <= tenth * (1 + 1e-4), all.get(i) + " scores " + exact[i] + " > " + tenth);
                }
            }
        }
    }

    @Test
    void twoShardsAnswerAsOneLuceneIndexOfTheSamePassages() throws IOException {
        try (ByteBuffersDirectory one = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(one, new IndexWriterConfig(PassageAnalysis.analyzer()))) {
                for (int i = 0; i < all.size(); i++) {
                    Document d = new Document();
                    d.add(new TextField(PassageAnalysis.FIELD, all.get(i).text(), Field.Store.NO));
                    d.add(new StoredField("i", i));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(one)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String query : queries()) {
                    ScoreDoc[] expected = searcher.search(index.query(query), 10).scoreDocs;
                    List<PassageIndex.Hit> hits = index.search(query, 10);
                    assertEquals(expected.length, hits.size());
                    for (int k = 0; k < hits.size(); k++) {
                        int i = reader.storedFields().document(expected[k].doc).getField("i").numericValue().intValue();
                        assertEquals(all.get(i), find(hits.get(k)), query + " #" + (k + 1));
                        assertEquals(expected[k].score, hits.get(k).score(), 1e-6f * expected[k].score);
                    }
                }
            }
        }
    }

    /**
     * The same texts give the same bytes, built at the same time as another index (Lucene's ids come from one
     * counter per JVM) or not, and the index passes Lucene's CheckIndex.
     */
    @Test
    void theSameTextsGiveByteIdenticalFilesThatPassCheckIndex() throws Exception {
        Path again = Files.createDirectory(dir.resolve("again"));
        Path other = Files.createDirectory(dir.resolve("other"));
        try (PassageIndexBuilder a = new PassageIndexBuilder(again, "part-0");
             PassageIndexBuilder b = new PassageIndexBuilder(other, "part-9")) {
            for (String text : shards.get(0)) {
                b.add(text);
                a.add(text);
                b.add(text);
            }
            b.finish();
            a.finish();
        }
        List<Path> first;
        try (var files = Files.list(dir.resolve("part-0"))) {
            first = files.sorted().toList();
        }
        assertEquals(4, first.size(), first.toString());
        for (Path f : first) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(again.resolve(f.getFileName()))),
                    f.getFileName() + " differs");
        }
        try (org.apache.lucene.store.FSDirectory d = org.apache.lucene.store.FSDirectory.open(again);
             org.apache.lucene.index.CheckIndex check = new org.apache.lucene.index.CheckIndex(d)) {
            org.apache.lucene.index.CheckIndex.Status status = check.checkIndex();
            assertTrue(status.clean, "CheckIndex");
        }
    }

    /**
     * Many segments merged at the end (a small segment size), built on two threads at once: the same bytes each time,
     * and the same answers as the index of one segment.
     */
    @Test
    void manySegmentsBuiltConcurrentlyGiveTheSameBytesAndAnswers() throws Exception {
        List<Path> dirs = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            Path d = Files.createDirectory(dir.resolve("segments-" + copy));
            dirs.add(d);
            done.add(pool.submit(() -> {
                try (PassageIndexBuilder b = new PassageIndexBuilder(d, "part-0", null, 97)) {
                    shards.get(0).forEach(b::add);
                    b.finish();
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
        try (var files = Files.list(dirs.get(0))) {
            for (Path f : files.toList()) {
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(dirs.get(1).resolve(
                        f.getFileName()))), f.getFileName() + " differs");
            }
        }
        try (PassageIndex merged = PassageIndex.open(List.of(dirs.get(0)));
             PassageIndex single = PassageIndex.open(List.of(dir.resolve("part-0")))) {
            assertEquals(single.passages(), merged.passages());
            for (String q : queries()) {
                assertEquals(single.search(q, 10), merged.search(q, 10), q);
            }
        }
    }

    @Test
    void aQueryWithoutWordsFindsNothing() {
        assertTrue(index.search("。、！？", 5).isEmpty());
        assertFalse(index.search("猫", 5).isEmpty());
    }

    /** Questions, phrases and a long model-style answer made of pieces of two documents. */
    private static List<String> queries() {
        String a = shards.get(0).get(2);
        String b = shards.get(1).get(4);
        return List.of("猫", "東京の停車場で汽車を待つ", "彼女は何と言ったのか",
                a.substring(a.length() / 3, a.length() / 3 + 120) + b.substring(b.length() / 2, b.length() / 2 + 200));
    }

    private static Passage find(PassageIndex.Hit h) {
        String text = shards.get(h.shard()).get((int) h.row());
        return new Passage(h.shard(), h.row(), h.start(), h.end(), text.substring(h.start(), h.end()));
    }

    /**
     * Okapi BM25 as Lucene 9 defines it (k1 1.2, b 0.75; idf log(1 + (N - n + 0.5) / (n + 0.5)); no (k1 + 1) factor;
     * a passage's length its tokens less those at the same position as the one before, stored in Lucene's one-byte
     * quantisation; the average length the collection's token count over the passages holding any), summed over the
     * query's distinct terms, each weighted by its count in the query.
     */
    static final class BruteForce {
        final Analyzer analyzer = PassageAnalysis.analyzer();
        final List<Map<String, Integer>> tf = new ArrayList<>();
        final double[] length;
        final Map<String, Integer> df = new HashMap<>();
        final double averageLength;
        final int docCount;

        BruteForce() {
            length = new double[all.size()];
            long tokens = 0;
            int withTerms = 0;
            for (int i = 0; i < all.size(); i++) {
                Map<String, Integer> counts = new HashMap<>();
                int positions = 0;
                try (TokenStream s = analyzer.tokenStream(PassageAnalysis.FIELD, all.get(i).text())) {
                    CharTermAttribute term = s.addAttribute(CharTermAttribute.class);
                    PositionIncrementAttribute inc = s.addAttribute(PositionIncrementAttribute.class);
                    s.reset();
                    while (s.incrementToken()) {
                        counts.merge(term.toString(), 1, Integer::sum);
                        tokens++;
                        if (inc.getPositionIncrement() > 0) {
                            positions++;
                        }
                    }
                    s.end();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                tf.add(counts);
                counts.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
                length[i] = SmallFloat.byte4ToInt(SmallFloat.intToByte4(positions));
                if (!counts.isEmpty()) {
                    withTerms++;
                }
            }
            docCount = withTerms;
            averageLength = (double) tokens / withTerms;
        }

        double[] scores(String query) {
            Map<String, Integer> q = new HashMap<>();
            PassageAnalysis.terms(analyzer, query).forEach(t -> q.merge(t, 1, Integer::sum));
            double[] scores = new double[all.size()];
            for (int i = 0; i < all.size(); i++) {
                for (Map.Entry<String, Integer> t : q.entrySet()) {
                    Integer f = tf.get(i).get(t.getKey());
                    if (f != null) {
                        int n = df.get(t.getKey());
                        double idf = Math.log(1 + (docCount - n + 0.5) / (n + 0.5));
                        scores[i] += t.getValue() * idf * f / (f + 1.2 * (0.25 + 0.75 * length[i] / averageLength));
                    }
                }
            }
            return scores;
        }
    }
}
