package org.corpusforge.jobs.global;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.MinHashSignature;
import org.corpusforge.filters.MorphTokenizer;
import org.corpusforge.filters.SpellingFold;
import org.corpusforge.jobs.Persisted;
import scala.Tuple2;

/**
 * Exact and near-duplicate removal on Spark, after the per-document stages.
 * <ol>
 *   <li>Every kept document becomes a small node (key, id, content hash, MinHash signature; never its text),
 *       numbered in order of preference (preferred source, then the longest if asked, then the smallest id), so
 *       that the smallest number in a group is the document to keep.</li>
 *   <li>Exact duplicates: documents with the same content hash get an edge to the group's smallest number.</li>
 *   <li>Near duplicates: banded LSH; each band bucket is a star to its smallest member (minimum by reduce, never a
 *       member list in memory); buckets over {@code max_bucket_size} are counted and skipped, since only
 *       boilerplate magnets grow that large; candidate edges are kept when the signatures (or, optionally, the
 *       exact shingle sets) agree on at least {@code min_jaccard}.</li>
 *   <li>Connected components with large-star / small-star rounds, all by reduce and join (no adjacency lists, no
 *       collect), until the edge set stops changing; the component's smallest number is its representative.</li>
 *   <li>The decisions go back to the documents where they are ({@link InPlaceJoin}): representatives stay, with
 *       {@code dup_cluster_id}
 *       (the representative's id) and {@code dup_cluster_size}; the others are dropped as {@code exact-duplicate}
 *       (same text as the representative) or {@code near-duplicate}, the detail naming the kept document.</li>
 * </ol>
 * Everything is decided by ids, hashes and seeded permutations, so the outcome does not depend on partitioning.
 */
public final class Deduplication implements GlobalStage {
    public static final String STAGE = "dedup";
    static final String EXACT = "exact-duplicate";
    static final String NEAR = "near-duplicate";

    private final DedupSpec spec;

    private Deduplication(DedupSpec spec) {
        this.spec = spec;
    }

    /** The stage its settings describe; none when they ask for neither exact nor near duplicates. */
    static Deduplication configured(ConfigNode settings, boolean listed) {
        DedupSpec spec = DedupSpec.parse(settings);
        if (!spec.enabled() && listed) {
            throw new ConfigException(settings.path() + ": dedup removes nothing without exact: true or near: true",
                    settings.path());
        }
        return spec.enabled() ? new Deduplication(spec) : null;
    }

    /** The stage of a plan's global stages, or null: the plan removes no duplicates. */
    public static Deduplication in(List<GlobalStage> stages) {
        return stages.stream().filter(s -> s instanceof Deduplication).map(s -> (Deduplication) s).findFirst()
                .orElse(null);
    }

    public DedupSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return STAGE;
    }

    @Override
    public Result apply(JavaRDD<Outcome> outcomes, Run run) {
        Deduplicated result = deduplicate(outcomes, spec, run.parallelism());
        return new Result(result.outcomes(), result.details(), List.of(), result::release);
    }

    /** The outcomes after dedup, and what the manifest records about the run. */
    public record Deduplicated(JavaRDD<Outcome> outcomes, Map<String, Object> details, JavaPairRDD<Long, Node> nodes,
                         JavaRDD<Node> unsorted) {
        /** Frees what the lazy outcomes needed; call once they are materialised. */
        public void release() {
            nodes.unpersist(false);
            unsorted.unpersist(false);
        }
    }

    /** What the dedup needs to know of a document, without its text. */
    public static final class Node implements Serializable, Comparable<Node> {
        private static final long serialVersionUID = 1L;
        final InPlaceJoin.Address address;
        final String id;
        final String contentHash;
        final int sourceRank;
        final long length;
        final long[] signature;
        final long[] shingles;

        Node(InPlaceJoin.Address address, String id, String contentHash, int sourceRank, long length, long[] signature,
             long[] shingles) {
            this.address = address;
            this.id = id;
            this.contentHash = contentHash;
            this.sourceRank = sourceRank;
            this.length = length;
            this.signature = signature;
            this.shingles = shingles;
        }

        @Override
        public int compareTo(Node o) {
            return ORDER.compare(this, o);
        }

        private static final Comparator<Node> ORDER = Comparator.<Node>comparingInt(n -> n.sourceRank)
                .thenComparingLong(n -> -n.length).thenComparing(n -> n.id).thenComparing(n -> n.address.key);
    }

    /** A document's fate: kept as its cluster's representative, or dropped as a duplicate of another. */
    record Decision(boolean keep, String reason, String clusterId, long clusterSize) implements Serializable {}

    @Override
    public List<Kernel> kernels() {
        List<Kernel> kernels = new ArrayList<>();
        if (spec.near()) {
            MinHashSignature minhash = new MinHashSignature(spec.shingleSize(), spec.permutations(), spec.seed());
            SpellingFold fold = SpellingFold.shipped();
            if (spec.foldReadings()) {
                kernels.add(new Kernel("dedup spelling fold with readings (Kuromoji)",
                        d -> fold.foldWithReadings(d.text()).length()));
            } else if (spec.foldSpelling()) {
                kernels.add(new Kernel("dedup spelling fold", d -> fold.fold(d.text()).length()));
            }
            kernels.add(new Kernel("dedup (content hash, shingles, MinHash)", d -> d.contentSha256().length()
                    + minhash.signatureOf(spec.exactJaccard() ? minhash.shingles(d.text())
                            : minhash.shingleHashes(d.text()))[0]));
        }
        return kernels;
    }

    /** Dedup with these settings, for a caller that measures it alone (the dedup benchmark). */
    public static Deduplicated deduplicate(JavaRDD<Outcome> outcomes, DedupSpec spec, int parallelism) {
        Map<String, Object> details = new LinkedHashMap<>();
        // computed once: the sort samples its input before it shuffles it, and signatures are not cheap
        JavaRDD<Node> unsorted = InPlaceJoin.kept(outcomes).mapPartitions(kept -> {
                    // one tokenizer per task, and only for word shingles
                    MorphTokenizer morph = "word".equals(spec.shingleUnit()) ? MorphTokenizer.forCurrentThread() : null;
                    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(kept, Spliterator.ORDERED), false)
                            .map(t -> node(t._1(), t._2(), spec, morph)).iterator();
                }).persist(Persisted.LEVEL);
        JavaPairRDD<Long, Node> nodes = unsorted.sortBy(n -> n, true, parallelism)
                .zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .persist(Persisted.LEVEL);
        JavaPairRDD<Long, Long> edges = JavaSparkContext.fromSparkContext(outcomes.context())
                .parallelizePairs(new ArrayList<Tuple2<Long, Long>>(), 1);
        {
            if (spec.exact()) {
                JavaPairRDD<String, Long> byHash = nodes.mapToPair(t -> new Tuple2<>(t._2().contentHash, t._1()));
                edges = edges.union(starEdges(byHash, parallelism));
            }
            if (spec.near()) {
                edges = edges.union(nearEdges(nodes, spec, parallelism, details));
            }
            edges = edges.distinct(parallelism);
            JavaPairRDD<Long, Long> labels = ConnectedComponents.of(edges, spec.maxRounds(), parallelism, details);
            JavaPairRDD<InPlaceJoin.Address, Decision> decisions = decisions(nodes, labels, parallelism);
            return new Deduplicated(InPlaceJoin.join(outcomes, decisions, Deduplication::decide), details, nodes, unsorted);
        }
    }

    private static Node node(InPlaceJoin.Address address, Outcome o, DedupSpec spec, MorphTokenizer morph) {
        Document d = o.document();
        int rank = spec.preferSources().indexOf(d.source().label());
        MinHashSignature minhash = new MinHashSignature(spec.shingleSize(), spec.permutations(), spec.seed());
        // sorted and without repeats only when exact Jaccard needs the set; the signature does not
        boolean asSet = spec.exactJaccard();
        // old and new spellings of a text shingle alike; the text itself is not changed
        String text = !spec.near() ? d.text() : spec.foldReadings() ? SpellingFold.shipped().foldWithReadings(d.text())
                : spec.foldSpelling() ? SpellingFold.shipped().fold(d.text()) : d.text();
        long[] shingles = !spec.near() ? null : morph == null
                ? (asSet ? minhash.shingles(text) : minhash.shingleHashes(text))
                : minhash.wordShingles(morph.tokenize(text).stream().map(MorphTokenizer.Token::surface)
                        .filter(w -> !w.isBlank()).toList());
        return new Node(address, o.id(), d.contentSha256(),
                rank < 0 ? spec.preferSources().size() : rank,
                "longest".equals(spec.keep()) ? d.text().codePointCount(0, d.text().length()) : 0,
                spec.near() ? minhash.signatureOf(shingles) : null,
                spec.near() && spec.exactJaccard() ? shingles : null);
    }

    /** For members grouped by key: an edge from every member to the group's smallest member. */
    private static <K> JavaPairRDD<Long, Long> starEdges(JavaPairRDD<K, Long> members, int parallelism) {
        JavaPairRDD<K, Long> smallest = members.reduceByKey(Math::min, parallelism);
        return members.join(smallest, parallelism).values()
                .filter(e -> !e._1().equals(e._2()))
                .mapToPair(e -> new Tuple2<>(e._1(), e._2()));
    }

    private static JavaPairRDD<Long, Long> nearEdges(JavaPairRDD<Long, Node> nodes, DedupSpec spec, int parallelism,
                                                     Map<String, Object> details) {
        int bands = spec.bands();
        int rows = spec.rows();
        JavaPairRDD<Long, Long> memberships = nodes.flatMapToPair(t -> {
            List<Tuple2<Long, Long>> out = new ArrayList<>(bands);
            for (int band = 0; band < bands; band++) {
                out.add(new Tuple2<>(bucket(band, rows, t._2().signature), t._1()));
            }
            return out.iterator();
        }).persist(Persisted.LEVEL);
        JavaPairRDD<Long, Long> sizes = memberships.mapValues(n -> 1L).reduceByKey(Long::sum, parallelism)
                .persist(Persisted.LEVEL);
        long max = spec.maxBucketSize();
        Map<Integer, Long> histogram = new TreeMap<>(sizes.values().filter(s -> s > 1)
                .map(s -> 64 - Long.numberOfLeadingZeros(s - 1)).countByValue());
        Map<String, Long> readable = new LinkedHashMap<>();
        histogram.forEach((log2, count) -> readable.put("<=" + (1L << log2), count));
        details.put("bucket_size_histogram", readable);
        details.put("oversized_buckets", sizes.filter(s -> s._2() > max).count());
        JavaPairRDD<Long, Long> usable = memberships.join(sizes.filter(s -> s._2() <= max).mapValues(s -> 0L),
                parallelism).mapValues(t -> t._1());
        JavaPairRDD<Long, Long> candidates = starEdges(usable, parallelism).distinct(parallelism)
                .persist(Persisted.LEVEL);
        details.put("candidate_edges", candidates.count());
        double minJaccard = spec.minJaccard();
        JavaPairRDD<Long, Node> byNode = nodes;
        JavaPairRDD<Long, Long> verified = candidates.join(byNode, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), new Tuple2<>(t._1(), t._2()._2())))
                .join(byNode, parallelism)
                .filter(t -> similarity(t._2()._1()._2(), t._2()._2()) >= minJaccard)
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), t._1()))
                .persist(Persisted.LEVEL);
        details.put("verified_edges", verified.count());
        memberships.unpersist(false);
        sizes.unpersist(false);
        candidates.unpersist(false);
        return verified;
    }

    private static double similarity(Node a, Node b) {
        return a.shingles != null && b.shingles != null ? MinHashSignature.jaccard(a.shingles, b.shingles)
                : MinHashSignature.estimatedJaccard(a.signature, b.signature);
    }

    /** A 64-bit key for one band of a signature: the band number and its rows, mixed. */
    private static long bucket(int band, int rows, long[] signature) {
        long h = 0x9E3779B97F4A7C15L * (band + 1);
        for (int r = band * rows; r < (band + 1) * rows; r++) {
            h = (h ^ signature[r]) * 0xff51afd7ed558ccdL;
            h ^= h >>> 29;
        }
        return h;
    }

    private static JavaPairRDD<InPlaceJoin.Address, Decision> decisions(JavaPairRDD<Long, Node> nodes,
                                                             JavaPairRDD<Long, Long> labels, int parallelism) {
        JavaPairRDD<Long, Long> sizes = labels.mapToPair(t -> new Tuple2<>(t._2(), 1L)).reduceByKey(Long::sum, parallelism)
                .mapValues(n -> n + 1); // the representative itself
        JavaPairRDD<Long, Tuple2<String, String>> info = nodes.mapValues(n -> new Tuple2<>(n.id, n.contentHash));
        JavaPairRDD<Long, InPlaceJoin.Address> keys = nodes.mapValues(n -> n.address);
        // members: (member, representative) with the representative's id and hash, and the cluster's size
        JavaPairRDD<InPlaceJoin.Address, Decision> dropped = labels.mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .join(info, parallelism).join(sizes, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._1()._2(), t._2()._2())))
                .join(info, parallelism).join(keys, parallelism)
                .mapToPair(t -> {
                    Tuple2<String, String> representative = t._2()._1()._1()._1();
                    long size = t._2()._1()._1()._2();
                    boolean exact = representative._2().equals(t._2()._1()._2()._2());
                    return new Tuple2<>(t._2()._2(), new Decision(false, exact ? EXACT : NEAR, representative._1(), size));
                });
        JavaPairRDD<InPlaceJoin.Address, Decision> representatives = sizes.join(info, parallelism).join(keys, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._2(), new Decision(true, null, t._2()._1()._2()._1(), t._2()._1()._1())));
        return dropped.union(representatives);
    }

    /** @param d null: the document has no duplicate */
    private static Outcome decide(Outcome outcome, Decision d) {
        Document doc = outcome.document();
        if (d == null) {
            return Outcome.kept(withCluster(doc, doc.id(), 1));
        }
        Document marked = withCluster(doc, d.clusterId(), d.clusterSize());
        return d.keep() ? Outcome.kept(marked)
                : Outcome.dropped(STAGE, d.reason(), "duplicate of " + d.clusterId(), marked);
    }

    private static Document withCluster(Document doc, String clusterId, long size) {
        return doc.withMetadata(doc.metadata().withAttribute("dup_cluster_id", clusterId))
                .withSignal("dup_cluster_size", size);
    }
}
