package org.corpusforge.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The search indexes of all of a corpus's shards, queried in parallel (one task per shard on a pool of the machine's
 * cores) at the level of token ids. Results are merged in shard order, so they do not depend on the threads.
 */
public final class CorpusIndex implements AutoCloseable {
    private final List<ShardIndex> shards;
    private final ExecutorService pool;

    public CorpusIndex(List<ShardIndex> shards) {
        this.shards = List.copyOf(shards);
        int threads = Math.max(1, Math.min(this.shards.size(), Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "corpusforge-search");
            t.setDaemon(true);
            return t;
        });
    }

    public static CorpusIndex open(List<Path> files) throws IOException {
        List<ShardIndex> shards = new ArrayList<>();
        for (Path file : files) {
            shards.add(ShardIndex.open(file));
        }
        return new CorpusIndex(shards);
    }

    public List<ShardIndex> shards() {
        return shards;
    }

    public long tokens() {
        return shards.stream().mapToLong(ShardIndex::tokens).sum();
    }

    public long documents() {
        return shards.stream().mapToLong(ShardIndex::documents).sum();
    }

    /** Occurrences of a token sequence, and the number of documents holding it. */
    public record Count(long occurrences, long documents) {}

    public Count count(int[] pattern) {
        long occurrences = 0;
        long documents = 0;
        for (long[] c : perShard(shard -> {
            long[] r = shards.get(shard).range(pattern);
            return new long[] {r[1] - r[0], shards.get(shard).documents(r[0], r[1])};
        })) {
            occurrences += c[0];
            documents += c[1];
        }
        return new Count(occurrences, documents);
    }

    /** The occurrences of the pattern, and how often each token follows it ({@link ShardIndex#END_OF_DOCUMENT}). */
    public record Continuations(long occurrences, Map<Long, Long> next) {}

    public Continuations continuations(int[] pattern) {
        long occurrences = 0;
        Map<Long, Long> next = new TreeMap<>();
        for (Continuations c : perShard(shard -> {
            ShardIndex index = shards.get(shard);
            long[] r = index.range(pattern);
            return new Continuations(r[1] - r[0], index.continuations(pattern.length, r[0], r[1]));
        })) {
            occurrences += c.occurrences();
            c.next().forEach((token, count) -> next.merge(token, count, Long::sum));
        }
        return new Continuations(occurrences, next);
    }

    /** A document holding the pattern: its shard and row, and where in the shard's tokens the first match starts. */
    public record Hit(int shard, long row, long position, long rowStart, long rowEnd) {}

    /** The occurrences of a pattern, and the first documents holding it. */
    public record Found(long occurrences, List<Hit> hits) {}

    /** The first {@code limit} documents holding the pattern, in shard and row order, and all its occurrences. */
    public Found find(int[] pattern, int limit) {
        List<Found> perShard = perShard(shard -> {
            ShardIndex index = shards.get(shard);
            long[] r = index.range(pattern);
            List<Hit> hits = new ArrayList<>();
            for (long[] rowAndPosition : index.firstRows(r[0], r[1], limit)) {
                long row = rowAndPosition[0];
                hits.add(new Hit(shard, row, rowAndPosition[1], index.rowStart(row), index.rowEnd(row)));
            }
            return new Found(r[1] - r[0], hits);
        });
        long occurrences = 0;
        List<Hit> hits = new ArrayList<>();
        for (Found shard : perShard) {
            occurrences += shard.occurrences();
            for (Hit hit : shard.hits()) {
                if (hits.size() < limit) {
                    hits.add(hit);
                }
            }
        }
        return new Found(occurrences, hits);
    }

    /** The token ids at positions [from, to) of a shard. */
    public int[] tokens(int shard, long from, long to) {
        return shards.get(shard).tokens(from, to);
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
