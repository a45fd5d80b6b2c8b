package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.search.CorpusIndex;
import org.corpusforge.search.CorpusSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample corpus's search index, written by the run, against a scan of the shards' texts tokenised again: counts,
 * documents and finds equal the scan's, for thousands of n-grams present and absent; provenance is the shard row's.
 */
@ExtendWith(SharedSpark.class)
class CorpusSearchTest {
    @TempDir
    static Path tmp;
    static Path out;
    static Manifest manifest;
    static SearchableCorpus corpus;
    /** Every document's token ids, per shard in row order, from the shards' texts. */
    static List<List<int[]>> documents = new ArrayList<>();
    static List<List<String>> ids = new ArrayList<>();

    @BeforeAll
    static void runAndScan() throws Exception {
        out = tmp.resolve("sample-out");
        Runs.Cli result = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", out.toString());
        assertEquals(0, result.exit(), result.err());
        manifest = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
        corpus = SearchableCorpus.open(out.toString(), new Configuration());
        SubwordTokenizer tokenizer = SearchableCorpus.tokenizer(manifest, new Configuration());
        for (Manifest.FileEntry shard : manifest.shards()) {
            List<int[]> docs = new ArrayList<>();
            List<String> shardIds = new ArrayList<>();
            ParquetJson.forEachRow(out.resolve(shard.path()).toString(), new Configuration(), 0, row -> {
                docs.add(tokenizer.encode(row.path("text").asText()));
                shardIds.add(row.path("id").asText());
            });
            documents.add(docs);
            ids.add(shardIds);
        }
    }

    @AfterAll
    static void close() {
        if (corpus != null) {
            corpus.close();
        }
    }

    @Test
    void theRunWritesAVerifiedIndexListedInTheManifest() {
        assertNotNull(manifest.searchIndex());
        assertEquals(manifest.shards().size(), manifest.searchIndex().files().size());
        assertEquals(manifest.tokenizer().sha256(), manifest.searchIndex().tokenizerSha256());
        for (int i = 0; i < manifest.shards().size(); i++) {
            assertEquals(manifest.shards().get(i).rows(), manifest.searchIndex().files().get(i).rows());
            assertEquals(manifest.shards().get(i).tokens(), manifest.searchIndex().files().get(i).tokens());
        }
        assertEquals(List.of(), Runs.problems(out));
    }

    @Test
    void countsAndFindsEqualAScanForThousandsOfNgramsPresentAndAbsent() {
        CorpusIndex index = corpus.index();
        SplittableRandom random = new SplittableRandom(42);
        int present = 0;
        for (int q = 0; q < 2500; q++) {
            int n = random.nextInt(1, 31);
            int[] pattern;
            if (q % 5 == 4) {
                pattern = random.ints(n, 0, manifest.tokenizer().vocabularySize()).toArray();
            } else {
                int[] doc;
                do {
                    int shard = random.nextInt(documents.size());
                    doc = documents.get(shard).get(random.nextInt(documents.get(shard).size()));
                } while (doc.length < n);
                int start = random.nextInt(doc.length - n + 1);
                pattern = Arrays.copyOfRange(doc, start, start + n);
                present++;
            }
            long occurrences = 0;
            TreeSet<String> holding = new TreeSet<>();
            for (int shard = 0; shard < documents.size(); shard++) {
                for (int row = 0; row < documents.get(shard).size(); row++) {
                    int found = occurrences(documents.get(shard).get(row), pattern);
                    occurrences += found;
                    if (found > 0) {
                        holding.add(String.format("%d/%06d", shard, row));
                    }
                }
            }
            CorpusIndex.Count count = index.count(pattern);
            assertEquals(occurrences, count.occurrences(), "count of " + Arrays.toString(pattern));
            assertEquals(holding.size(), count.documents(), "documents holding " + Arrays.toString(pattern));
            TreeSet<String> found = new TreeSet<>();
            CorpusIndex.Found located = index.find(pattern, 1000);
            assertEquals(occurrences, located.occurrences(), "find's count of " + Arrays.toString(pattern));
            for (CorpusIndex.Hit hit : located.hits()) {
                found.add(String.format("%d/%06d", hit.shard(), hit.row()));
            }
            assertEquals(holding, found, "find " + Arrays.toString(pattern));
        }
        assertEquals(2000, present, "n-grams taken from the documents: " + present);
    }

    @Test
    void findGivesEachDocumentsProvenanceAndTheMatchInItsContext() throws IOException {
        CorpusSearch.FindResult result = corpus.search().find("私は", 5);
        assertEquals(5, result.matches().size());
        for (CorpusSearch.Match m : result.matches()) {
            int shard = manifest.shards().stream().map(Manifest.FileEntry::path).toList().indexOf(m.shard());
            assertEquals(ids.get(shard).get((int) m.row()), m.id());
            assertEquals("私は", m.match());
            assertTrue(m.sourceUri().startsWith("file:") && m.sourceUri().endsWith(".jsonl.gz"), m.sourceUri());
            assertTrue(m.sourceLocator().startsWith("line:"), m.sourceLocator());
            assertEquals(64, m.sourceSha256().length());
            assertNotNull(m.license());
        }
        JsonNode json = new ObjectMapper().readTree(org.corpusforge.search.SearchJson.toJson(result));
        assertEquals(result.count(), json.get("count").asLong());
        assertTrue(json.get("matches").get(0).has("source_sha256"), json.toString());
    }

    @Test
    void nextGivesTheContinuationsAndTheInfiniGramBackoff() {
        CorpusSearch.NextResult next = corpus.search().next("私は", 5);
        long sum = corpus.index().continuations(next.tokens()).next().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(next.count(), sum);
        assertEquals(5, next.continuations().size());
        assertTrue(next.continuations().get(0).count() >= next.continuations().get(4).count());
        assertEquals(next.tokens().length, next.infiniGram().suffixTokens());
        // a context never seen whole backs off to its longest suffix that is followed by something
        CorpusSearch.NextResult unseen = corpus.search().next("量子計算機の私は", 5);
        assertEquals(0, unseen.count());
        assertTrue(unseen.infiniGram().suffixTokens() < unseen.tokens().length);
        assertTrue(unseen.infiniGram().count() > 0);
    }

    @Test
    void oddQueriesGetClearAnswers() {
        CorpusSearch search = corpus.search();
        assertTrue(assertThrows(CorpusSearch.BadQuery.class, () -> search.count("")).getMessage().contains("empty"));
        assertThrows(CorpusSearch.BadQuery.class, () -> search.count("   "));
        assertThrows(CorpusSearch.BadQuery.class, () -> search.find("私", 0));
        assertEquals(0, search.count("\uE000\uE001🦖").count());
        int longest = documents.stream().flatMap(List::stream).mapToInt(d -> d.length).max().orElseThrow();
        String longer = "0123456789".repeat(longest / 5 + 1);
        assertTrue(corpus.search().count(longer).tokens().length > longest);
        assertEquals(0, search.count(longer).count());
        assertEquals(List.of(), search.find(longer, 3).matches());
        assertTrue(assertThrows(CorpusSearch.BadQuery.class, () -> search.count("x".repeat(CorpusSearch.MAX_QUERY_CHARS + 1)))
                .getMessage().contains("at most"));
    }

    @Test
    void theCommandPrintsOneJsonObjectAndOneLineErrors() throws IOException {
        Runs.Cli count = Runs.cli("search", out.toString(), "count", "私は");
        assertEquals(0, count.exit(), count.err());
        JsonNode json = new ObjectMapper().readTree(count.out());
        assertEquals(corpus.search().count("私は").count(), json.get("count").asLong());
        assertTrue(json.get("documents").asLong() > 0);
        Runs.Cli empty = Runs.cli("search", out.toString(), "count", "");
        assertEquals(2, empty.exit());
        assertEquals(1, empty.err().strip().lines().count(), empty.err());
        Runs.Cli bad = Runs.cli("search", out.toString(), "counts", "x");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("expected count, next or find"), bad.err());
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
        assertTrue(index.out().startsWith("corpusforge: indexed 2 shards, " + manifest.totals().tokens() + " tokens"),
                index.out());
        Manifest indexed = ManifestJson.fromBytes(Files.readAllBytes(plain.resolve("manifest.json")));
        assertEquals(manifest.searchIndex().files().stream().map(Manifest.FileEntry::sha256).toList(),
                indexed.searchIndex().files().stream().map(Manifest.FileEntry::sha256).toList(),
                "the texts tokenised again give the bytes the run wrote");
        assertEquals(List.of(), Runs.problems(plain));
        // again: the same bytes, and nothing left behind
        assertEquals(0, Runs.cli("index", plain.toString()).exit());
        assertEquals(indexed.searchIndex(), ManifestJson.fromBytes(Files.readAllBytes(plain.resolve("manifest.json"))).searchIndex());
        assertEquals(List.of(), Runs.problems(plain));
        Runs.Cli notCorpus = Runs.cli("index", tmp.resolve("nothing-here").toString());
        assertEquals(2, notCorpus.exit());
        assertEquals(1, notCorpus.err().strip().lines().count(), notCorpus.err());
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
    }

    /**
     * The search page in a real browser: typed into and submitted with Enter, it shows the count, the next-token
     * chart and the matches with the span highlighted and their provenance, with no console error.
     */
    @Test
    void theSearchPageInARealBrowserShowsTheCountChartAndHighlightedMatches() throws Exception {
        try (org.corpusforge.search.SearchServer server = new org.corpusforge.search.SearchServer(corpus.search(),
                     corpus.info(), "127.0.0.1", 0);
             HeadlessChromium browser = HeadlessChromium.start(tmp.resolve("chromium-profile"))) {
            browser.open("http://127.0.0.1:" + server.port() + "/", 1000, 900);
            browser.evaluate("document.getElementById('q').focus()");
            browser.type("私は");
            browser.pressEnter();
            browser.evaluate("window.corpusforge.searching.then(() => true)");
            JsonNode page = browser.evaluate("JSON.stringify({count: document.getElementById('count').textContent,"
                    + " error: document.getElementById('error').textContent,"
                    + " bars: document.querySelectorAll('#chart rect.bar').length,"
                    + " marks: [...document.querySelectorAll('#matches mark')].map(m => m.textContent),"
                    + " snippet: document.querySelector('#matches .snippet').textContent,"
                    + " provenance: document.querySelector('#matches .provenance').textContent})");
            JsonNode shown = new ObjectMapper().readTree(page.asText());
            CorpusSearch.CountResult count = corpus.search().count("私は");
            CorpusSearch.Match first = corpus.search().find("私は", 10).matches().get(0);
            assertEquals("", shown.get("error").asText());
            assertTrue(shown.get("count").asText().startsWith(String.format("%,d occurrences in %,d documents",
                    count.count(), count.documents())), shown.toString());
            assertEquals(10, shown.get("bars").asInt());
            assertEquals(10, shown.get("marks").size());
            shown.get("marks").forEach(m -> assertEquals("私は", m.asText()));
            assertEquals(first.before() + first.match() + first.after(), shown.get("snippet").asText());
            assertTrue(shown.get("provenance").asText().startsWith(first.id()), shown.toString());
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

    private static int occurrences(int[] doc, int[] pattern) {
        int count = 0;
        outer:
        for (int i = 0; i + pattern.length <= doc.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (doc[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }
}
