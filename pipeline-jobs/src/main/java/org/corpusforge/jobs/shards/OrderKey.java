package org.corpusforge.jobs.shards;

import java.io.Serializable;
import java.util.Objects;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.core.model.Provenance;

/**
 * The position of a record in the output: a stable hash of its id, then its id and location to break ties.
 * It depends only on the record, never on partitioning or timing, which is what makes shards reproducible.
 * Hashing the id spreads each source evenly over the shards. (A plain class, not a record, so that any
 * Spark serializer, Kryo included, can shuffle it.)
 */
public final class OrderKey implements Comparable<OrderKey>, Serializable {
    private static final long serialVersionUID = 1L;
    private final long hash;
    private final String tiebreak;

    public OrderKey(long hash, String tiebreak) {
        this.hash = hash;
        this.tiebreak = Objects.requireNonNull(tiebreak);
    }

    public static OrderKey of(String id, Provenance provenance) {
        return of(0, id, provenance);
    }

    /** The key in the order a shuffle seed gives; seed 0 is the plain hash of the id. */
    public static OrderKey of(long seed, String id, Provenance provenance) {
        long hash = seed == 0 ? Hashing.stableHash64(id) : Hashing.stableHash64(seed + "\u0000" + id);
        return new OrderKey(hash, id + '\u0000' + provenance.sourceUri() + '\u0000' + provenance.locator());
    }

    /** What breaks a tie of hashes: the id, source and locator. */
    public String tiebreak() {
        return tiebreak;
    }

    /** The stable hash of the id that orders the record. */
    public long hash() {
        return hash;
    }

    @Override
    public int compareTo(OrderKey other) {
        int c = Long.compare(hash, other.hash);
        return c != 0 ? c : tiebreak.compareTo(other.tiebreak);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderKey k && hash == k.hash && tiebreak.equals(k.tiebreak);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash) * 31 + tiebreak.hashCode();
    }

    @Override
    public String toString() {
        return Long.toHexString(hash) + ":" + tiebreak.replace('\u0000', ' ');
    }
}
