package org.corpusforge.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.SearchableCorpus;
import org.corpusforge.jobs.UserError;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.search.CorpusIndex;
import org.corpusforge.search.CorpusSearch;
import org.corpusforge.search.SuffixIndexBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the search index costs and gives on a finished corpus: per shard on one core, tokenising its texts against
 * building its index; the index's bytes per token; count and find latency over sampled n-grams present and absent,
 * beside a brute-force scan of the same token ids; and how often a token-level count differs from an exact string
 * count. Reads the shards into memory (4 bytes per token), no Spark.
 */
@Command(name = "bench-search", mixinStandardHelpOptions = true,
        description = "Times the search index of a corpus (index build against tokenisation, count and find latency "
                + "against a brute-force scan) and compares token-level with exact string counts.")
final class BenchSearchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A corpus with a search index.")
    String dir;

    @Option(names = "--queries", defaultValue = "1000", description = "Present and absent n-grams each (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--scan-queries", defaultValue = "100", description = "Of those, how many also by brute force (default ${DEFAULT-VALUE}).")
    int scanQueries;

    @Option(names = "--string-queries", defaultValue = "200", description = "Strings compared with exact string counts (default ${DEFAULT-VALUE}).")
    int stringQueries;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the sampled queries (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (queries < 1 || scanQueries < 0 || scanQueries > queries || stringQueries < 0) {
            throw new UserError("bench-search: --queries must be at least 1, --scan-queries within it");
        }
        PrintWriter out = spec.commandLine().getOut();
        Configuration conf = new Configuration();
        try (SearchableCorpus corpus = SearchableCorpus.open(dir, conf)) {
            Manifest m = corpus.manifest();
            SubwordTokenizer tokenizer = SearchableCorpus.tokenizer(m, conf);
            List<List<int[]>> docs = new ArrayList<>();
            List<List<String>> texts = new ArrayList<>();
            double tokenizeSeconds = 0;
            double buildSeconds = 0;
            long textBytes = 0;
            Path scratch = Files.createTempFile("corpusforge-bench-", ".sfx");
            try {
                for (Manifest.FileEntry shard : m.shards()) {
                    List<String> shardTexts = new ArrayList<>();
                    ParquetJson.forEachRow(org.corpusforge.jobs.CorpusVerifier.strip(dir) + "/" + shard.path(), conf, 0,
                            r -> shardTexts.add(r.path("text").asText()));
                    long start = System.nanoTime();
                    List<int[]> shardDocs = new ArrayList<>();
                    for (String text : shardTexts) {
                        shardDocs.add(tokenizer.encode(text));
                        textBytes += text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    }
                    tokenizeSeconds += (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    SuffixIndexBuilder builder = new SuffixIndexBuilder(tokenizer.vocabularySize());
                    shardDocs.forEach(builder::add);
                    try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(scratch), 1 << 20)) {
                        builder.write(o);
                    }
                    buildSeconds += (System.nanoTime() - start) / 1e9;
                    docs.add(shardDocs);
                    texts.add(shardTexts);
                }
            } finally {
                Files.deleteIfExists(scratch);
            }
            CorpusIndex index = corpus.index();
            long tokens = index.tokens();
            long indexBytes = m.searchIndex().files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
            long tokenBytes = index.shards().stream().mapToLong(s -> s.header().positions() * s.header().tokenWidth()).sum();
            out.printf("corpus: %d shards, %,d documents, %,d tokens, %.1f MB of text%n", m.shards().size(),
                    index.documents(), tokens, textBytes / 1e6);
            out.printf("one core, all shards: tokenise %.1f s (%.1f MB/s), build index %.1f s (%.1f MB/s of text, %.2f M tokens/s)%n",
                    tokenizeSeconds, textBytes / 1e6 / tokenizeSeconds, buildSeconds, textBytes / 1e6 / buildSeconds,
                    tokens / 1e6 / buildSeconds);
            out.printf("index: %,d bytes, %.2f bytes per token, %.2f beyond the token ids (%s)%n", indexBytes,
                    (double) indexBytes / tokens, (double) (indexBytes - tokenBytes) / tokens,
                    index.shards().stream().map(s -> s.header().tokenWidth() + "+" + s.header().pointerWidth())
                            .distinct().toList() + " bytes per token id + pointer");

            SplittableRandom random = new SplittableRandom(seed);
            List<int[]> present = new ArrayList<>();
            while (present.size() < queries) {
                List<int[]> shardDocs = docs.get(random.nextInt(docs.size()));
                int[] doc = shardDocs.get(random.nextInt(shardDocs.size()));
                int n = random.nextInt(1, 31);
                if (doc.length >= n) {
                    int at = random.nextInt(doc.length - n + 1);
                    present.add(Arrays.copyOfRange(doc, at, at + n));
                }
            }
            List<int[]> absent = new ArrayList<>();
            while (absent.size() < queries) {
                int[] q = random.ints(random.nextInt(2, 31), 0, tokenizer.vocabularySize()).toArray();
                if (index.count(q).occurrences() == 0) {
                    absent.add(q);
                }
            }
            for (String kind : List.of("present", "absent")) {
                List<int[]> qs = kind.equals("present") ? present : absent;
                for (int warm = 0; warm < Math.min(100, qs.size()); warm++) {
                    index.count(qs.get(warm));
                }
                double[] count = new double[qs.size()];
                double[] find = new double[qs.size()];
                for (int i = 0; i < qs.size(); i++) {
                    long t0 = System.nanoTime();
                    CorpusIndex.Count c = index.count(qs.get(i));
                    long t1 = System.nanoTime();
                    corpus.search().find("", qs.get(i), 10);
                    long t2 = System.nanoTime();
                    count[i] = (t1 - t0) / 1e6;
                    find[i] = (t2 - t1) / 1e6;
                    if (kind.equals("absent") && c.occurrences() != 0) {
                        throw new IllegalStateException("an absent n-gram was counted");
                    }
                }
                double[] scan = new double[scanQueries];
                for (int i = 0; i < scanQueries; i++) {
                    long t0 = System.nanoTime();
                    long brute = scanCount(docs, qs.get(i));
                    scan[i] = (System.nanoTime() - t0) / 1e6;
                    if (brute != index.count(qs.get(i)).occurrences()) {
                        throw new IllegalStateException("index and scan disagree on " + Arrays.toString(qs.get(i)));
                    }
                }
                out.printf("%s n-grams (%d, n = %s): count p50 %.2f ms p99 %.2f ms; find (10 documents) p50 %.2f ms "
                                + "p99 %.2f ms; brute-force scan (%d of them, same counts) p50 %.1f ms p99 %.1f ms%n",
                        kind, qs.size(), kind.equals("present") ? "1..30" : "2..30", pct(count, 50), pct(count, 99),
                        pct(find, 50), pct(find, 99), scanQueries, pct(scan, 50), pct(scan, 99));
            }
            stringCounts(out, corpus.search(), texts, random, null, null);
            stringCounts(out, corpus.search(), texts, random, docs, tokenizer);
        }
        out.flush();
        return 0;
    }

    /**
     * Token-level counts against exact string counts: for substrings of documents of 2 to 12 characters, or (with
     * {@code docs}) for the text of runs of 1 to 8 of their tokens, which start and end where tokens do.
     */
    private void stringCounts(PrintWriter out, CorpusSearch search, List<List<String>> texts, SplittableRandom random,
                              List<List<int[]>> docs, SubwordTokenizer tokenizer) {
        int differ = 0;
        int fewer = 0;
        double ratio = 0;
        int done = 0;
        while (done < stringQueries) {
            String query;
            if (docs == null) {
                List<String> shard = texts.get(random.nextInt(texts.size()));
                String text = shard.get(random.nextInt(shard.size()));
                int length = random.nextInt(2, 13);
                if (text.length() < length) {
                    continue;
                }
                int at = random.nextInt(text.length() - length + 1);
                query = text.substring(at, at + length);
            } else {
                List<int[]> shard = docs.get(random.nextInt(docs.size()));
                int[] doc = shard.get(random.nextInt(shard.size()));
                int n = random.nextInt(1, 9);
                if (doc.length < n + 1) {
                    continue;
                }
                int at = random.nextInt(1, doc.length - n + 1);
                query = tokenizer.decode(Arrays.copyOfRange(doc, at, at + n));
            }
            if (query.isBlank() || Character.isLowSurrogate(query.charAt(0))
                    || Character.isHighSurrogate(query.charAt(query.length() - 1))) {
                continue;
            }
            long exact = 0;
            for (List<String> s : texts) {
                for (String t : s) {
                    for (int i = t.indexOf(query); i >= 0; i = t.indexOf(query, i + 1)) {
                        exact++;
                    }
                }
            }
            long counted = search.count(query).count();
            if (counted != exact) {
                differ++;
            }
            if (counted < exact) {
                fewer++;
            }
            ratio += exact == 0 ? 1 : (double) counted / exact;
            done++;
        }
        out.printf("token-level against exact string counts (%d %s): %d differ (%.1f %%), "
                        + "%d of them lower; token count / string count averages %.3f%n", done,
                docs == null ? "substrings of 2..12 characters" : "texts of 1..8 tokens taken inside documents", differ,
                100.0 * differ / Math.max(1, done), fewer, ratio / Math.max(1, done));
    }

    private static long scanCount(List<List<int[]>> docs, int[] pattern) {
        long count = 0;
        for (List<int[]> shard : docs) {
            for (int[] doc : shard) {
                outer:
                for (int i = 0; i + pattern.length <= doc.length; i++) {
                    if (doc[i] != pattern[0]) {
                        continue;
                    }
                    for (int j = 1; j < pattern.length; j++) {
                        if (doc[i + j] != pattern[j]) {
                            continue outer;
                        }
                    }
                    count++;
                }
            }
        }
        return count;
    }

    private static double pct(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
