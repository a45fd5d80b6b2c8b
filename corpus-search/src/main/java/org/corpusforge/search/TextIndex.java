package org.corpusforge.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The character indexes of all of a corpus's shards, queried in parallel (one task per shard on a pool of the
 * machine's cores). Results are merged in shard order, so they do not depend on the threads. Every answer is about
 * strings: occurrences of a string of UTF-16 code units, overlapping ones counted, never across a document's end.
 */
public final class TextIndex implements AutoCloseable {
    private final List<CharShardIndex> shards;
    private final ExecutorService pool;

    public TextIndex(List<CharShardIndex> shards) {
        this.shards = List.copyOf(shards);
        int threads = Math.max(1, Math.min(this.shards.size(), Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "corpusforge-search");
            t.setDaemon(true);
            return t;
        });
    }

    public static TextIndex open(List<Path> files) throws IOException {
        List<CharShardIndex> shards = new ArrayList<>();
        for (Path file : files) {
            shards.add(CharShardIndex.open(file));
        }
        return new TextIndex(shards);
    }

    public List<CharShardIndex> shards() {
        return shards;
    }

    public long units() {
        return shards.stream().mapToLong(CharShardIndex::units).sum();
    }

    public long documents() {
        return shards.stream().mapToLong(CharShardIndex::documents).sum();
    }

    /** Occurrences of a string, and the number of documents holding it. */
    public record Count(long occurrences, long documents) {}

    public Count count(String query) {
        long occurrences = 0;
        long documents = 0;
        for (long[] c : perShard(shard -> {
            CharShardIndex index = shards.get(shard);
            long[] r = index.range(query);
            return new long[] {r[1] - r[0], index.documents(r[0], r[1])};
        })) {
            occurrences += c[0];
            documents += c[1];
        }
        return new Count(occurrences, documents);
    }

    /** The occurrences of a string: two binary searches per shard, without counting the documents. */
    public long occurrences(String query) {
        long n = 0;
        for (long[] r : perShard(shard -> shards.get(shard).range(query))) {
            n += r[1] - r[0];
        }
        return n;
    }

    /** The occurrences of a string, and how often each character follows it ({@link CharShardIndex#END_OF_DOCUMENT}). */
    public record Continuations(long occurrences, Map<Integer, Long> next) {}

    public Continuations nextCharacters(String query) {
        long occurrences = 0;
        Map<Integer, Long> next = new TreeMap<>();
        for (Continuations c : perShard(shard -> {
            CharShardIndex index = shards.get(shard);
            long[] r = index.range(query);
            return new Continuations(r[1] - r[0], index.nextCharacters(query.length(), r[0], r[1]));
        })) {
            occurrences += c.occurrences();
            c.next().forEach((codePoint, count) -> next.merge(codePoint, count, Long::sum));
        }
        return new Continuations(occurrences, next);
    }

    /**
     * The text that follows each occurrence of a string, up to {@code chars} units within its document: every
     * occurrence when the corpus holds no more than {@code cap} (exact), else {@code cap} of them, shared among the
     * shards in proportion to their occurrences and spread evenly over each shard's in suffix order; each with how
     * many occurrences it stands for.
     */
    public record FollowingText(String text, long weight) {}

    public List<FollowingText> following(String query, int chars, int cap) {
        List<long[]> ranges = perShard(shard -> shards.get(shard).range(query));
        long[] takes = shares(ranges.stream().mapToLong(r -> r[1] - r[0]).toArray(), cap);
        List<List<FollowingText>> perShard = perShard(shard -> {
            CharShardIndex index = shards.get(shard);
            long[] r = ranges.get(shard);
            long n = r[1] - r[0];
            long take = takes[shard];
            List<FollowingText> out = new ArrayList<>();
            for (long k = 0; k < take; k++) {
                long i = r[0] + k * n / take;
                long weight = (k + 1) * n / take - k * n / take;
                long at = index.suffix(i) + query.length();
                long end = Math.min(index.rowEnd(index.rowOf(at)), at + chars);
                out.add(new FollowingText(index.text(at, end), weight));
            }
            return out;
        });
        List<FollowingText> all = new ArrayList<>();
        perShard.forEach(all::addAll);
        return all;
    }

    /**
     * How many of each shard's {@code counts} to read so that the corpus reads {@code cap} in all: every one when the
     * counts sum to no more; else one from every shard that has any, and the rest of the cap in proportion to the
     * counts beyond those, the remainder to the largest fractions (then the first shards).
     */
    static long[] shares(long[] counts, long cap) {
        long total = java.util.Arrays.stream(counts).sum();
        if (total <= cap) {
            return counts.clone();
        }
        long[] take = new long[counts.length];
        long holding = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        long rest = Math.max(0, cap - holding);
        long beyond = total - holding;
        double[] fraction = new double[counts.length];
        long given = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                double exact = (double) (counts[s] - 1) * rest / beyond;
                take[s] = 1 + (long) Math.floor(exact);
                fraction[s] = exact - Math.floor(exact);
                given += take[s] - 1;
            }
        }
        Integer[] order = new Integer[counts.length];
        for (int s = 0; s < order.length; s++) {
            order[s] = s;
        }
        java.util.Arrays.sort(order, (a, b) -> fraction[a] != fraction[b] ? Double.compare(fraction[b], fraction[a])
                : Integer.compare(a, b));
        for (int k = 0; given < rest && k < order.length; k++) {
            int s = order[k];
            if (take[s] < counts[s]) {
                take[s]++;
                given++;
            }
        }
        return take;
    }

    /** A document: its shard and its row there; ordered by shard, then row. */
    public record Doc(int shard, long row) implements Comparable<Doc> {
        @Override
        public int compareTo(Doc o) {
            return shard != o.shard ? Integer.compare(shard, o.shard) : Long.compare(row, o.row);
        }
    }

    /** Every document holding the string, in shard and row order. */
    public List<Doc> documentsHolding(String query) {
        List<BitSet> rows = perShard(shard -> {
            CharShardIndex index = shards.get(shard);
            long[] r = index.range(query);
            return index.rows(r[0], r[1]);
        });
        List<Doc> docs = new ArrayList<>();
        for (int shard = 0; shard < rows.size(); shard++) {
            BitSet b = rows.get(shard);
            for (int row = b.nextSetBit(0); row >= 0; row = b.nextSetBit(row + 1)) {
                docs.add(new Doc(shard, row));
            }
        }
        return docs;
    }

    /** A document's whole text. */
    public String text(Doc doc) {
        return shards.get(doc.shard()).row(doc.row());
    }

    /** A document's length in code units. */
    public long length(Doc doc) {
        CharShardIndex index = shards.get(doc.shard());
        return index.rowEnd(doc.row()) - index.rowStart(doc.row());
    }

    /**
     * For every start {@code i} of the text, the length of its longest prefix that occurs in the corpus: matching
     * statistics, found per shard by narrowing a suffix range one unit at a time; a start reuses what the one
     * before it found (its longest match less one unit occurs too), so the text costs about one binary search per
     * unit and per shard.
     */
    public int[] longestMatches(String text) {
        List<int[]> perShard = perShard(shard -> longestMatches(shards.get(shard), text));
        int[] longest = new int[text.length()];
        for (int[] l : perShard) {
            for (int i = 0; i < longest.length; i++) {
                longest[i] = Math.max(longest[i], l[i]);
            }
        }
        return longest;
    }

    private static int[] longestMatches(CharShardIndex index, String text) {
        int n = text.length();
        int[] longest = new int[n];
        int known = 0;
        for (int i = 0; i < n; i++) {
            long[] r = index.range(text, i, i + known, 0, index.units());
            int length = known;
            while (i + length < n) {
                long[] narrower = index.narrow(r[0], r[1], length, text.charAt(i + length));
                if (narrower[0] >= narrower[1]) {
                    break;
                }
                r = narrower;
                length++;
            }
            longest[i] = r[0] < r[1] ? length : 0;
            known = Math.max(0, longest[i] - 1);
        }
        return longest;
    }

    private <T> List<T> perShard(IntFunction<T> work) {
        List<Future<T>> futures = new ArrayList<>();
        for (int shard = 0; shard < shards.size(); shard++) {
            int s = shard;
            futures.add(pool.submit(() -> work.apply(s)));
        }
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
