package org.corpusforge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The three queries over a corpus, at the level of text: {@code count}, {@code next} and {@code find}. A query is
 * tokenised with the corpus's tokenizer as it would be inside a document, and matched as that token sequence
 * (token-level matching: a string the tokenizer splits otherwise inside a longer text is not counted there).
 */
public final class CorpusSearch {
    /** Tokens of context shown on each side of a match. */
    public static final int CONTEXT_TOKENS = 32;
    /** Longer than most documents, short enough that no query can tie up a server. */
    public static final int MAX_QUERY_CHARS = 1 << 20;
    public static final int MAX_LIMIT = 1_000;

    private final CorpusIndex index;
    private final TokenCodec codec;
    private final DocumentLookup lookup;
    private final List<String> shardNames;

    /** @param shardNames the shards' paths, in the index's shard order */
    public CorpusSearch(CorpusIndex index, TokenCodec codec, DocumentLookup lookup, List<String> shardNames) {
        if (shardNames.size() != index.shards().size()) {
            throw new IllegalArgumentException(shardNames.size() + " shard names for " + index.shards().size() + " indexes");
        }
        this.index = index;
        this.codec = codec;
        this.lookup = lookup;
        this.shardNames = List.copyOf(shardNames);
    }

    /** A query that cannot be answered: empty, too long, a bad limit. The message is for the user. */
    public static final class BadQuery extends IllegalArgumentException {
        public BadQuery(String message) {
            super(message);
        }
    }

    public record CountResult(String query, int[] tokens, long count, long documents) {}

    /** A token that follows the query ({@code tokenId} -1, {@code token} null: the document ends there). */
    public record Continuation(long tokenId, String token, long count, double probability) {}

    /** The longest suffix of the query that is followed by some token, and what follows it: the infini-gram estimate. */
    public record InfiniGram(int suffixTokens, String suffix, long count, List<Continuation> continuations) {}

    public record NextResult(String query, int[] tokens, long count, long distinct, List<Continuation> continuations,
                             InfiniGram infiniGram) {}

    public record Match(String shard, long row, String id, String sourceUri, String sourceLocator, String sourceSha256,
                        String license, long tokenOffset, String before, String match, String after) {}

    public record FindResult(String query, int[] tokens, long count, List<Match> matches) {}

    public CountResult count(String text) {
        int[] tokens = tokenise(text);
        CorpusIndex.Count count = index.count(tokens);
        return new CountResult(text, tokens, count.occurrences(), count.documents());
    }

    public NextResult next(String text, int top) {
        int[] tokens = tokenise(text);
        checkLimit("top", top);
        CorpusIndex.Continuations full = index.continuations(tokens);
        InfiniGram backoff = null;
        for (int start = 0; start < tokens.length && backoff == null; start++) {
            int[] suffix = Arrays.copyOfRange(tokens, start, tokens.length);
            CorpusIndex.Continuations c = start == 0 ? full : index.continuations(suffix);
            long followed = c.occurrences() - c.next().getOrDefault(ShardIndex.END_OF_DOCUMENT, 0L);
            if (followed > 0) {
                backoff = new InfiniGram(suffix.length, codec.decode(suffix), c.occurrences(), top(c, top));
            }
        }
        return new NextResult(text, tokens, full.occurrences(), full.next().size(), top(full, top), backoff);
    }

    public FindResult find(String text, int limit) {
        return find(text, tokenise(text), limit);
    }

    /** {@link #find(String, int)} for a token sequence already made ({@code text} is only echoed). */
    public FindResult find(String text, int[] tokens, int limit) {
        checkLimit("limit", limit);
        CorpusIndex.Found found = index.find(tokens, limit);
        List<CorpusIndex.Hit> hits = found.hits();
        Map<Integer, TreeSet<Long>> rowsByShard = new TreeMap<>();
        for (CorpusIndex.Hit hit : hits) {
            rowsByShard.computeIfAbsent(hit.shard(), s -> new TreeSet<>()).add(hit.row());
        }
        Map<Integer, Map<Long, DocumentLookup.Provenance>> provenance = new TreeMap<>();
        try {
            for (Map.Entry<Integer, TreeSet<Long>> e : rowsByShard.entrySet()) {
                provenance.put(e.getKey(), lookup.rows(e.getKey(), e.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Match> matches = new ArrayList<>();
        for (CorpusIndex.Hit hit : hits) {
            DocumentLookup.Provenance p = provenance.get(hit.shard()).get(hit.row());
            long matchEnd = hit.position() + tokens.length;
            long from = Math.max(hit.rowStart(), hit.position() - CONTEXT_TOKENS);
            long to = Math.min(hit.rowEnd(), matchEnd + CONTEXT_TOKENS);
            matches.add(new Match(shardNames.get(hit.shard()), hit.row(), p == null ? null : p.id(),
                    p == null ? null : p.sourceUri(), p == null ? null : p.sourceLocator(),
                    p == null ? null : p.sourceSha256(), p == null ? null : p.license(),
                    hit.position() - hit.rowStart(),
                    codec.decode(index.tokens(hit.shard(), from, hit.position())),
                    codec.decode(index.tokens(hit.shard(), hit.position(), matchEnd)),
                    codec.decode(index.tokens(hit.shard(), matchEnd, to))));
        }
        return new FindResult(text, tokens, found.occurrences(), matches);
    }

    private int[] tokenise(String text) {
        if (text == null || text.isBlank()) {
            throw new BadQuery("empty query: give the text to search for");
        }
        if (text.length() > MAX_QUERY_CHARS) {
            throw new BadQuery("query of " + text.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        int[] tokens = codec.encode(text);
        if (tokens.length == 0) {
            throw new BadQuery("the query \"" + text + "\" gives no tokens");
        }
        return tokens;
    }

    private static void checkLimit(String name, int value) {
        if (value < 1 || value > MAX_LIMIT) {
            throw new BadQuery(name + " " + value + ": give 1 to " + MAX_LIMIT);
        }
    }

    private List<Continuation> top(CorpusIndex.Continuations c, int top) {
        return c.next().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Long, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(top)
                .map(e -> new Continuation(e.getKey(),
                        e.getKey() == ShardIndex.END_OF_DOCUMENT ? null : codec.decode(new int[] {e.getKey().intValue()}),
                        e.getValue(), (double) e.getValue() / c.occurrences()))
                .toList();
    }
}
