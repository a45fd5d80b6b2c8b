package org.corpusforge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The queries over a corpus's character index, as a researcher asks them of a string: how often it occurs
 * ({@code count}), how likely one string is after another ({@code prob}), what follows it ({@code next}), which
 * documents hold it ({@code find}), and which spans of a model's output stand verbatim in the corpus ({@code
 * trace}). A query is first normalised as the run normalised the corpus; every count is of that string's
 * occurrences in the kept texts, overlapping ones included, never across a document's end, and every answer names
 * its unit.
 */
public final class TextSearch {
    /** The unit every count and offset is in. */
    public static final String UNIT = "characters (UTF-16 code units of the normalised text)";
    public static final int MAX_QUERY_CHARS = 100_000;
    public static final int MAX_TRACE_CHARS = 20_000;
    public static final int MAX_LIMIT = 1_000;
    /** Characters of context shown on each side of a match. */
    public static final int CONTEXT_CHARS = 40;
    /** How many occurrences the next-word count reads at most (beyond it, an even sample: an estimate, said so). */
    public static final int NEXT_WORD_SAMPLE = 20_000;
    /**
     * The shortest span trace reports by default: in ordinary Japanese prose a 12-character string almost never
     * recurs by chance (scripts/eval-trace-min-chars.sh measures it: see README, Corpus search).
     */
    public static final int DEFAULT_MIN_CHARS = 12;

    /** Splits text into words, for the next-word count and trace's ranking (Kuromoji, in the jobs module). */
    public interface Words {
        List<String> words(String text);
    }

    private final TextIndex index;
    private final UnaryOperator<String> normalizer;
    private final DocumentLookup lookup;
    private final List<String> shardNames;
    private final Words words;
    private final PassageIndex passages;
    private final TrainingLookup training;
    private final QueryEmbedder embedder;
    /** Reciprocal-rank fusion's constant (Cormack, Clarke and Büttcher 2009): a hit at rank r adds 1 / (60 + r). */
    public static final int RRF_K = 60;
    /** How many of a document's iterations an answer lists (all are counted). */
    public static final int ITERATIONS_SHOWN = 20;

    /** @param shardNames the shards' paths, in the index's shard order */
    public TextSearch(TextIndex index, UnaryOperator<String> normalizer, DocumentLookup lookup, List<String> shardNames,
                      Words words) {
        this(index, normalizer, lookup, shardNames, words, null, null, null);
    }

    /** Embeds a (normalised) query with the model the passages were embedded with, its query prefix added. */
    public interface QueryEmbedder {
        float[] embed(String query);
    }

    /**
     * @param passages the corpus's passage index, in the same shard order; null: the corpus has none
     * @param training when a training read each document; null: no training schedule was recorded
     * @param embedder  the passages' embedding model for queries; null: the passages have no vectors
     */
    public TextSearch(TextIndex index, UnaryOperator<String> normalizer, DocumentLookup lookup, List<String> shardNames,
                      Words words, PassageIndex passages, TrainingLookup training, QueryEmbedder embedder) {
        if (shardNames.size() != index.shards().size()) {
            throw new IllegalArgumentException(shardNames.size() + " shard names for " + index.shards().size() + " indexes");
        }
        this.index = index;
        this.normalizer = normalizer;
        this.lookup = lookup;
        this.shardNames = List.copyOf(shardNames);
        this.words = words;
        this.passages = passages;
        this.training = training;
        this.embedder = embedder;
    }

    /** The training iterations that read a document (the corpus's {@code training/iterations.bin}). */
    public interface TrainingLookup {
        int[] iterations(int shard, long row);

        /** The training's iterations in all. */
        long trainIterations();
    }

    /** A query that cannot be answered: empty, too long, a bad limit. The message is for the user. */
    public static final class BadQuery extends IllegalArgumentException {
        public BadQuery(String message) {
            super(message);
        }
    }

    public record CountResult(String query, String normalized, long count, long documents, String unit) {}

    /** {@code probability} is null when the context never occurs (0 / 0). */
    public record ProbResult(String context, String continuation, long contextCount, long jointCount,
                             Double probability, String unit) {}

    /** A character or word that follows the query; {@code text} null: the document ends there. */
    public record Continuation(String text, long count, double share) {}

    public record NextResult(String query, String normalized, long count, List<Continuation> characters,
                             long distinctCharacters, List<Continuation> words, long wordsFrom, boolean wordsEstimated,
                             String unit) {}

    public record Provenance(String shard, long row, String id, String sourceUri, String sourceLocator,
                             String sourceSha256, String license, Training training) {}

    /**
     * When training read a document: how many iterations did, the first {@link #ITERATIONS_SHOWN} of them, and the
     * training's iterations in all; null when no training schedule was recorded.
     */
    public record Training(int count, List<Integer> iterations, long of) {}

    public record Snippet(long offset, String before, String match, String after) {}

    public record DocumentMatch(Provenance document, long occurrences, List<Snippet> snippets) {}

    public record FindResult(String query, String normalized, long count, long documents, int offset, int limit,
                             List<DocumentMatch> matches, String unit) {}

    public record Span(int start, int end, String text, long count, long documents, boolean common,
                       List<Provenance> sources) {}

    /**
     * A document behind the output: {@code score}, the output's characters it holds verbatim, each weighted by how
     * few documents share it (a character of a span that k documents hold counts 1/k); {@code bm25}, the tie-break.
     */
    public record RankedDocument(Provenance document, double score, double bm25, List<Integer> spans) {}

    public record TraceResult(String text, int minChars, long maxCount, List<Span> spans,
                              List<RankedDocument> documents, String unit) {}

    /** A passage found for a query: its rank (from 1), BM25 score, document, characters [start, end) and text. */
    public record Passage(int rank, double score, Provenance document, int start, int end, String text) {}

    public record PassagesResult(String query, String normalized, int k, long passages, List<Passage> hits,
                                 String scoring, String unit) {}

    public boolean hasPassages() {
        return passages != null;
    }

    /**
     * The {@code k} passages that best answer a text by keyword (BM25 over the passage index's terms, the whole corpus
     * as the collection); a model's whole answer is a query.
     */
    public PassagesResult passages(String text, int k) {
        if (passages == null) {
            throw new BadQuery("this corpus has no passage index: rebuild its index with `corpusforge index DIR`");
        }
        String q = query(text, MAX_TRACE_CHARS);
        checkLimit("k", k);
        return passageResult(text, q, k, passages.search(q, k), PassageAnalysis.DESCRIPTION);
    }

    public boolean hasVectors() {
        return embedder != null;
    }

    /**
     * The {@code k} passages whose vectors are nearest the text's (the passages' own model embeds the query, with its
     * query prefix); each score is the cosine. Lucene's HNSW graph: approximate, its recall against exact cosine is
     * measured in BENCHMARKS.
     */
    public PassagesResult similar(String text, int k) {
        String q = vectorQuery(text, k);
        return passageResult(text, q, k, passages.similar(embedder.embed(q), k),
                "nearest vectors (HNSW, approximate), score = cosine");
    }

    /** {@link #similar} by an exact scan of every passage's vector: slower, and the reference for its recall. */
    public PassagesResult similarExact(String text, int k) {
        String q = vectorQuery(text, k);
        return passageResult(text, q, k, passages.exactNearest(embedder.embed(q), k),
                "nearest vectors (exact scan), score = cosine");
    }

    /**
     * The keyword and the vector lists fused by reciprocal rank: each passage scores the sum of 1 / (60 + rank) over
     * the two top-{@code max(k, 50)} lists, ties in shard, row and passage order.
     */
    public PassagesResult hybrid(String text, int k) {
        String q = vectorQuery(text, k);
        int depth = Math.max(k, 50);
        Map<List<Long>, Double> fused = new java.util.HashMap<>();
        Map<List<Long>, PassageIndex.Hit> byKey = new java.util.HashMap<>();
        for (List<PassageIndex.Hit> list : List.of(passages.search(q, depth), passages.similar(embedder.embed(q), depth))) {
            for (int r = 0; r < list.size(); r++) {
                PassageIndex.Hit h = list.get(r);
                List<Long> key = List.of((long) h.shard(), h.row(), (long) h.start());
                fused.merge(key, 1.0 / (RRF_K + r + 1), Double::sum);
                byKey.putIfAbsent(key, h);
            }
        }
        List<PassageIndex.Hit> ranked = fused.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<List<Long>, Double> e) -> -e.getValue())
                        .thenComparing(e -> e.getKey().get(0)).thenComparing(e -> e.getKey().get(1))
                        .thenComparing(e -> e.getKey().get(2)))
                .limit(k)
                .map(e -> {
                    PassageIndex.Hit h = byKey.get(e.getKey());
                    return new PassageIndex.Hit(h.shard(), h.row(), h.start(), h.end(), e.getValue().floatValue());
                })
                .toList();
        return passageResult(text, q, k, ranked, "reciprocal-rank fusion (k = " + RRF_K + ") of the BM25 and the "
                + "vector top " + depth + "; score = the fused sum");
    }

    private String vectorQuery(String text, int k) {
        if (passages == null || embedder == null) {
            throw new BadQuery("this corpus's passages have no vectors: name a model in output.search_index.embedding "
                    + "and rebuild the index (`corpusforge index DIR`)");
        }
        String q = query(text, MAX_TRACE_CHARS);
        checkLimit("k", k);
        return q;
    }

    private PassagesResult passageResult(String text, String q, int k, List<PassageIndex.Hit> hits, String scoring) {
        Map<TextIndex.Doc, Provenance> provenance = provenance(
                hits.stream().map(h -> new TextIndex.Doc(h.shard(), h.row())).distinct().toList());
        List<Passage> out = new ArrayList<>();
        for (PassageIndex.Hit h : hits) {
            CharShardIndex shard = index.shards().get(h.shard());
            long base = shard.rowStart(h.row());
            out.add(new Passage(out.size() + 1, h.score(), provenance.get(new TextIndex.Doc(h.shard(), h.row())),
                    h.start(), h.end(), shard.text(base + h.start(), base + h.end())));
        }
        return new PassagesResult(text, q, k, passages.passages(), out, scoring, UNIT);
    }

    public CountResult count(String text) {
        String q = query(text, MAX_QUERY_CHARS);
        TextIndex.Count c = index.count(q);
        return new CountResult(text, q, c.occurrences(), c.documents(), UNIT);
    }

    /** P(continuation | context) = count(context + continuation) / count(context), both counts given. */
    public ProbResult prob(String context, String continuation) {
        String a = query(context, MAX_QUERY_CHARS);
        String ab = query(context + continuation, MAX_QUERY_CHARS);
        if (!ab.startsWith(a)) {
            throw new BadQuery("the context normalises differently before the continuation; give them as one string "
                    + "to count");
        }
        if (ab.length() == a.length()) {
            throw new BadQuery("empty continuation: give the text that follows the context");
        }
        long contextCount = index.occurrences(a);
        long joint = index.occurrences(ab);
        return new ProbResult(a, ab.substring(a.length()), contextCount, joint,
                contextCount == 0 ? null : (double) joint / contextCount, UNIT);
    }

    public NextResult next(String text, int top) {
        String q = query(text, MAX_QUERY_CHARS);
        checkLimit("top", top);
        TextIndex.Continuations c = index.nextCharacters(q);
        List<Continuation> characters = c.next().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Integer, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(top)
                .map(e -> new Continuation(e.getKey() == CharShardIndex.END_OF_DOCUMENT ? null
                        : new String(Character.toChars(e.getKey())), e.getValue(),
                        (double) e.getValue() / c.occurrences()))
                .toList();
        // the next word: the first word of what follows, up to 24 characters of it, by the corpus's word splitter
        List<TextIndex.FollowingText> following = index.following(q, 24, NEXT_WORD_SAMPLE);
        Map<String, Long> byWord = new TreeMap<>();
        Map<String, String> firstWordOf = new HashMap<>();
        long read = 0;
        for (TextIndex.FollowingText f : following) {
            String word = firstWordOf.computeIfAbsent(f.text(), t -> {
                if (t.isEmpty()) {
                    return "";
                }
                List<String> w = words.words(t);
                return w.isEmpty() ? t.substring(0, Math.min(t.length(), 1)) : w.get(0);
            });
            byWord.merge(word, f.weight(), Long::sum);
            read += f.weight();
        }
        long total = read;
        List<Continuation> wordList = byWord.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(top)
                .map(e -> new Continuation(e.getKey().isEmpty() ? null : e.getKey(), e.getValue(),
                        total == 0 ? 0.0 : (double) e.getValue() / total))
                .toList();
        return new NextResult(text, q, c.occurrences(), characters, c.next().size(), wordList, following.size(),
                following.size() < c.occurrences(), UNIT);
    }

    /** The documents holding the string, {@code limit} of them from {@code offset}, in shard and row order. */
    public FindResult find(String text, int offset, int limit) {
        String q = query(text, MAX_QUERY_CHARS);
        checkLimit("limit", limit);
        if (offset < 0) {
            throw new BadQuery("offset " + offset + ": give 0 or more");
        }
        List<TextIndex.Doc> docs = index.documentsHolding(q);
        long occurrences = index.occurrences(q);
        List<TextIndex.Doc> page = docs.subList(Math.min(offset, docs.size()), Math.min(docs.size(), offset + limit));
        Map<TextIndex.Doc, Provenance> provenance = provenance(page);
        List<DocumentMatch> matches = new ArrayList<>();
        for (TextIndex.Doc doc : page) {
            String body = index.text(doc);
            List<Snippet> snippets = new ArrayList<>();
            long n = 0;
            for (int at = body.indexOf(q); at >= 0; at = body.indexOf(q, at + 1)) {
                if (snippets.size() < 3) {
                    snippets.add(snippet(body, at, at + q.length()));
                }
                n++;
            }
            matches.add(new DocumentMatch(provenance.get(doc), n, snippets));
        }
        return new FindResult(text, q, occurrences, docs.size(), offset, limit, matches, UNIT);
    }

    /**
     * The maximal spans of a model's output that occur verbatim in the corpus, at least {@code minChars} long (a span
     * inside a longer reported one is not reported), each with its count and the first {@code sourcesPerSpan}
     * documents holding it; a span occurring more than {@code maxCount} times is marked common and gives no sources.
     * The documents of the uncommon spans are ranked by the output's text they hold ({@link #verbatim}), then by BM25
     * against the whole output, over its words.
     */
    public TraceResult trace(String output, int minChars, long maxCount, int sourcesPerSpan, int topDocuments) {
        String text = query(output, MAX_TRACE_CHARS);
        if (minChars < 1 || minChars > MAX_TRACE_CHARS) {
            throw new BadQuery("min_chars " + minChars + ": give 1 to " + MAX_TRACE_CHARS);
        }
        if (maxCount < 1) {
            throw new BadQuery("max_count " + maxCount + ": give 1 or more");
        }
        checkLimit("sources", sourcesPerSpan);
        checkLimit("top", topDocuments);
        int[] longest = index.longestMatches(text);
        List<int[]> maximal = new ArrayList<>();
        int reach = 0;
        for (int i = 0; i < longest.length; i++) {
            int end = i + longest[i];
            if (longest[i] >= minChars && end > reach) {
                maximal.add(new int[] {i, end});
            }
            reach = Math.max(reach, end);
        }
        List<Span> spans = new ArrayList<>();
        Map<TextIndex.Doc, List<Integer>> candidates = new TreeMap<>();
        List<List<TextIndex.Doc>> spanDocs = new ArrayList<>();
        for (int[] m : maximal) {
            String s = text.substring(m[0], m[1]);
            // one pass over the span's occurrences, not two: the documents listed give their number
            long occurrences = index.occurrences(s);
            boolean common = occurrences > maxCount;
            List<TextIndex.Doc> docs = common ? List.of() : index.documentsHolding(s);
            long documents = common ? index.count(s).documents() : docs.size();
            for (TextIndex.Doc d : docs) {
                candidates.computeIfAbsent(d, k -> new ArrayList<>()).add(spans.size());
            }
            spanDocs.add(docs.subList(0, Math.min(sourcesPerSpan, docs.size())));
            spans.add(new Span(m[0], m[1], s, occurrences, documents, common, List.of()));
        }
        TreeSet<TextIndex.Doc> shown = new TreeSet<>(spanDocs.stream().flatMap(List::stream).toList());
        Map<TextIndex.Doc, Double> bm25 = bm25(text, candidates.keySet());
        Map<TextIndex.Doc, Double> held = new HashMap<>();
        candidates.forEach((doc, itsSpans) -> held.put(doc, verbatim(itsSpans, spans)));
        List<Map.Entry<TextIndex.Doc, Double>> scored = new ArrayList<>(held.entrySet());
        scored.sort(Comparator.comparing((Map.Entry<TextIndex.Doc, Double> e) -> -e.getValue())
                .thenComparing(e -> -bm25.get(e.getKey())).thenComparing(Map.Entry::getKey));
        List<Map.Entry<TextIndex.Doc, Double>> top = scored.subList(0, Math.min(topDocuments, scored.size()));
        top.forEach(e -> shown.add(e.getKey()));
        Map<TextIndex.Doc, Provenance> provenance = provenance(new ArrayList<>(shown));
        List<Span> withSources = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) {
            Span s = spans.get(k);
            withSources.add(new Span(s.start(), s.end(), s.text(), s.count(), s.documents(), s.common(),
                    spanDocs.get(k).stream().map(provenance::get).toList()));
        }
        List<RankedDocument> ranked = top.stream()
                .map(e -> new RankedDocument(provenance.get(e.getKey()), e.getValue(), bm25.get(e.getKey()),
                        candidates.get(e.getKey())))
                .toList();
        return new TraceResult(text, minChars, maxCount, withSources, ranked, UNIT);
    }

    /**
     * The output's characters a document holds verbatim, through the spans it holds: each character once (spans may
     * overlap), weighted by 1/k for a span k documents hold, the highest weight where spans overlap. A source that
     * holds several of the output's spans outranks a long document that holds one shared phrase, however many of the
     * output's words the long one repeats.
     */
    private static double verbatim(List<Integer> held, List<Span> spans) {
        List<Span> mine = held.stream().map(spans::get).sorted(Comparator.comparingInt(Span::start)).toList();
        // a sweep over the spans' ends: between two consecutive ends, the weight is the best covering span's
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        mine.forEach(sp -> {
            cuts.add(sp.start());
            cuts.add(sp.end());
        });
        double total = 0;
        Integer from = cuts.isEmpty() ? null : cuts.first();
        for (Integer to = from == null ? null : cuts.higher(from); to != null; from = to, to = cuts.higher(to)) {
            double best = 0;
            for (Span sp : mine) {
                if (sp.start() <= from && sp.end() >= to) {
                    best = Math.max(best, 1.0 / Math.max(1, sp.documents()));
                }
            }
            total += best * (to - from);
        }
        return total;
    }

    /**
     * Okapi BM25 (k1 1.2, b 0.75) of each candidate document against the output's words, the candidates (the documents
     * holding the output's spans) taken as the collection: a word's term frequency is its occurrences in the document,
     * its document frequency the candidates holding it, a document's length in characters against the candidates'
     * average. Within the candidates, a word the output shares with few of them weighs most, which is what tells the
     * documents behind the output apart; the corpus-wide frequency of a particle such as の would cost a pass over
     * millions of occurrences and tell them apart no better.
     */
    private Map<TextIndex.Doc, Double> bm25(String output, java.util.Set<TextIndex.Doc> candidates) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> queryWords = new LinkedHashMap<>();
        for (String w : words.words(output)) {
            if (w.codePoints().anyMatch(Character::isLetterOrDigit)) {
                queryWords.merge(w, 1, Integer::sum);
            }
        }
        Map<TextIndex.Doc, String> bodies = new TreeMap<>();
        candidates.forEach(d -> bodies.put(d, index.text(d)));
        double n = bodies.size();
        double averageLength = Math.max(1, bodies.values().stream().mapToLong(String::length).sum() / n);
        Map<TextIndex.Doc, Map<String, Long>> tf = new TreeMap<>();
        Map<String, Integer> df = new HashMap<>();
        for (Map.Entry<TextIndex.Doc, String> d : bodies.entrySet()) {
            Map<String, Long> counts = new HashMap<>();
            for (String w : queryWords.keySet()) {
                long c = occurrences(d.getValue(), w);
                if (c > 0) {
                    counts.put(w, c);
                    df.merge(w, 1, Integer::sum);
                }
            }
            tf.put(d.getKey(), counts);
        }
        Map<TextIndex.Doc, Double> scores = new TreeMap<>();
        for (Map.Entry<TextIndex.Doc, Map<String, Long>> d : tf.entrySet()) {
            double length = bodies.get(d.getKey()).length();
            double score = 0;
            for (Map.Entry<String, Long> w : d.getValue().entrySet()) {
                double idf = Math.log(1 + (n - df.get(w.getKey()) + 0.5) / (df.get(w.getKey()) + 0.5));
                long f = w.getValue();
                score += queryWords.get(w.getKey()) * idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * length / averageLength));
            }
            scores.put(d.getKey(), score);
        }
        return scores;
    }

    private static long occurrences(String body, String word) {
        long n = 0;
        for (int at = body.indexOf(word); at >= 0; at = body.indexOf(word, at + 1)) {
            n++;
        }
        return n;
    }

    private Snippet snippet(String body, int start, int end) {
        int from = Math.max(0, start - CONTEXT_CHARS);
        int to = Math.min(body.length(), end + CONTEXT_CHARS);
        // never cut a surrogate pair
        if (from > 0 && Character.isLowSurrogate(body.charAt(from))) {
            from--;
        }
        if (to < body.length() && Character.isLowSurrogate(body.charAt(to))) {
            to++;
        }
        return new Snippet(start, body.substring(from, start), body.substring(start, end), body.substring(end, to));
    }

    private Map<TextIndex.Doc, Provenance> provenance(List<TextIndex.Doc> docs) {
        Map<Integer, TreeSet<Long>> rowsByShard = new TreeMap<>();
        docs.forEach(d -> rowsByShard.computeIfAbsent(d.shard(), s -> new TreeSet<>()).add(d.row()));
        Map<TextIndex.Doc, Provenance> out = new HashMap<>();
        try {
            for (Map.Entry<Integer, TreeSet<Long>> e : rowsByShard.entrySet()) {
                Map<Long, DocumentLookup.Provenance> rows = lookup.rows(e.getKey(), e.getValue());
                for (long row : e.getValue()) {
                    DocumentLookup.Provenance p = rows.get(row);
                    out.put(new TextIndex.Doc(e.getKey(), row), new Provenance(shardNames.get(e.getKey()), row,
                            p == null ? null : p.id(), p == null ? null : p.sourceUri(),
                            p == null ? null : p.sourceLocator(), p == null ? null : p.sourceSha256(),
                            p == null ? null : p.license(), training(e.getKey(), row)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Training training(int shard, long row) {
        if (training == null) {
            return null;
        }
        int[] its = training.iterations(shard, row);
        return new Training(its.length, java.util.Arrays.stream(its).limit(ITERATIONS_SHOWN).boxed().toList(),
                training.trainIterations());
    }

    /** The document's whole text, for the page's document view. */
    public String document(int shard, long row) {
        if (shard < 0 || shard >= index.shards().size() || row < 0 || row >= index.shards().get(shard).documents()) {
            throw new BadQuery("no document " + shard + "/" + row);
        }
        return index.text(new TextIndex.Doc(shard, row));
    }

    private String query(String text, int max) {
        if (text == null || text.isEmpty()) {
            throw new BadQuery("empty query: give the text to search for");
        }
        if (text.length() > max) {
            throw new BadQuery("query of " + text.length() + " characters; at most " + max);
        }
        String q = normalizer.apply(text);
        if (q.isEmpty()) {
            throw new BadQuery("the query is empty once normalised as the corpus was");
        }
        return q;
    }

    private static void checkLimit(String name, int value) {
        if (value < 1 || value > MAX_LIMIT) {
            throw new BadQuery(name + " " + value + ": give 1 to " + MAX_LIMIT);
        }
    }
}
