package org.corpusforge.jobs.bench;

import org.corpusforge.jobs.base.CorpusDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.TokenizerSpec;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.SearchableCorpus;
import org.corpusforge.jobs.Tokenization;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.search.CharIndexBuilder;
import org.corpusforge.search.TextIndex;
import org.corpusforge.search.TextSearch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the character index costs and gives on a finished corpus: per shard on one core, building its index against
 * tokenising the same texts (when the corpus has a tokenizer); the index's bytes against the text's UTF-8 bytes;
 * count latency over sampled strings present and absent (each count checked against a brute-force scan for some),
 * find of 10 documents, trace of 1,000-character outputs, and 32 threads querying at once. Reads the shards' texts
 * into memory, no Spark.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Times the search index of a corpus: index build against tokenisation, its size against the "
                + "text, count, find and trace latency (counts checked by brute force), 32 concurrent clients.")
final class BenchSearchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A corpus with a search index.")
    String dir;

    @Option(names = "--queries", defaultValue = "1000", description = "Present and absent strings each (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--scan-queries", defaultValue = "50", description = "Of those, how many also by brute force (default ${DEFAULT-VALUE}).")
    int scanQueries;

    @Option(names = "--traces", defaultValue = "50", description = "1,000-character outputs traced (default ${DEFAULT-VALUE}).")
    int traces;

    @Option(names = "--exact-queries", defaultValue = "100", description = "similar: queries whose top 10 is also "
            + "found by exact cosine over every passage (default ${DEFAULT-VALUE}).")
    int exactQueries;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the sampled queries (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--held-out", paramLabel = "FILE", description = "UTF-8 text (.gz too) not in the corpus: the share "
            + "of its n-character windows found in the corpus, by n, which is what trace's min_chars must stay above "
            + "(repeatable).")
    List<java.nio.file.Path> heldOut = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (queries < 1 || scanQueries < 0 || scanQueries > queries || traces < 0) {
            throw new UserError("bench-search: --queries must be at least 1, --scan-queries within it");
        }
        PrintWriter out = spec.commandLine().getOut();
        Configuration conf = new Configuration();
        try (SearchableCorpus corpus = SearchableCorpus.open(dir, conf)) {
            Manifest m = corpus.manifest();
            SubwordTokenizer tokenizer = m.tokenizer() == null ? null : Tokenization.load(
                    new TokenizerSpec(m.tokenizer().location(), m.tokenizer().name(), false), conf, "tokenizer");
            List<List<String>> texts = new ArrayList<>();
            double buildSeconds = 0;
            double tokenizeSeconds = 0;
            for (Manifest.FileEntry shard : m.shards()) {
                List<String> shardTexts = new ArrayList<>();
                ParquetJson.forEachRow(CorpusDirectory.of(dir).resolve(shard.path()), conf, 0,
                        r -> shardTexts.add(r.path("text").asText()));
                texts.add(shardTexts);
                long t0 = System.nanoTime();
                CharIndexBuilder builder = new CharIndexBuilder();
                shardTexts.forEach(builder::add);
                builder.write(OutputStream.nullOutputStream());
                buildSeconds += (System.nanoTime() - t0) / 1e9;
                if (tokenizer != null) {
                    long t1 = System.nanoTime();
                    for (String t : shardTexts) {
                        tokenizer.encode(t);
                    }
                    tokenizeSeconds += (System.nanoTime() - t1) / 1e9;
                }
            }
            long textBytes = m.shards().stream().mapToLong(Manifest.FileEntry::textBytes).sum();
            long indexBytes = m.searchIndex().files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
            TextIndex index = corpus.index();
            out.printf("corpus: %d shards, %d documents, %d characters, %d UTF-8 text bytes%n", m.shards().size(),
                    index.documents(), index.units(), textBytes);
            out.printf("index: %d bytes, %.2f times the UTF-8 text (%.2f bytes a character)%n", indexBytes,
                    (double) indexBytes / textBytes, (double) indexBytes / index.units());
            out.printf("build on one core: %.1f s for the index%s%n", buildSeconds, tokenizer == null ? ""
                    : String.format(", %.1f s to tokenise the same texts (index / tokenise %.2f)", tokenizeSeconds,
                    buildSeconds / tokenizeSeconds));
            out.flush();
            SplittableRandom random = new SplittableRandom(seed);
            List<String> all = texts.stream().flatMap(List::stream).filter(t -> !t.isEmpty()).toList();
            List<String> present = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                String doc = all.get(random.nextInt(all.size()));
                int n = Math.min(doc.length(), random.nextInt(1, 51));
                int at = random.nextInt(doc.length() - n + 1);
                present.add(doc.substring(at, at + n));
                StringBuilder invented = new StringBuilder();
                for (int k = random.nextInt(8, 30); k > 0; k--) {
                    invented.append(all.get(random.nextInt(all.size())).charAt(0));
                }
                absent.add(invented.toString());
            }
            TextSearch search = corpus.search();
            for (String kind : List.of("present", "absent")) {
                List<String> qs = kind.equals("present") ? present : absent;
                long[] nanos = new long[qs.size()];
                int checked = 0;
                for (int i = 0; i < qs.size(); i++) {
                    long t0 = System.nanoTime();
                    TextSearch.CountResult c = search.count(qs.get(i));
                    nanos[i] = System.nanoTime() - t0;
                    if (i < scanQueries) {
                        long brute = 0;
                        String q = c.normalized();
                        for (String t : all) {
                            for (int at = t.indexOf(q); at >= 0; at = t.indexOf(q, at + 1)) {
                                brute++;
                            }
                        }
                        if (brute != c.count()) {
                            throw new IllegalStateException("count of \"" + q + "\": index " + c.count() + ", scan " + brute);
                        }
                        checked++;
                    }
                }
                out.printf("count, %s strings of 1 to 50 characters: p50 %s, p99 %s over %d (%d equal to a brute-force "
                        + "scan)%n", kind, ms(nanos, 50), ms(nanos, 99), qs.size(), checked);
            }
            long[] find = new long[Math.min(200, present.size())];
            for (int i = 0; i < find.length; i++) {
                long t0 = System.nanoTime();
                search.find(present.get(i), 0, 10);
                find[i] = System.nanoTime() - t0;
            }
            out.printf("find of 10 documents, present strings: p50 %s, p99 %s over %d%n", ms(find, 50), ms(find, 99),
                    find.length);
            long[] trace = new long[traces];
            for (int i = 0; i < traces; i++) {
                String text = output(all, absent, random);
                long t0 = System.nanoTime();
                search.trace(text, TextSearch.DEFAULT_MIN_CHARS, 1000, 5, 10);
                trace[i] = System.nanoTime() - t0;
            }
            if (traces > 0) {
                out.printf("trace of 1,000-character outputs: p50 %s, p99 %s over %d%n", ms(trace, 50), ms(trace, 99),
                        traces);
            }
            if (search.hasPassages()) {
                passages(out, corpus, all, absent, random);
            }
            for (java.nio.file.Path file : heldOut) {
                chanceMatches(out, index, file, random);
            }
            ExecutorService clients = Executors.newFixedThreadPool(32);
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        search.count(present.get((client * 50 + i) % present.size()));
                    }
                    return 50;
                }));
            }
            int answered = 0;
            for (Future<Integer> f : done) {
                answered += f.get();
            }
            clients.shutdown();
            out.printf("32 concurrent clients: %d counts answered, no error%n", answered);
            out.flush();
        }
        return 0;
    }

    /**
     * The passage index: its size and count; keyword top 10 for a sentence taken from a document (how often that
     * document's passage comes first) and for 1,000-character outputs; with vectors, nearest top 10 (the query's
     * embedding included) and its recall@10 against an exact cosine over every passage's stored vector.
     */
    private void passages(PrintWriter out, SearchableCorpus corpus, List<String> all, List<String> absent,
                          SplittableRandom random) {
        TextSearch search = corpus.search();
        Manifest.Passages p = corpus.manifest().searchIndex().passages();
        long bytes = p.files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
        long textBytes = corpus.manifest().shards().stream().mapToLong(Manifest.FileEntry::textBytes).sum();
        out.printf("passages: %d, index %d bytes (%.2f times the UTF-8 text)%s%n", p.count(), bytes,
                (double) bytes / textBytes, p.embedding() == null ? "" : ", " + p.embedding().dimensions()
                        + "-dimensional vectors of " + p.embedding().model());
        int n = Math.min(queries, 500);
        long[] sentence = new long[n];
        int first = 0;
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String doc = all.get(random.nextInt(all.size()));
            int from = doc.indexOf('。', random.nextInt(doc.length())) + 1;
            int to = from > 0 ? doc.indexOf('。', from) + 1 : 0;
            String s = to > from + 10 && to - from < 200 ? doc.substring(from, to).strip() : doc.substring(0, Math.min(60, doc.length()));
            sentences.add(s);
            long t0 = System.nanoTime();
            TextSearch.PassagesResult r = search.passages(s, 10);
            sentence[i] = System.nanoTime() - t0;
            if (!r.hits().isEmpty() && r.hits().get(0).text().contains(r.normalized())) {
                first++;
            }
        }
        out.printf("passages top 10, a sentence of a document: p50 %s, p99 %s over %d (its own passage first: %d)%n",
                ms(sentence, 50), ms(sentence, 99), n, first);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < Math.min(n, 100); i++) {
            outputs.add(output(all, absent, random));
        }
        long[] answer = new long[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            long t0 = System.nanoTime();
            search.passages(outputs.get(i), 10);
            answer[i] = System.nanoTime() - t0;
        }
        out.printf("passages top 10, a 1,000-character output: p50 %s, p99 %s over %d%n", ms(answer, 50),
                ms(answer, 99), answer.length);
        out.flush();
        if (!search.hasVectors()) {
            return;
        }
        search.similar(sentences.get(0), 10); // loads the model
        int m = Math.min(n, 200);
        long[] similar = new long[m];
        double recall = 0;
        for (int i = 0; i < m; i++) {
            long t0 = System.nanoTime();
            TextSearch.PassagesResult r = search.similar(sentences.get(i), 10);
            similar[i] = System.nanoTime() - t0;
            if (i < exactQueries) {
                java.util.Set<String> exact = new java.util.HashSet<>();
                search.similarExact(sentences.get(i), 10).hits().forEach(h -> exact.add(key(h)));
                recall += r.hits().stream().filter(h -> exact.contains(key(h))).count() / 10.0;
            }
        }
        out.printf("similar top 10 (the query's embedding included): p50 %s, p99 %s over %d; recall@10 against "
                + "exact cosine %.4f over %d%n", ms(similar, 50), ms(similar, 99), m, recall / Math.min(m, exactQueries),
                Math.min(m, exactQueries));
        out.flush();
    }

    /** A model's output of 1,000 characters: passages of the corpus between invented stretches. */
    private static String output(List<String> all, List<String> absent, SplittableRandom random) {
        StringBuilder output = new StringBuilder();
        while (output.length() < 1000) {
            String doc = all.get(random.nextInt(all.size()));
            int n = Math.min(doc.length(), random.nextInt(5, 80));
            int at = random.nextInt(doc.length() - n + 1);
            output.append(doc, at, at + n).append(absent.get(random.nextInt(absent.size())));
        }
        return output.substring(0, 1000);
    }

    private static String key(TextSearch.Passage h) {
        return h.document().shard() + "/" + h.document().row() + "/" + h.start();
    }

    /** The share of a held-out text's windows of n characters (lines joined) that occur in the corpus, by n. */
    private static void chanceMatches(PrintWriter out, TextIndex index, java.nio.file.Path file, SplittableRandom random)
            throws IOException {
        byte[] raw = java.nio.file.Files.readAllBytes(file);
        if (file.toString().endsWith(".gz")) {
            raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
        }
        String text = java.text.Normalizer.normalize(new String(raw, java.nio.charset.StandardCharsets.UTF_8),
                java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "");
        StringBuilder row = new StringBuilder("held-out " + file.getFileName() + " (" + text.length()
                + " characters, 1,000 windows each): found in the corpus");
        for (int n : new int[] {4, 6, 8, 10, 12, 14, 16, 20, 24, 32}) {
            if (text.length() <= n) {
                break;
            }
            int found = 0;
            for (int k = 0; k < 1000; k++) {
                int at = random.nextInt(text.length() - n);
                if (index.count(text.substring(at, at + n)).occurrences() > 0) {
                    found++;
                }
            }
            row.append(String.format(", %d chars %.1f %%", n, found / 10.0));
        }
        out.println(row);
        out.flush();
    }

    private static String ms(long[] nanos, int percentile) {
        if (nanos.length == 0) {
            return "-";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.2f ms", sorted[Math.max(0, i)] / 1e6);
    }
}
