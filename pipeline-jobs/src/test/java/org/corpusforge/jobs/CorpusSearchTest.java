package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.search.CharIndexLayout;
import org.corpusforge.search.TextIndex;
import org.corpusforge.search.TextSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample corpus's character index, written by the run, against a brute-force scan of the shards' texts: counts,
 * documents, continuations and finds equal the scan's for thousands of strings present and absent; trace finds
 * every maximal span a brute-force finder finds; provenance is the shard row's.
 */
@ExtendWith(SharedSpark.class)
class CorpusSearchTest {
    @TempDir
    static Path tmp;
    static Path out;
    static Manifest manifest;
    static SearchableCorpus corpus;
    /** Every document's text, per shard in row order. */
    static List<List<String>> texts = new ArrayList<>();
    static List<List<String>> ids = new ArrayList<>();

    @BeforeAll
    static void runAndScan() throws Exception {
        out = tmp.resolve("sample-out");
        Runs.Cli result = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", out.toString());
        assertEquals(0, result.exit(), result.err());
        manifest = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
        corpus = SearchableCorpus.open(out.toString(), new Configuration());
        for (Manifest.FileEntry shard : manifest.shards()) {
            List<String> docs = new ArrayList<>();
            List<String> shardIds = new ArrayList<>();
            ParquetJson.forEachRow(out.resolve(shard.path()).toString(), new Configuration(), 0, row -> {
                docs.add(row.path("text").asText());
                shardIds.add(row.path("id").asText());
            });
            texts.add(docs);
            ids.add(shardIds);
        }
    }

    @AfterAll
    static void close() {
        if (corpus != null) {
            corpus.close();
        }
    }

    private static List<String> all() {
        return texts.stream().flatMap(List::stream).toList();
    }

    private static long bruteCount(String q) {
        long n = 0;
        for (String t : all()) {
            for (int at = t.indexOf(q); at >= 0; at = t.indexOf(q, at + 1)) {
                n++;
            }
        }
        return n;
    }

    private static List<TextIndex.Doc> bruteDocs(String q) {
        List<TextIndex.Doc> docs = new ArrayList<>();
        for (int s = 0; s < texts.size(); s++) {
            for (int r = 0; r < texts.get(s).size(); r++) {
                if (texts.get(s).get(r).contains(q)) {
                    docs.add(new TextIndex.Doc(s, r));
                }
            }
        }
        return docs;
    }

    @Test
    void theRunWritesAVerifiedCharacterIndexListedInTheManifest() {
        assertNotNull(manifest.searchIndex());
        assertEquals(CharIndexLayout.FORMAT, manifest.searchIndex().format());
        assertEquals(manifest.shards().size(), manifest.searchIndex().files().size());
        for (int i = 0; i < manifest.shards().size(); i++) {
            assertEquals(manifest.shards().get(i).rows(), manifest.searchIndex().files().get(i).rows());
            // an index file says how much text it indexes: its shard's, to the byte; it holds no tokens
            assertEquals(manifest.shards().get(i).textBytes(), manifest.searchIndex().files().get(i).textBytes());
            assertNull(manifest.searchIndex().files().get(i).tokens());
        }
        assertEquals(List.of(), Runs.problems(out));
    }

    /**
     * The run's passage index: every shard's, listed with its count; the CLI answers a sentence taken verbatim from
     * a document with that document's passage first, with its offsets, text and provenance, and a model's whole
     * answer (several documents' sentences) with passages of those documents.
     */
    @Test
    void passagesAnswerAVerbatimSentenceWithItsDocumentFirst() throws IOException {
        Manifest.Passages passages = manifest.searchIndex().passages();
        assertNotNull(passages);
        assertEquals(org.corpusforge.search.PassageIndexBuilder.FORMAT, passages.format());
        long expected = all().stream().mapToLong(t -> org.corpusforge.search.PassageCutter.cut(t).size()).sum();
        assertEquals(expected, passages.count());
        assertEquals(manifest.shards().size(), passages.files().size(), passages.files().toString());

        String doc = texts.get(1).get(7);
        int from = doc.indexOf('。', doc.length() / 3) + 1;
        String sentence = doc.substring(from, doc.indexOf('。', from) + 1).strip();
        Runs.Cli cli = Runs.cli("search", out.toString(), "passages", sentence, "--k", "3");
        assertEquals(0, cli.exit(), cli.err());
        JsonNode result = new ObjectMapper().readTree(cli.out());
        assertEquals(3, result.get("hits").size());
        JsonNode top = result.get("hits").get(0);
        assertEquals(1, top.get("rank").asInt());
        assertEquals(ids.get(1).get(7), top.get("document").get("id").asText(), cli.out());
        assertEquals(doc.substring(top.get("start").asInt(), top.get("end").asInt()), top.get("text").asText());
        assertTrue(top.get("text").asText().contains(sentence), cli.out());
        assertTrue(top.get("document").get("source_uri").asText().length() > 0, cli.out());
        assertTrue(top.get("score").asDouble() >= result.get("hits").get(1).get("score").asDouble());

        Runs.Cli none = Runs.cli("search", out.toString(), "passages", "。", "--k", "3");
        assertEquals(0, none.exit(), none.err());
        assertEquals(0, new ObjectMapper().readTree(none.out()).get("hits").size());
        Runs.Cli badK = Runs.cli("search", out.toString(), "passages", "猫", "--k", "0");
        assertEquals(2, badK.exit());
        assertEquals(1, badK.err().strip().lines().count(), badK.err());
    }

    /** Issue 28's failures, each now a string count: common words, and the first words of every document. */
    @Test
    void countsEqualAScanForCommonWordsRandomSubstringsAndWholeDocuments() {
        TextSearch search = corpus.search();
        for (String word : List.of("こと", "ている", "ました", "という", "私は", "東京", "ありがとう", "タコ", "。")) {
            assertEquals(bruteCount(word), search.count(word).count(), word);
            assertEquals(bruteDocs(word).size(), search.count(word).documents(), word);
        }
        // a query's line breaks at its ends are its characters too (issue 45: "た。\n" counted every "た。")
        for (String edged : List.of("。\n", "\n「", "た。\n\n")) {
            TextSearch.CountResult c = search.count(edged);
            assertEquals(edged, c.normalized());
            assertEquals(bruteCount(edged), c.count(), edged);
        }
        assertTrue(search.count("。\n").count() < search.count("。").count());
        SplittableRandom random = new SplittableRandom(28);
        List<String> all = all().stream().filter(t -> !t.isEmpty()).toList();
        int whole = 0;
        for (int q = 0; q < 2000; q++) {
            String query;
            if (q % 10 == 9) {
                query = all.get(random.nextInt(all.size()));
                if (query.length() > TextSearch.MAX_QUERY_CHARS || !query.equals(java.text.Normalizer.normalize(query,
                        java.text.Normalizer.Form.NFKC))) {
                    continue;
                }
                whole++;
            } else if (q % 5 == 4) {
                query = "量子" + random.nextInt(1000) + "計算機";
            } else {
                String doc = all.get(random.nextInt(all.size()));
                int n = Math.min(doc.length(), random.nextInt(1, 51));
                int at = q % 7 == 0 ? 0 : q % 7 == 1 ? doc.length() - n : random.nextInt(doc.length() - n + 1);
                query = doc.substring(at, at + n);
            }
            TextSearch.CountResult c = search.count(query);
            String normalized = c.normalized();
            assertEquals(bruteCount(normalized), c.count(), () -> "count of " + normalized);
            assertEquals(bruteDocs(normalized).size(), c.documents(), () -> "documents of " + normalized);
            if (q % 20 == 0) {
                assertEquals(bruteDocs(normalized), corpus.index().documentsHolding(normalized), normalized);
                Map<Integer, Long> next = new TreeMap<>();
                for (String t : all()) {
                    for (int at = t.indexOf(normalized); at >= 0; at = t.indexOf(normalized, at + 1)) {
                        int after = at + normalized.length();
                        next.merge(after >= t.length() ? -1 : t.codePointAt(after), 1L, Long::sum);
                    }
                }
                assertEquals(next, corpus.index().nextCharacters(normalized).next(), normalized);
            }
        }
        assertTrue(whole > 100, "whole documents counted: " + whole);
    }

    @Test
    void probIsTheRatioOfTwoExactCounts() {
        TextSearch.ProbResult p = corpus.search().prob("私は", "り");
        assertEquals(bruteCount("私は"), p.contextCount());
        assertEquals(bruteCount("私はり"), p.jointCount());
        assertEquals((double) p.jointCount() / p.contextCount(), p.probability());
    }

    @Test
    void findPagesThroughEveryDocumentWithItsProvenanceAndTheMatchInContext() throws IOException {
        List<TextIndex.Doc> expected = bruteDocs("私は");
        assertTrue(expected.size() > 12, "documents with 私は: " + expected.size());
        List<TextSearch.DocumentMatch> paged = new ArrayList<>();
        for (int offset = 0; offset < expected.size(); offset += 5) {
            TextSearch.FindResult page = corpus.search().find("私は", offset, 5);
            assertEquals(expected.size(), page.documents());
            assertEquals(bruteCount("私は"), page.count());
            paged.addAll(page.matches());
        }
        assertEquals(expected.size(), paged.size());
        for (int i = 0; i < paged.size(); i++) {
            TextSearch.DocumentMatch m = paged.get(i);
            TextIndex.Doc doc = expected.get(i);
            assertEquals(manifest.shards().get(doc.shard()).path(), m.document().shard());
            assertEquals(doc.row(), m.document().row());
            assertEquals(ids.get(doc.shard()).get((int) doc.row()), m.document().id());
            String text = texts.get(doc.shard()).get((int) doc.row());
            TextSearch.Snippet s = m.snippets().get(0);
            assertEquals("私は", s.match());
            assertEquals(text.indexOf("私は"), s.offset());
            assertTrue(text.contains(s.before() + s.match() + s.after()));
            assertTrue(m.document().sourceUri().startsWith("file:"), m.document().sourceUri());
            assertEquals(64, m.document().sourceSha256().length());
        }
        JsonNode json = new ObjectMapper().readTree(org.corpusforge.search.SearchJson.toJson(
                corpus.search().find("私は", 0, 1)));
        assertTrue(json.get("matches").get(0).get("document").has("source_sha256"), json.toString());
        assertEquals(TextSearch.UNIT, json.get("unit").asText());
    }

    @Test
    void nextGivesCharactersAndWordsWithTheirShares() {
        TextSearch.NextResult next = corpus.search().next("私は", 5);
        assertEquals(bruteCount("私は"), next.count());
        assertEquals(5, next.characters().size());
        assertTrue(next.characters().get(0).count() >= next.characters().get(4).count());
        assertTrue(!next.words().isEmpty());
        // every occurrence read (the sample holds fewer than the sampling bound), the top words among them
        assertTrue(!next.wordsEstimated());
        assertTrue(next.words().stream().mapToLong(TextSearch.Continuation::count).sum() <= next.count());
        assertTrue(next.words().get(0).count() >= next.words().get(next.words().size() - 1).count());
    }

    /** Trace against a brute-force finder of maximal spans over the same texts. */
    @Test
    void traceFindsEveryMaximalSpanABruteForceFinderFinds() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> all = all().stream().filter(t -> t.length() > 40).toList();
        for (int trial = 0; trial < 5; trial++) {
            StringBuilder output = new StringBuilder();
            while (output.length() < 600) {
                String doc = all.get(random.nextInt(all.size()));
                int n = random.nextInt(5, 40);
                int at = random.nextInt(doc.length() - n);
                output.append(doc, at, at + n).append("量子計算機").append(random.nextInt(100));
            }
            String text = output.toString();
            TextSearch.TraceResult t = corpus.search().trace(text, 12, 1_000_000, 3, 10);
            List<int[]> expected = new ArrayList<>();
            int reach = 0;
            for (int i = 0; i < text.length(); i++) {
                int longest = 0;
                while (i + longest < text.length() && bruteCount(text.substring(i, i + longest + 1)) > 0) {
                    longest++;
                }
                if (longest >= 12 && i + longest > reach) {
                    expected.add(new int[] {i, i + longest});
                }
                reach = Math.max(reach, i + longest);
            }
            assertEquals(expected.stream().map(java.util.Arrays::toString).toList(),
                    t.spans().stream().map(s -> "[" + s.start() + ", " + s.end() + "]").toList());
            for (TextSearch.Span s : t.spans()) {
                assertEquals(bruteCount(s.text()), s.count());
                assertTrue(!s.sources().isEmpty());
            }
            assertTrue(!t.documents().isEmpty());
            for (int k = 1; k < t.documents().size(); k++) {
                assertTrue(t.documents().get(k - 1).score() >= t.documents().get(k).score());
            }
        }
    }

    @Test
    void oddQueriesGetClearAnswers() {
        TextSearch search = corpus.search();
        assertTrue(assertThrows(TextSearch.BadQuery.class, () -> search.count("")).getMessage().contains("empty"));
        assertThrows(TextSearch.BadQuery.class, () -> search.find("私", 0, 0));
        assertThrows(TextSearch.BadQuery.class, () -> search.find("私", 0, 5_000_000));
        assertThrows(TextSearch.BadQuery.class, () -> search.find("私", -1, 5));
        assertEquals(0, search.count("\uE000\uE001🦖").count());
        String longer = "吾輩は猫である。".repeat(200);
        assertEquals(0, search.count(longer).count());
        assertEquals(List.of(), search.find(longer, 0, 3).matches());
        assertTrue(assertThrows(TextSearch.BadQuery.class, () -> search.count("x".repeat(TextSearch.MAX_QUERY_CHARS + 1)))
                .getMessage().contains("at most"));
    }

    @Test
    void theCommandPrintsOneJsonObjectAndOneLineErrors() throws IOException {
        Runs.Cli count = Runs.cli("search", out.toString(), "count", "私は");
        assertEquals(0, count.exit(), count.err());
        JsonNode json = new ObjectMapper().readTree(count.out());
        assertEquals(bruteCount("私は"), json.get("count").asLong());
        assertTrue(json.get("documents").asLong() > 0);
        Runs.Cli prob = Runs.cli("search", out.toString(), "prob", "私は", "り");
        assertEquals(0, prob.exit(), prob.err());
        // every query of one text reads it from --file too (a long one does not fit a command line)
        Path query = Files.writeString(Files.createTempFile("query", ".txt"), "私は");
        Runs.Cli fromFile = Runs.cli("search", out.toString(), "count", "--file", query.toString());
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals(bruteCount("私は"), new ObjectMapper().readTree(fromFile.out()).get("count").asLong());
        Files.delete(query);
        Runs.Cli empty = Runs.cli("search", out.toString(), "count", "");
        assertEquals(2, empty.exit());
        assertEquals(1, empty.err().strip().lines().count(), empty.err());
        Runs.Cli bad = Runs.cli("search", out.toString(), "counts", "x");
        assertEquals(2, bad.exit());
        // (this tree registers one query more, at-least: ExtensionTest)
        assertTrue(bad.err().contains("count, prob, next, find, trace, passages or similar"), bad.err());
        Runs.Cli huge = Runs.cli("search", out.toString(), "find", "私", "--limit", "5000000");
        assertEquals(2, huge.exit());
        assertEquals(1, huge.err().strip().lines().count(), huge.err());
    }

    @Test
    void indexBuildsTheSameIndexForACorpusWrittenWithoutOne() throws IOException {
        Path plain = tmp.resolve("without-index");
        Runs.Cli run = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", plain.toString(), "--set", "output.search_index.enabled=false");
        assertEquals(0, run.exit(), run.err());
        assertEquals(null, ManifestJson.fromBytes(Files.readAllBytes(plain.resolve("manifest.json"))).searchIndex());
        Runs.Cli noIndex = Runs.cli("search", plain.toString(), "count", "私は");
        assertEquals(2, noIndex.exit());
        assertTrue(noIndex.err().contains("has no search index: build one with `corpusforge index"), noIndex.err());

        Runs.Cli index = Runs.cli("index", plain.toString());
        assertEquals(0, index.exit(), index.err());
        assertTrue(index.out().startsWith("corpusforge: indexed 2 shards of "), index.out());
        Manifest indexed = ManifestJson.fromBytes(Files.readAllBytes(plain.resolve("manifest.json")));
        assertEquals(manifest.searchIndex().files().stream().map(Manifest.FileEntry::sha256).toList(),
                indexed.searchIndex().files().stream().map(Manifest.FileEntry::sha256).toList(),
                "the shards' texts give the bytes the run wrote");
        assertEquals(List.of(), Runs.problems(plain));
        assertEquals(manifest.searchIndex().passages(), indexed.searchIndex().passages(),
                "the passage index too: the same bytes");
        // again: the same bytes, and nothing left behind
        assertEquals(0, Runs.cli("index", plain.toString()).exit());
        assertEquals(indexed.searchIndex(), ManifestJson.fromBytes(Files.readAllBytes(plain.resolve("manifest.json"))).searchIndex());
        assertEquals(List.of(), Runs.problems(plain));
        Runs.Cli notCorpus = Runs.cli("index", tmp.resolve("nothing-here").toString());
        assertEquals(2, notCorpus.exit());
        assertEquals(1, notCorpus.err().strip().lines().count(), notCorpus.err());
    }

    /** A corpus whose manifest names the token index of earlier versions: refused in one line, then rebuilt. */
    @Test
    void anIndexOfTheEarlierTokenFormatIsRefusedWithTheCommandThatRebuildsIt() throws IOException {
        Path old = tmp.resolve("old-index");
        copyTree(out, old);
        Path manifestFile = old.resolve("manifest.json");
        Files.writeString(manifestFile, Files.readString(manifestFile).replace(CharIndexLayout.FORMAT,
                CharIndexLayout.TOKEN_INDEX_FORMAT));
        Runs.Cli refused = Runs.cli("search", old.toString(), "count", "私は");
        assertEquals(2, refused.exit());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("rebuild it with `scripts/corpusforge index"), refused.err());
        assertEquals(0, Runs.cli("index", old.toString()).exit());
        assertEquals(0, Runs.cli("search", old.toString(), "count", "私は").exit());
    }

    @Test
    void aDamagedIndexFailsVerify() throws IOException {
        Path copy = tmp.resolve("damaged");
        copyTree(out, copy);
        Path index = copy.resolve(manifest.searchIndex().files().get(0).path());
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);
        List<String> problems = Runs.problems(copy);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(manifest.searchIndex().files().get(0).path() + ": sha256")),
                problems.toString());
        Manifest.FileEntry compound = manifest.searchIndex().passages().files().stream()
                .filter(f -> f.path().endsWith(".passages")).findFirst().orElseThrow();
        Path passages = copy.resolve(compound.path());
        byte[] lucene = Files.readAllBytes(passages);
        lucene[lucene.length / 2] ^= 1;
        Files.write(passages, lucene);
        problems = Runs.problems(copy);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(compound.path() + ": sha256")), problems.toString());
    }

    /**
     * The search page in a real browser: a phrase typed and submitted shows its count, the next-character chart
     * and the documents with the match highlighted; a model's output pasted into the trace box shows its spans
     * highlighted and the ranked documents; the address holds the query; no console error.
     */
    @Test
    void theSearchPageInARealBrowserShowsCountsDocumentsAndATracedOutput() throws Exception {
        // with a recorded training, so that every hit says when training read it
        Path scheduled = tmp.resolve("scheduled");
        copyTree(out, scheduled);
        Runs.Cli schedule = Runs.cli("schedule", scheduled.toString(), "--data-path", "0.8 part-00000 0.2 part-00001",
                "--split", "90,10,0", "--seq-length", "256", "--global-batch-size", "8", "--train-iters", "120");
        assertEquals(0, schedule.exit(), schedule.err());
        // and vectors, added to the existing corpus by index --embedding
        Runs.Cli vectors = Runs.cli("index", scheduled.toString(), "--embedding",
                "model=" + VectorSearchTest.MODEL, "--embedding", "tokenizer=" + VectorSearchTest.TOKENIZER,
                "--embedding", "max_tokens=128", "--embedding", "query_prefix='query: '",
                "--embedding", "passage_prefix='passage: '");
        assertEquals(0, vectors.exit(), vectors.err());
        assertEquals(List.of(), Runs.problems(scheduled));
        try (SearchableCorpus corpus = SearchableCorpus.open(scheduled.toString(), new Configuration());
             org.corpusforge.search.http.SearchServer server = new org.corpusforge.search.http.SearchServer(corpus.search(),
                     corpus.info(), "127.0.0.1", 0);
             HeadlessChromium browser = HeadlessChromium.start(tmp.resolve("chromium-profile"))) {
            browser.open("http://127.0.0.1:" + server.port() + "/", 1200, 1400);
            browser.evaluate("document.getElementById('q').focus()");
            browser.type("私は");
            browser.pressEnter();
            browser.evaluate("window.corpusforge.searching.then(() => true)");
            JsonNode page = browser.evaluate("JSON.stringify({count: document.getElementById('count').textContent,"
                    + " error: document.getElementById('error').textContent,"
                    + " bars: document.querySelectorAll('#chart rect.bar').length,"
                    + " marks: [...document.querySelectorAll('#matches mark')].map(m => m.textContent),"
                    + " address: location.search})");
            JsonNode shown = new ObjectMapper().readTree(page.asText());
            TextSearch.CountResult count = corpus.search().count("私は");
            assertEquals("", shown.get("error").asText());
            assertTrue(shown.get("count").asText().startsWith(String.format("%,d occurrences in %,d documents",
                    count.count(), count.documents())), shown.toString());
            assertEquals(10, shown.get("bars").asInt());
            assertTrue(shown.get("marks").size() >= 10);
            shown.get("marks").forEach(m -> assertEquals("私は", m.asText()));
            assertEquals("?q=%E7%A7%81%E3%81%AF", shown.get("address").asText());
            // a model's output: two passages of the corpus around an invented sentence
            String a = texts.get(0).get(3);
            String b = texts.get(1).get(5);
            String output = a.substring(0, Math.min(60, a.length())) + "量子計算機は猫である。" + b.substring(0, Math.min(60, b.length()));
            browser.evaluate("document.getElementById('output').value = " + new ObjectMapper().writeValueAsString(output)
                    + "; document.getElementById('trace').click(); true");
            browser.evaluate("window.corpusforge.searching.then(() => true)");
            JsonNode traced = new ObjectMapper().readTree(browser.evaluate("JSON.stringify({"
                    + " error: document.getElementById('error').textContent,"
                    + " spans: [...document.querySelectorAll('#traced mark.span')].map(m => m.textContent),"
                    + " ranked: document.querySelectorAll('#ranked li').length})").asText());
            TextSearch.TraceResult expected = corpus.search().trace(output, TextSearch.DEFAULT_MIN_CHARS, 1000, 5, 10);
            assertEquals("", traced.get("error").asText());
            assertTrue(traced.get("spans").size() >= 2, traced.toString());
            assertEquals(expected.documents().size(), traced.get("ranked").asInt());
            // the passages that say the same, by keyword, each with when training read its document
            JsonNode passages = new ObjectMapper().readTree(browser.evaluate("JSON.stringify({"
                    + " texts: [...document.querySelectorAll('#passages li.passage .snippet')].map(e => e.textContent),"
                    + " training: [...document.querySelectorAll('#passages li.passage .training')].map(e => e.textContent)})")
                    .asText());
            TextSearch.PassagesResult bm25 = corpus.search().passages(output, 10);
            assertEquals(bm25.hits().stream().map(TextSearch.Passage::text).toList(),
                    new ObjectMapper().convertValue(passages.get("texts"), List.class));
            assertEquals(10, passages.get("training").size());
            TextSearch.Training first = bm25.hits().get(0).document().training();
            assertTrue(passages.get("training").get(0).asText().startsWith(first.count() == 0 ? "Iteration: not read"
                    : "Iteration: " + first.iterations().get(0)), passages.toString());
            assertTrue(passages.get("training").get(0).asText().contains("120"), passages.toString());
            // and by meaning: the nearest vectors, as search similar gives them
            JsonNode similar = new ObjectMapper().readTree(browser.evaluate("JSON.stringify("
                    + "[...document.querySelectorAll('#similar li.passage .snippet')].map(e => e.textContent))").asText());
            assertEquals(corpus.search().similar(output, 10).hits().stream().map(TextSearch.Passage::text).toList(),
                    new ObjectMapper().convertValue(similar, List.class));
            browser.screenshot(Runs.repo().resolve("pipeline-jobs/target/search-page.png"));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
