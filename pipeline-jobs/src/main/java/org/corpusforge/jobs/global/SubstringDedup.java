package org.corpusforge.jobs.global;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.substring.SharedSpans;
import org.corpusforge.filters.substring.SpanAnchors;
import org.corpusforge.filters.substring.SpanRemoval;
import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.base.Persisted;
import scala.Tuple2;

/**
 * Repeated-substring removal, as Dolma's suffix-array pass and Nemotron-CC's substring recipe do it, but exact and
 * without a suffix array: every span of at least {@code min_chars} characters that a kept document shares with a
 * document before it (in the corpus's order, {@link OrderKey}) is cut from it, so a shared span stays where it first
 * occurs. The texts never move; only anchors and their surroundings do:
 * <ol>
 *   <li>each document's anchors ({@link SpanAnchors}: about 2 in {@code min_chars / 2} positions) send
 *       (anchor hash, document) once per distinct hash;</li>
 *   <li>a hash held by two documents or more asks each of them for its surroundings;</li>
 *   <li>the documents answer with the characters around each such anchor ({@code 1.5 * min_chars});</li>
 *   <li>per hash, in the corpus's order, each surrounding is compared character by character with those of the
 *       documents before ({@link SharedSpans}); what matches is a span to cut;</li>
 *   <li>the spans go back to the partitions of their documents, which cut them ({@link SpanRemoval}).</li>
 * </ol>
 * Every span of {@code min_chars} shared with an earlier document holds an anchor at the same place in both, so
 * every such span is found; every cut is a verified character match, so no hash collision cuts text. Documents are
 * named by (partition, index among the partition's kept documents), which the persisted outcomes keep stable.
 */
public final class SubstringDedup implements GlobalStage {
    public static final String STAGE = "substring-dedup";

    private final SubstringDedupSpec spec;

    private SubstringDedup(SubstringDedupSpec spec) {
        this.spec = spec;
    }

    /** The stage its settings describe; none when its section leaves it off. */
    static SubstringDedup configured(ConfigNode settings, boolean listed) {
        SubstringDedupSpec spec = SubstringDedupSpec.parse(settings, listed);
        return spec.enabled() ? new SubstringDedup(spec) : null;
    }

    @Override
    public String name() {
        return STAGE;
    }

    @Override
    public List<Kernel> kernels() {
        SpanAnchors anchors = SpanAnchors.forSpans(spec.minChars());
        return List.of(new Kernel("substring-dedup (anchors)",
                d -> anchors.of(d.text().codePoints().toArray()).positions().length));
    }

    @Override
    public Result apply(JavaRDD<Outcome> outcomes, Run run) {
        int minChars = spec.minChars();
        long minDocumentChars = spec.minDocumentChars();
        int partitions = outcomes.getNumPartitions();
        // 1. (anchor hash, document), once per distinct hash of each kept document
        JavaPairRDD<Long, Long> anchorDocuments = outcomes.mapPartitionsWithIndex((partition, it) -> {
            SpanAnchors anchors = SpanAnchors.forSpans(minChars);
            return kept(partition, it, (doc, o) -> Arrays.stream(anchors.of(codePoints(o)).hashes()).distinct()
                    .mapToObj(h -> new Tuple2<>(h, doc)).iterator());
        }, true).mapToPair(t -> t);
        // 2. a hash held by two documents or more asks each of them for its surroundings
        JavaPairRDD<Long, Long> requests = anchorDocuments.groupByKey(new ByAnchor(run.parallelism()))
                .flatMapToPair(group -> {
                    long[] docs = Arrays.stream(toArray(group._2())).distinct().toArray();
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (int i = 0; docs.length > 1 && i < docs.length; i++) {
                        out.add(new Tuple2<>(docs[i], group._1()));
                    }
                    return out.iterator();
                }).repartitionAndSortWithinPartitions(new ByDocument(partitions));
        // 3. the documents answer with the characters around each asked anchor
        // (sorted by document: a task holds one document's asked hashes at a time, whatever the partition's size)
        JavaRDD<Context> contexts = outcomes.zipPartitions(requests, (documents, asked) -> {
            if (!asked.hasNext()) {
                return Collections.emptyIterator();
            }
            Asked pending = new Asked(asked);
            SpanAnchors anchors = SpanAnchors.forSpans(minChars);
            return kept(pending.partition(), documents, (doc, o) -> {
                Set<Long> wanted = pending.of(doc);
                return wanted.isEmpty() ? Collections.emptyIterator()
                        : surroundings(doc, o, anchors, wanted).iterator();
            });
        });
        // 4. per hash, in the corpus's order: the spans each document shares with the documents before it
        JavaPairRDD<Long, Long> spans = contexts.mapToPair(c -> new Tuple2<>(c, Boolean.TRUE))
                .repartitionAndSortWithinPartitions(new ByAnchor(run.parallelism()), new ContextOrder())
                .mapPartitionsToPair(sorted -> sharedSpans(sorted, minChars));
        // 5. merged per document, in the partition where the document is
        JavaPairRDD<Long, long[]> cuts = spans.groupByKey(new ByDocument(partitions))
                .mapValues(SubstringDedup::merged).persist(Persisted.LEVEL);
        long[] totals = cuts.values().map(v -> new long[] {1, v.length, SpanRemoval.length(v)})
                .fold(new long[3], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("min_chars", minChars);
        details.put("documents_cut", totals[0]);
        details.put("spans_removed", totals[1]);
        details.put("chars_removed", totals[2]);
        JavaRDD<Outcome> cut = outcomes.zipPartitions(cuts,
                (documents, received) -> cutAll(documents, received, minDocumentChars));
        return new Result(cut, details, List.of(), () -> cuts.unpersist(false));
    }

    /** A partition's outcomes with the spans its documents received cut. */
    private static Iterator<Outcome> cutAll(Iterator<Outcome> documents, Iterator<Tuple2<Long, long[]>> received,
                                            long minDocumentChars) {
        Map<Long, long[]> byDocument = new HashMap<>();
        received.forEachRemaining(t -> byDocument.put(t._1(), t._2()));
        int partition = partitionOf(byDocument);
        return new Iterator<Outcome>() {
            private int index;

            @Override
            public boolean hasNext() {
                return documents.hasNext();
            }

            @Override
            public Outcome next() {
                Outcome o = documents.next();
                if (o.status() != Outcome.Status.KEPT) {
                    return o;
                }
                long doc = ((long) partition << 32) | index++;
                return cut(o, byDocument.get(doc), minDocumentChars);
            }
        };
    }

    /** The asked (document, hash) pairs of one partition, sorted by document, taken one document at a time. */
    private static final class Asked {
        private final Iterator<Tuple2<Long, Long>> sorted;
        private Tuple2<Long, Long> next;

        Asked(Iterator<Tuple2<Long, Long>> sorted) {
            this.sorted = sorted;
            this.next = sorted.next();
        }

        int partition() {
            return (int) (next._1() >>> 32);
        }

        /** The hashes asked of {@code doc}; documents must be asked for in ascending order. */
        Set<Long> of(long doc) {
            Set<Long> hashes = new HashSet<>();
            while (next != null && next._1() == doc) {
                hashes.add(next._2());
                next = sorted.hasNext() ? sorted.next() : null;
            }
            return hashes;
        }
    }

    /**
     * A document's surroundings of the asked anchors, each distinct one once with every place it starts: a text of one
     * character repeated has an anchor at every position, all with the same surroundings.
     */
    private static List<Context> surroundings(long doc, Outcome o, SpanAnchors anchors, Set<Long> wanted) {
        int[] text = codePoints(o);
        int reach = anchors.windowAnchors() - 1;
        SpanAnchors.Anchors found = anchors.of(text);
        OrderKey order = OrderKey.of(o.id(), o.provenance());
        Map<Long, List<Context>> byContent = new HashMap<>();
        List<Context> out = new ArrayList<>();
        for (int k = 0; k < found.positions().length; k++) {
            long hash = found.hashes()[k];
            if (!wanted.contains(hash)) {
                continue;
            }
            int at = found.positions()[k];
            int from = Math.max(0, at - reach);
            int to = Math.min(text.length, at + anchors.anchorChars() + reach);
            long content = hash;
            for (int i = from; i < to; i++) {
                content = content * 0x100000001b3L + text[i];
            }
            List<Context> same = byContent.computeIfAbsent(content, c -> new ArrayList<>(1));
            Context context = null;
            for (Context c : same) {
                if (c.hash == hash && Arrays.equals(c.chars, 0, c.chars.length, text, from, to)) {
                    context = c;
                }
            }
            if (context == null) {
                context = new Context(hash, order, doc, Arrays.copyOfRange(text, from, to));
                same.add(context);
                out.add(context);
            }
            context.addStart(from);
        }
        return out;
    }

    private static long[] merged(Iterable<Long> spans) {
        return SpanRemoval.merge(toArray(spans));
    }

    /** @param spans merged code-point spans to cut, or null: none */
    private static Outcome cut(Outcome outcome, long[] spans, long minDocumentChars) {
        Document doc = outcome.document();
        SpanRemoval.Removal removal = SpanRemoval.remove(doc.text(), spans == null ? new long[0] : spans);
        Document result = doc.withText(removal.text()).withSignals(Map.of(
                "substring_spans_removed", (double) removal.spans(),
                "substring_chars_removed", (double) removal.chars()));
        long left = removal.text().codePointCount(0, removal.text().length());
        return left < minDocumentChars
                ? Outcome.dropped(STAGE, STAGE, left + " characters left after cutting spans shared with earlier "
                        + "documents", result)
                : Outcome.kept(result);
    }

    /**
     * The spans found in one partition of contexts sorted by hash, then document order, then position, lazily: one
     * document's contexts of one hash at a time, and one hash's distinct earlier contexts, are held.
     */
    private static Iterator<Tuple2<Long, Long>> sharedSpans(Iterator<Tuple2<Context, Boolean>> sorted, int minChars) {
        return new Iterator<>() {
            private final ArrayDeque<Tuple2<Long, Long>> ready = new ArrayDeque<>();
            private final List<Context> document = new ArrayList<>();
            private SharedSpans shared;
            private long hash;
            private Context pending;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && (pending != null || sorted.hasNext())) {
                    Context first = pending != null ? pending : sorted.next()._1();
                    pending = null;
                    if (shared == null || first.hash != hash) {
                        shared = new SharedSpans(minChars);
                        hash = first.hash;
                    }
                    document.add(first);
                    while (sorted.hasNext()) {
                        Context c = sorted.next()._1();
                        if (c.hash == first.hash && c.doc == first.doc) {
                            document.add(c);
                        } else {
                            pending = c;
                            break;
                        }
                    }
                    finish(document, shared, ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public Tuple2<Long, Long> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** One document's contexts of one hash: what they share with the documents before, then remembered. */
    private static void finish(List<Context> document, SharedSpans shared, Collection<Tuple2<Long, Long>> out) {
        for (Context c : document) {
            int[] covered = shared.covered(c.chars);
            if (covered != null) {
                // the same surroundings at each of its starts (ascending): overlapping spans joined here
                long[] spans = new long[c.startCount];
                for (int i = 0; i < spans.length; i++) {
                    spans[i] = SpanRemoval.span(c.starts[i] + covered[0], c.starts[i] + covered[1]);
                }
                for (long span : SpanRemoval.merge(spans)) {
                    out.add(new Tuple2<>(c.doc, span));
                }
            }
        }
        for (Context c : document) {
            shared.remember(c.chars);
        }
        document.clear();
    }

    private static int[] codePoints(Outcome o) {
        return o.document().text().codePoints().toArray();
    }

    /** The partition a map of documents is about (any of its keys), or -1 when it is empty. */
    private static int partitionOf(Map<Long, ?> byDocument) {
        return byDocument.isEmpty() ? -1 : (int) (byDocument.keySet().iterator().next() >>> 32);
    }

    /**
     * {@code each} applied lazily to every kept outcome of a partition with its document number (partition, index
     * among the partition's kept outcomes), the results concatenated.
     */
    private static <T> Iterator<T> kept(int partition, Iterator<Outcome> outcomes, KeptFunction<T> each) {
        return new Iterator<T>() {
            private int index;
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && outcomes.hasNext()) {
                    Outcome o = outcomes.next();
                    if (o.status() == Outcome.Status.KEPT) {
                        current = each.apply(((long) partition << 32) | index++, o);
                    }
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    @FunctionalInterface
    private interface KeptFunction<T> {
        Iterator<T> apply(long doc, Outcome outcome);
    }

    private static long[] toArray(Iterable<Long> values) {
        long[] out = new long[16];
        int n = 0;
        for (long v : values) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }

    /** An anchor's surroundings in one document: their characters (code points) and each place they start. */
    public static final class Context implements Serializable, KryoSerializable {
        private static final long serialVersionUID = 1L;
        long hash;
        OrderKey order;
        long doc;
        int[] starts = new int[1];
        int startCount;
        int[] chars;

        public Context() {}

        Context(long hash, OrderKey order, long doc, int[] chars) {
            this.hash = hash;
            this.order = order;
            this.doc = doc;
            this.chars = chars;
        }

        void addStart(int start) {
            if (startCount == starts.length) {
                starts = Arrays.copyOf(starts, startCount * 2);
            }
            starts[startCount++] = start;
        }

        @Override
        public void write(Kryo kryo, Output out) {
            out.writeLong(hash);
            out.writeLong(order.hash());
            out.writeString(order.tiebreak());
            out.writeLong(doc);
            out.writeVarInt(startCount, true);
            out.writeInts(Arrays.copyOf(starts, startCount), true);
            out.writeVarInt(chars.length, true);
            out.writeInts(chars, true);
        }

        @Override
        public void read(Kryo kryo, Input in) {
            hash = in.readLong();
            order = new OrderKey(in.readLong(), in.readString());
            doc = in.readLong();
            startCount = in.readVarInt(true);
            starts = in.readInts(startCount, true);
            chars = in.readInts(in.readVarInt(true), true);
        }
    }

    /** By hash, then the corpus's order, then position: each hash's documents in order, one after another. */
    private static final class ContextOrder implements Comparator<Context>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Context a, Context b) {
            int c = Long.compare(a.hash, b.hash);
            if (c == 0) {
                c = a.order.compareTo(b.order);
            }
            if (c == 0) {
                c = Long.compare(a.doc, b.doc);
            }
            return c != 0 ? c : Integer.compare(a.starts[0], b.starts[0]);
        }
    }

    /** Anchors by hash (the key is a hash or a {@link Context}). */
    private static final class ByAnchor extends CountedPartitioner {
        private static final long serialVersionUID = 1L;

        ByAnchor(int partitions) {
            super(partitions);
        }

        @Override
        public int getPartition(Object key) {
            long hash = key instanceof Context c ? c.hash : (Long) key;
            return (int) Long.remainderUnsigned(hash, numPartitions());
        }
    }

    /** A document number's partition: the partition of the outcomes that holds the document. */
    private static final class ByDocument extends CountedPartitioner {
        private static final long serialVersionUID = 1L;

        ByDocument(int partitions) {
            super(partitions);
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((Long) key >>> 32);
        }
    }

    /** The substring-dedup stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends GlobalStageType {
        public Type() {
            super(STAGE, "substring_dedup");
        }

        @Override
        public GlobalStage create(ConfigNode settings, boolean listed) {
            return configured(settings, listed);
        }

        @Override
        public List<Class<?>> kryoRecords() {
            return List.of(Context.class);
        }
    }
}
