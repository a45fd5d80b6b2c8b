package org.corpusforge.jobs.global;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.MinHashSignature;
import org.corpusforge.filters.text.MorphTokenizer;
import org.corpusforge.filters.SpellingFold;
import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.base.Persisted;
import org.corpusforge.jobs.shards.ShardedOutput;
import org.corpusforge.jobs.io.JsonLinesWriter;
import scala.Tuple2;

/**
 * Exact and near-duplicate removal on Spark, after the per-document stages. The rule: a document is dropped only as
 * a duplicate of a document that is kept, an exact duplicate when their texts are equal, a near duplicate when the
 * exact Jaccard similarity of their shingle sets reaches {@code min_jaccard}; every drop names its kept witness and
 * the similarity, in the document and in {@code dedup/} beside the corpus.
 * <ol>
 *   <li>Every kept document becomes a small node (address, id, content hash, MinHash signature; never its text),
 *       numbered in order of preference (preferred source, then the longest if asked, then the smallest id).</li>
 *   <li>Exact duplicates: documents with the same content hash are copies of the group's most preferred one, which
 *       alone goes on to the near-duplicate steps (identical text is transitive: its copies share its fate).</li>
 *   <li>Candidates: banded LSH over the signatures; in each band bucket every member is paired with the up to
 *       {@value #PAIRS_PER_MEMBER} most preferred members before it (all pairs in small buckets, linear work in
 *       large ones); buckets over {@code max_bucket_size} are counted and skipped (boilerplate magnets).</li>
 *   <li>Verification: the shingle sets of the candidates' documents only are computed where the documents are, and
 *       each pair's exact Jaccard similarity decides whether it is an edge.</li>
 *   <li>Selection ({@link DuplicateSelection}): in preference order, a document is kept unless a kept, more
 *       preferred neighbour resembles it. A small graph is solved on the driver at once; a large one by connected
 *       components (large-star / small-star rounds, all by reduce and join) and one task per component.</li>
 *   <li>The decisions go back to the documents where they are ({@link InPlaceJoin}): kept documents carry
 *       {@code dup_cluster_id} (their own id) and {@code dup_cluster_size} (themselves and the documents they
 *       witness); dropped ones the same of their witness, and {@code dup_jaccard}.</li>
 * </ol>
 * Everything is decided by ids, hashes and seeded permutations, so the outcome does not depend on partitioning.
 */
public final class Deduplication implements GlobalStage {
    public static final String STAGE = "dedup";
    /** The evidence of every drop, one line each, without texts. */
    public static final String DIRECTORY = "dedup";
    static final String EXACT = "exact-duplicate";
    static final String NEAR = "near-duplicate";
    /**
     * How many more preferred members of a band bucket each member is compared with. A bucket of this size or less
     * gives all its pairs; in a larger one (pages of one template) the most preferred members are the ones kept, so
     * pairing with them finds a kept witness while the work stays linear in the bucket's size.
     */
    static final int PAIRS_PER_MEMBER = 16;
    /** How far below {@code min_jaccard} a candidate's MinHash estimate may be and the pair still be measured. */
    static final double ESTIMATE_MARGIN = 0.2;
    /** How many of the largest clusters and components the manifest lists. */
    static final int LISTED = 10;
    private static final long EVIDENCE_TARGET_BYTES = 64L << 20;

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
        List<Manifest.FileEntry> files;
        try {
            files = ShardedOutput.write(result.evidence(), e -> 400L, EVIDENCE_TARGET_BYTES, 1, run.parallelism(),
                    run.output().uri(), run.runId() + "-" + DIRECTORY,
                    (uri, part, conf) -> new JsonLinesWriter<Evidence>(uri, DIRECTORY, part, conf, Evidence::toJson))
                    .files();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(result.outcomes(), result.details(), files, result::release);
    }

    /** The outcomes after dedup, the evidence of every drop, and what the manifest records about the run. */
    public record Deduplicated(JavaRDD<Outcome> outcomes, Map<String, Object> details,
                               JavaPairRDD<OrderKey, Evidence> evidence, List<RDD<?>> held) {
        /** Frees what the lazy outcomes needed; call once they are materialised. */
        public void release() {
            held.forEach(r -> r.unpersist(false));
        }
    }

    /** What the dedup needs to know of a document, without its text. */
    public static final class Node implements Serializable, Comparable<Node> {
        private static final long serialVersionUID = 2L;
        final InPlaceJoin.Address address;
        final String id;
        final String contentHash;
        final String source;
        final int sourceRank;
        final long length;
        final long[] signature;

        Node(InPlaceJoin.Address address, String id, String contentHash, String source, int sourceRank, long length,
             long[] signature) {
            this.address = address;
            this.id = id;
            this.contentHash = contentHash;
            this.source = source;
            this.sourceRank = sourceRank;
            this.length = length;
            this.signature = signature;
        }

        /** The node without its signature: what the decisions and the evidence need. */
        Ref ref() {
            return new Ref(address, id, contentHash, source);
        }

        @Override
        public int compareTo(Node o) {
            return ORDER.compare(this, o);
        }

        private static final Comparator<Node> ORDER = Comparator.<Node>comparingInt(n -> n.sourceRank)
                .thenComparingLong(n -> -n.length).thenComparing(n -> n.id).thenComparing(n -> n.address.key);
    }

    /** A document as the decisions name it. */
    record Ref(InPlaceJoin.Address address, String id, String contentHash, String source) implements Serializable {}

    /** A dropped document's fate: its kept witness, why, and the shingles shared of the union (0 of 0: exact). */
    record Fate(long witness, String reason, int shared, int union) implements Serializable {}

    /** A document's decision: kept, or dropped as a duplicate of {@code clusterId} (its witness). */
    record Decision(boolean keep, String reason, String clusterId, long clusterSize, int shared, int union)
            implements Serializable {
        double jaccard() {
            return MinHashSignature.jaccard(shared, union);
        }
    }

    /** One line of {@code dedup/}: a dropped document, its kept witness and their similarity, without texts. */
    public static final class Evidence implements Serializable {
        private static final long serialVersionUID = 1L;
        final String reason;
        final Ref dropped;
        final Ref kept;
        final long clusterSize;
        final int shared;
        final int union;

        /** @param clusterSize the kept document and all it witnesses */
        Evidence(String reason, Ref dropped, Ref kept, long clusterSize, int shared, int union) {
            this.reason = reason;
            this.dropped = dropped;
            this.kept = kept;
            this.clusterSize = clusterSize;
            this.shared = shared;
            this.union = union;
        }

        ObjectNode toJson() {
            ObjectNode node = JsonLinesWriter.object();
            node.put("id", dropped.id());
            node.put("source_uri", sourceUri(dropped));
            node.put("source_locator", locator(dropped));
            node.put("text_sha256", dropped.contentHash());
            node.put("reason", reason);
            node.put("kept", kept.id());
            node.put("kept_source_uri", sourceUri(kept));
            node.put("kept_source_locator", locator(kept));
            node.put("kept_text_sha256", kept.contentHash());
            if (NEAR.equals(reason)) {
                node.put("shared_shingles", shared);
                node.put("union_shingles", union);
            }
            node.put("jaccard", MinHashSignature.jaccard(shared, union));
            return node;
        }
    }

    @Override
    public List<Kernel> kernels() {
        List<Kernel> kernels = new ArrayList<>();
        if (spec.near()) {
            Shingler shingler = new Shingler(spec);
            SpellingFold fold = SpellingFold.shipped();
            if (spec.foldReadings()) {
                kernels.add(new Kernel("dedup spelling fold with readings (Kuromoji)",
                        d -> fold.foldWithReadings(d.text()).length()));
            } else if (spec.foldSpelling()) {
                kernels.add(new Kernel("dedup spelling fold", d -> fold.fold(d.text()).length()));
            }
            kernels.add(new Kernel("dedup (content hash, shingles, MinHash)", d -> d.contentSha256().length()
                    + shingler.signature(d.text(), null)[0]));
        }
        return kernels;
    }

    /**
     * A document's shingles as the spec takes them: from the spelling fold of its text (the text itself is not
     * changed), characters or Kuromoji words. The signature needs only their hashes; verification the sorted set.
     */
    static final class Shingler implements Serializable {
        private static final long serialVersionUID = 1L;
        private final DedupSpec spec;
        private transient MinHashSignature minhash;

        Shingler(DedupSpec spec) {
            this.spec = spec;
        }

        private MinHashSignature minhash() {
            if (minhash == null) {
                minhash = new MinHashSignature(spec.shingleSize(), spec.permutations(), spec.seed());
            }
            return minhash;
        }

        private String folded(String text) {
            return spec.foldReadings() ? SpellingFold.shipped().foldWithReadings(text)
                    : spec.foldSpelling() ? SpellingFold.shipped().fold(text) : text;
        }

        /** The sorted, distinct shingle hashes of a text: what exact similarity is measured on. */
        long[] set(String text, MorphTokenizer morph) {
            String f = folded(text);
            return morph == null ? minhash().shingles(f) : words(f, morph);
        }

        long[] signature(String text, MorphTokenizer morph) {
            String f = folded(text);
            // the signature needs no sort: a minimum over repeats is the same minimum
            return minhash().signatureOf(morph == null ? minhash().shingleHashes(f) : words(f, morph));
        }

        private long[] words(String text, MorphTokenizer morph) {
            return minhash().wordShingles(morph.tokenize(text).stream().map(MorphTokenizer.Token::surface)
                    .filter(w -> !w.isBlank()).toList());
        }

        /** One tokenizer per task, and only for word shingles. */
        MorphTokenizer morph() {
            return "word".equals(spec.shingleUnit()) ? MorphTokenizer.forCurrentThread() : null;
        }
    }

    /**
     * The shingles two texts share and the size of their union, measured as this stage measures them (for
     * {@code verify}, which re-measures recorded drops).
     */
    public static int[] similarity(DedupSpec spec, String a, String b) {
        Shingler shingler = new Shingler(spec);
        MorphTokenizer morph = shingler.morph();
        long[] x = shingler.set(a, morph);
        long[] y = shingler.set(b, morph);
        int shared = MinHashSignature.shared(x, y);
        return new int[] {shared, x.length + y.length - shared};
    }

    /** Dedup with these settings, for a caller that measures it alone (the dedup benchmark). */
    public static Deduplicated deduplicate(JavaRDD<Outcome> outcomes, DedupSpec spec, int parallelism) {
        Map<String, Object> details = new LinkedHashMap<>();
        Shingler shingler = new Shingler(spec);
        List<RDD<?>> held = new ArrayList<>();
        // computed once: the sort samples its input before it shuffles it, and signatures are not cheap
        JavaRDD<Node> unsorted = InPlaceJoin.kept(outcomes).mapPartitions(kept -> {
                    MorphTokenizer morph = spec.near() ? shingler.morph() : null;
                    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(kept, Spliterator.ORDERED), false)
                            .map(t -> node(t._1(), t._2(), spec, shingler, morph)).iterator();
                }).persist(Persisted.LEVEL);
        held.add(unsorted.rdd());
        // hash-partitioned by number: every later join with the nodes (or their refs) moves only its other side
        HashPartitioner byNumber = new HashPartitioner(parallelism);
        JavaPairRDD<Long, Node> nodes = unsorted.sortBy(n -> n, true, parallelism)
                .zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .partitionBy(byNumber).persist(Persisted.LEVEL);
        held.add(nodes.rdd());
        JavaPairRDD<Long, Ref> refs = nodes.mapValues(Node::ref).persist(Persisted.LEVEL);
        held.add(refs.rdd());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(outcomes.context());
        // every copy and its group's most preferred document, which alone goes on to the near steps
        JavaPairRDD<Long, Long> copyOf = jsc.parallelizePairs(new ArrayList<>(), 1);
        if (spec.exact()) {
            JavaPairRDD<String, Long> byHash = nodes.mapToPair(t -> new Tuple2<>(t._2().contentHash, t._1()));
            copyOf = byHash.join(byHash.reduceByKey(Math::min, parallelism), parallelism).values()
                    .filter(e -> !e._1().equals(e._2())).mapToPair(e -> e).persist(Persisted.LEVEL);
            held.add(copyOf.rdd());
        }
        JavaPairRDD<Long, Fate> nearFates = jsc.parallelizePairs(new ArrayList<>(), 1);
        if (spec.near()) {
            JavaPairRDD<Long, Node> distinct = spec.exact() ? nodes.subtractByKey(copyOf, parallelism) : nodes;
            JavaPairRDD<Long, Long> candidates = candidatePairs(distinct, spec, parallelism, details);
            JavaPairRDD<Long, Long> pairs = plausible(candidates, nodes, spec.minJaccard() - ESTIMATE_MARGIN,
                    byNumber).persist(Persisted.LEVEL);
            details.put("pairs_measured", pairs.count());
            JavaPairRDD<Long, long[]> sets = shingleSets(outcomes, refs, pairs, shingler, parallelism)
                    .partitionBy(byNumber).persist(Persisted.LEVEL);
            double minJaccard = spec.minJaccard();
            JavaRDD<DuplicateSelection.Edge> edges = pairs.join(sets, byNumber)
                    .mapToPair(t -> new Tuple2<>(t._2()._1(), new Tuple2<>(t._1(), t._2()._2())))
                    .join(sets, byNumber)
                    .map(t -> {
                        long[] preferred = t._2()._1()._2();
                        long[] other = t._2()._2();
                        int shared = MinHashSignature.shared(preferred, other);
                        return new DuplicateSelection.Edge(t._2()._1()._1(), t._1(), shared,
                                preferred.length + other.length - shared);
                    })
                    .filter(e -> e.jaccard() >= minJaccard)
                    .persist(Persisted.LEVEL);
            long edgeCount = edges.count();
            details.put("verified_edges", edgeCount);
            nearFates = select(edges, edgeCount, spec, refs, parallelism, details, held)
                    .mapValues(d -> new Fate(d.witness(), NEAR, d.shared(), d.union()));
            // what only the edges needed: recomputed from their lineage should a later job ever need them
            edges.unpersist(false);
            sets.unpersist(false);
            pairs.unpersist(false);
            candidates.unpersist(false);
        }
        // a copy shares its group's fate: dropped with the same witness when the group's document is, else its copy
        JavaPairRDD<Long, Fate> copyFates = copyOf.mapToPair(Tuple2::swap).leftOuterJoin(nearFates, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2().isPresent() ? t._2()._2().get()
                        : new Fate(t._1(), EXACT, 0, 0)));
        JavaPairRDD<Long, Fate> fates = nearFates.union(copyFates);
        // (dropped node, fate, its ref) by witness, then the witness's ref and how many it stands for
        JavaPairRDD<Long, Tuple2<Fate, Ref>> byWitness = fates.join(refs, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._1().witness(), t._2()));
        JavaPairRDD<Long, Long> witnessed = fates.mapToPair(t -> new Tuple2<>(t._2().witness(), 1L))
                .reduceByKey(Long::sum, parallelism);
        JavaPairRDD<Long, Tuple2<Ref, Long>> witnesses = refs.join(witnessed, parallelism)
                .mapValues(t -> new Tuple2<>(t._1(), t._2() + 1)).persist(Persisted.LEVEL);
        held.add(witnesses.rdd());
        JavaRDD<Evidence> evidence = byWitness.join(witnesses, parallelism).map(t -> {
            Fate fate = t._2()._1()._1();
            Ref dropped = t._2()._1()._2();
            Ref kept = t._2()._2()._1();
            // equal texts are exact duplicates, also when only near duplicates were asked for
            String reason = dropped.contentHash().equals(kept.contentHash()) ? EXACT : fate.reason();
            return new Evidence(reason, dropped, kept, t._2()._2()._2(), fate.shared(), fate.union());
        }).persist(Persisted.LEVEL);
        held.add(evidence.rdd());
        JavaPairRDD<InPlaceJoin.Address, Decision> decisions = evidence.mapToPair(e -> new Tuple2<>(
                        e.dropped.address(), new Decision(false, e.reason, e.kept.id(), e.clusterSize, e.shared,
                                e.union)))
                .union(witnesses.values().mapToPair(t -> new Tuple2<>(t._1().address(),
                        new Decision(true, null, t._1().id(), t._2(), 0, 0))));
        DedupFigures.clusters(witnesses, evidence, details);
        DedupFigures.losses(refs, evidence, details);
        return new Deduplicated(InPlaceJoin.join(outcomes, decisions, Deduplication::decide), details,
                evidence.mapToPair(e -> new Tuple2<>(e.dropped.address().key, e)), held);
    }

    private static Node node(InPlaceJoin.Address address, Outcome o, DedupSpec spec, Shingler shingler,
                             MorphTokenizer morph) {
        Document d = o.document();
        int rank = spec.preferSources().indexOf(d.source().label());
        return new Node(address, o.id(), d.contentSha256(), d.source().label(),
                rank < 0 ? spec.preferSources().size() : rank,
                "longest".equals(spec.keep()) ? d.text().codePointCount(0, d.text().length()) : 0,
                spec.near() ? shingler.signature(d.text(), morph) : null);
    }

    /**
     * Candidate pairs (more preferred, less preferred) from the band buckets: each member with the up to
     * {@link #PAIRS_PER_MEMBER} most preferred members before it; buckets over {@code max_bucket_size} skipped.
     */
    private static JavaPairRDD<Long, Long> candidatePairs(JavaPairRDD<Long, Node> nodes, DedupSpec spec,
                                                          int parallelism, Map<String, Object> details) {
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
        // one job: -1 counts the oversized buckets, n the buckets of up to 2^n members
        Map<Integer, Long> histogram = new TreeMap<>(sizes.values().filter(s -> s > 1)
                .map(s -> s > max ? -1 : 64 - Long.numberOfLeadingZeros(s - 1)).countByValue());
        Map<String, Long> readable = new LinkedHashMap<>();
        histogram.forEach((log2, count) -> {
            if (log2 >= 0) {
                readable.put("<=" + (1L << log2), count);
            }
        });
        details.put("bucket_size_histogram", readable);
        details.put("oversized_buckets", histogram.getOrDefault(-1, 0L));
        // the join leaves the members partitioned by bucket, so grouping them moves nothing again
        JavaPairRDD<Long, Long> pairs = memberships.join(sizes.filter(s -> s._2() > 1 && s._2() <= max), parallelism)
                .mapValues(Tuple2::_1).groupByKey(parallelism)
                .flatMapToPair(t -> {
                    long[] members = StreamSupport.stream(t._2().spliterator(), false).mapToLong(Long::longValue)
                            .sorted().toArray();
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (int i = 1; i < members.length; i++) {
                        for (int j = 0; j < Math.min(i, PAIRS_PER_MEMBER); j++) {
                            out.add(new Tuple2<>(members[j], members[i]));
                        }
                    }
                    return out.iterator();
                })
                .distinct(parallelism).persist(Persisted.LEVEL);
        details.put("candidate_pairs", pairs.count());
        memberships.unpersist(false);
        sizes.unpersist(false);
        return pairs;
    }

    /**
     * The candidates whose MinHash estimate reaches {@code floor}: a pair at the threshold has an estimate
     * {@link #ESTIMATE_MARGIN} below it with probability about 10^-5 (100 permutations), so the estimate only spares
     * the exact measure (and the shingle sets' travel) of pairs that could not pass it.
     */
    private static JavaPairRDD<Long, Long> plausible(JavaPairRDD<Long, Long> candidates, JavaPairRDD<Long, Node> nodes,
                                                     double floor, HashPartitioner byNumber) {
        JavaPairRDD<Long, long[]> signatures = nodes.mapValues(n -> n.signature);
        return candidates.join(signatures, byNumber)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), new Tuple2<>(t._1(), t._2()._2())))
                .join(signatures, byNumber)
                .filter(t -> MinHashSignature.estimatedJaccard(t._2()._1()._2(), t._2()._2()) >= floor)
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), t._1()));
    }

    /** The sorted shingle sets of the documents in any pair, computed where the documents are. */
    private static JavaPairRDD<Long, long[]> shingleSets(JavaRDD<Outcome> outcomes, JavaPairRDD<Long, Ref> refs,
                                                         JavaPairRDD<Long, Long> pairs, Shingler shingler,
                                                         int parallelism) {
        JavaPairRDD<InPlaceJoin.Address, Long> wanted = pairs.flatMap(p -> List.of(p._1(), p._2()).iterator())
                .distinct(parallelism).mapToPair(n -> new Tuple2<>(n, true)).join(refs, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._2().address(), t._1()));
        return InPlaceJoin.visit(outcomes, wanted,
                        (outcome, number) -> new Tuple2<>(number, shingler.set(outcome.document().text(),
                                shingler.morph())))
                .mapToPair(t -> t).persist(Persisted.LEVEL);
    }

    /**
     * The near drops of the verified edges (node, its drop): on the driver when there are at most
     * {@code select_on_driver_edges} of them, else by connected components and one task per component.
     */
    private static JavaPairRDD<Long, DuplicateSelection.Drop> select(
            JavaRDD<DuplicateSelection.Edge> edges, long edgeCount, DedupSpec spec, JavaPairRDD<Long, Ref> refs,
            int parallelism, Map<String, Object> details, List<RDD<?>> held) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(edges.context());
        long maxClusterSize = spec.maxClusterSize();
        boolean allowLarge = spec.allowLargeClusters();
        List<DuplicateSelection.Component> largest;
        long components;
        long over;
        long overDocuments;
        JavaPairRDD<Long, DuplicateSelection.Drop> drops;
        if (edgeCount <= spec.selectOnDriverEdges()) {
            DuplicateSelection.Selection s = DuplicateSelection.select(edges.collect(), maxClusterSize, allowLarge);
            details.put("selected_on", "driver");
            drops = jsc.parallelizePairs(s.drops().stream().map(d -> new Tuple2<>(d.node(), d)).toList(),
                    Math.max(1, Math.min(parallelism, s.drops().size())));
            components = s.components().size();
            over = s.components().stream().filter(c -> c.size() > maxClusterSize).count();
            overDocuments = s.components().stream().filter(c -> c.size() > maxClusterSize)
                    .mapToLong(DuplicateSelection.Component::size).sum();
            largest = s.components().stream().sorted(BY_SIZE).limit(LISTED).toList();
        } else {
            JavaPairRDD<Long, Long> labels = ConnectedComponents.of(
                    edges.mapToPair(e -> new Tuple2<>(e.preferred(), e.other())), spec.maxRounds(), parallelism,
                    details);
            // an edge's component is its preferred end's label (none: the preferred end is the component's root)
            JavaRDD<DuplicateSelection.Selection> selections = edges.mapToPair(e -> new Tuple2<>(e.preferred(), e))
                    .leftOuterJoin(labels, parallelism)
                    .mapToPair(t -> new Tuple2<>(t._2()._2().orElse(t._1()), t._2()._1()))
                    .groupByKey(parallelism)
                    .map(t -> {
                        List<DuplicateSelection.Edge> list = new ArrayList<>();
                        t._2().forEach(list::add);
                        return DuplicateSelection.select(list, maxClusterSize, allowLarge);
                    }).persist(Persisted.LEVEL);
            held.add(selections.rdd());
            details.put("selected_on", "one task per component");
            JavaRDD<DuplicateSelection.Component> all = selections.flatMap(s -> s.components().iterator());
            components = all.count();
            JavaRDD<DuplicateSelection.Component> overOnes = all.filter(c -> c.size() > maxClusterSize);
            over = overOnes.count();
            overDocuments = over == 0 ? 0 : overOnes.map(DuplicateSelection.Component::size).reduce(Long::sum);
            largest = all.takeOrdered(LISTED, BY_SIZE);
            drops = selections.flatMapToPair(s -> s.drops().stream().map(d -> new Tuple2<>(d.node(), d)).iterator());
        }
        details.put("components", components);
        details.put("max_cluster_size", maxClusterSize);
        // a component that large is a fault to look at (a template, a hot document) more often than real copies
        details.put("components_over_max_cluster_size", over);
        details.put("refused_components", allowLarge ? 0 : over);
        details.put("refused_documents", allowLarge ? 0 : overDocuments);
        if (over > 0) {
            details.put("warning_large", over + " components larger than max_cluster_size (" + maxClusterSize + "), "
                    + overDocuments + " documents, " + (allowLarge
                    ? "were deduplicated, as allow_large_clusters asks: the report lists the largest"
                    : "were kept whole; dedup.allow_large_clusters: true removes their duplicates"));
        }
        Map<Long, String> ids = DedupFigures.idsOf(refs, largest.stream().map(DuplicateSelection.Component::canonical).toList());
        details.put("largest_components", largest.stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("documents", c.size());
            row.put("most_preferred", ids.get(c.canonical()));
            row.put("refused", c.refused());
            return row;
        }).toList());
        return drops;
    }

    private static final Comparator<DuplicateSelection.Component> BY_SIZE = (Comparator<DuplicateSelection.Component>
            & Serializable) (a, b) -> a.size() != b.size() ? Long.compare(b.size(), a.size())
            : Long.compare(a.canonical(), b.canonical());

    /** The input file a document was read from, from its order key (id, source, locator). */
    static String sourceUri(Ref r) {
        String key = r.address().key.tiebreak();
        int second = key.lastIndexOf('\u0000');
        return key.substring(key.lastIndexOf('\u0000', second - 1) + 1, second);
    }

    static String locator(Ref r) {
        String key = r.address().key.tiebreak();
        return key.substring(key.lastIndexOf('\u0000') + 1);
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

    /** @param d null: the document has no duplicate */
    private static Outcome decide(Outcome outcome, Decision d) {
        Document doc = outcome.document();
        if (d == null) {
            return Outcome.kept(withCluster(doc, doc.id(), 1));
        }
        Document marked = withCluster(doc, d.clusterId(), d.clusterSize());
        if (d.keep()) {
            return Outcome.kept(marked);
        }
        if (EXACT.equals(d.reason())) {
            return Outcome.dropped(STAGE, EXACT, "duplicate of " + d.clusterId(), marked.withSignal("dup_jaccard", 1.0));
        }
        return Outcome.dropped(STAGE, NEAR, String.format(java.util.Locale.ROOT,
                        "duplicate of %s at Jaccard %.4f (%d of %d shingles)", d.clusterId(), d.jaccard(), d.shared(),
                        d.union()),
                marked.withSignal("dup_jaccard", d.jaccard()));
    }

    private static Document withCluster(Document doc, String clusterId, long size) {
        return doc.withMetadata(doc.metadata().withAttribute("dup_cluster_id", clusterId))
                .withSignal("dup_cluster_size", size);
    }

    /** The dedup stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends GlobalStageType {
        public Type() {
            super(STAGE, "dedup");
        }

        @Override
        public GlobalStage create(org.corpusforge.core.config.ConfigNode settings, boolean listed) {
            return configured(settings, listed);
        }

        @Override
        public List<String> directories() {
            return List.of(DIRECTORY);
        }

        @Override
        public List<Class<?>> records() {
            return List.of(Decision.class, Ref.class, Fate.class, DuplicateSelection.Edge.class,
                    DuplicateSelection.Drop.class, DuplicateSelection.Component.class, DuplicateSelection.Selection.class);
        }

        @Override
        public List<Class<?>> kryoRecords() {
            return List.of(long[].class);
        }

        /** Kept documents by the size of the cluster they stand for, then the stage's warnings and figures. */
        @Override
        public void report(org.corpusforge.core.report.ReportPage page, org.corpusforge.core.report.StageRun stage,
                           org.corpusforge.jobs.report.ReportData data) {
            if (data.clusterSizes().isEmpty()) {
                page.note("No kept document carries a cluster size.");
            } else {
                page.note("Kept documents by the size of the cluster they stand for (1: no duplicate).");
                List<String> labels = new java.util.ArrayList<>();
                List<Double> values = new java.util.ArrayList<>();
                data.clusterSizes().forEach((size, count) -> {
                    labels.add("size " + size);
                    values.add((double) count);
                });
                page.bars(labels, values, "kept documents");
            }
            if (stage.details() != null) {
                if (stage.details().get("warnings") instanceof List<?> warnings) {
                    warnings.forEach(w -> page.warn(stage.id() + ": " + w + "."));
                }
                page.figures(stage.details());
            }
        }
    }
}
