package org.corpusforge.jobs.global;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.jobs.io.HadoopFiles;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.decontam.BenchmarkFile;
import org.corpusforge.filters.decontam.ContaminationIndex;
import org.corpusforge.filters.decontam.MatchKey;
import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.base.Persisted;
import org.corpusforge.jobs.shards.ShardedOutput;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.jobs.io.JsonLinesWriter;
import scala.Tuple2;

/**
 * Benchmark decontamination, the last global stage: every kept document is searched for the n-grams of the
 * configured benchmarks' items (an index built once on the driver and broadcast, so the work grows with the corpus,
 * not with the number of items); a document that holds an item is dropped with the reason {@code contamination}, or
 * has the matched spans cut out. Every match is written to {@code decontamination/part-NNNNN.jsonl}, ordered by
 * benchmark item: the item, the document with its provenance, the share of the item's n-grams found, and the spans
 * (offsets into the document's text as this stage saw it) with the text of the longest.
 */
public final class Decontamination implements GlobalStage {
    public static final String STAGE = "decontaminate";
    static final String REASON = "contamination";
    public static final String DIRECTORY = "decontamination";
    private static final int SPAN_TEXT_CHARS = 1000;
    private static final long REPORT_TARGET_BYTES = 64L << 20;

    private final DecontaminationSpec spec;
    /** Where the settings are ({@code decontamination} or {@code global_stages[1]}), for messages. */
    private final String path;
    /** The benchmarks' items, read in {@link #prepare}. */
    private ContaminationIndex index;

    private Decontamination(DecontaminationSpec spec, String path) {
        this.spec = spec;
        this.path = path;
    }

    /** The stage its settings describe; none when they name no benchmark. */
    static Decontamination configured(ConfigNode settings, boolean listed) {
        DecontaminationSpec spec = DecontaminationSpec.parse(settings);
        if (!spec.enabled() && listed) {
            throw new ConfigException(settings.path() + ".benchmarks: decontaminate needs at least one benchmark file",
                    settings.path() + ".benchmarks");
        }
        return spec.enabled() ? new Decontamination(spec, settings.path()) : null;
    }

    @Override
    public String name() {
        return STAGE;
    }

    @Override
    public void prepare(Preparation preparation) {
        index = load(spec, path, preparation.sideTextRedaction(), preparation.hadoopConf());
    }

    @Override
    public List<Kernel> kernels() {
        ContaminationIndex benchmarks = index;
        double minShare = spec.minShare();
        return List.of(new Kernel("decontaminate (match keys, n-gram lookups)",
                d -> benchmarks.find(MatchKey.of(d.text()), minShare).size()));
    }

    @Override
    public Result apply(JavaRDD<Outcome> outcomes, Run run) {
        if (index == null) {
            throw new IllegalStateException("decontaminate: prepare() reads the benchmarks before the stage runs");
        }
        return apply(outcomes, spec, index, run);
    }

    /**
     * Reads every configured benchmark file (on the driver, from any file system Hadoop reaches) and indexes its
     * items, each field passed through {@code normalizer} first (what the corpus's stages do to text).
     * @throws UserError naming the file and what is wrong with it
     */
    public static ContaminationIndex load(DecontaminationSpec spec, String path, UnaryOperator<String> normalizer,
                                          Configuration conf) {
        ContaminationIndex.Builder builder = new ContaminationIndex.Builder(spec.ngramChars(), spec.minItemChars(),
                normalizer);
        for (DecontaminationSpec.Benchmark benchmark : spec.benchmarks()) {
            String where = path + ".benchmarks: " + benchmark.path();
            byte[] content;
            try {
                content = HadoopFiles.readRegularFile(benchmark.path(), conf, HadoopFiles.MAX_BENCHMARK_BYTES);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError(where + ": cannot be read (" + e.getMessage() + ")");
            }
            List<BenchmarkFile.Item> items;
            try {
                items = BenchmarkFile.read(content, benchmark.format(), benchmark.fields(), benchmark.idField());
            } catch (IllegalArgumentException e) {
                throw new UserError(where + ": " + e.getMessage());
            }
            if (items.isEmpty()) {
                throw new UserError(where + ": holds no item");
            }
            items.forEach(item -> builder.add(benchmark.name(), item.id(), item.fields()));
        }
        return builder.build();
    }

    /** One item found in one document, as the report lists it. */
    public static final class Match implements Serializable {
        private static final long serialVersionUID = 1L;
        final int item;
        final String benchmark;
        final String itemId;
        final double share;
        final int[] spans;
        final String spanText;
        final String documentId;
        final String source;
        final String sourceUri;
        final String locator;
        final String sourceSha256;

        private Match(int item, String benchmark, String itemId, double share, int[] spans, String spanText,
                      Document doc) {
            this.item = item;
            this.benchmark = benchmark;
            this.itemId = itemId;
            this.share = share;
            this.spans = spans;
            this.spanText = spanText;
            this.documentId = doc.id();
            this.source = doc.source().label();
            this.sourceUri = doc.provenance().sourceUri();
            this.locator = doc.provenance().locator();
            this.sourceSha256 = doc.provenance().sourceSha256();
        }

        static Match of(ContaminationIndex index, ContaminationIndex.Found found, Document doc) {
            ContaminationIndex.Span longest = found.spans().stream()
                    .max(java.util.Comparator.comparingInt(s -> s.end() - s.start())).orElseThrow();
            return new Match(found.item(), index.benchmark(found.item()), index.itemId(found.item()), found.share(),
                    found.spans().stream().flatMapToInt(s -> java.util.stream.IntStream.of(s.start(), s.end()))
                            .toArray(),
                    excerpt(doc.text().substring(longest.start(), longest.end())), doc);
        }

        /** A document the search failed on: quarantined, with the error, and not in the report. */
        static Match failure(RuntimeException e, Document doc) {
            return new Match(-1, null, null, 0, new int[0], String.valueOf(e), doc);
        }

        boolean failed() {
            return item < 0;
        }

        ObjectNode toJson() {
            ObjectNode node = JsonLinesWriter.object();
            node.put("benchmark", benchmark);
            node.put("item", itemId);
            node.put("id", documentId);
            node.put("source", source);
            node.put("source_uri", sourceUri);
            node.put("source_locator", locator);
            node.put("source_sha256", sourceSha256);
            node.put("share", Math.round(share * 1e6) / 1e6);
            ArrayNode list = node.putArray("spans");
            for (int i = 0; i < spans.length; i += 2) {
                list.addArray().add(spans[i]).add(spans[i + 1]);
            }
            node.put("text", spanText);
            return node;
        }
    }

    private static Result apply(JavaRDD<Outcome> outcomes, DecontaminationSpec spec, ContaminationIndex index,
                                Run run) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(outcomes.context());
        Broadcast<ContaminationIndex> shared = jsc.broadcast(index);
        double minShare = spec.minShare();
        JavaPairRDD<InPlaceJoin.Address, ArrayList<Match>> found = InPlaceJoin.kept(outcomes).flatMapToPair(t -> {
            Document doc = t._2().document();
            ContaminationIndex benchmarks = shared.value();
            ArrayList<Match> matches = new ArrayList<>();
            try {
                for (ContaminationIndex.Found f : benchmarks.find(MatchKey.of(doc.text()), minShare)) {
                    matches.add(Match.of(benchmarks, f, doc));
                }
            } catch (RuntimeException e) {
                matches.clear();
                matches.add(Match.failure(e, doc));
            }
            return matches.isEmpty() ? java.util.Collections.emptyIterator()
                    : List.of(new Tuple2<>(t._1(), matches)).iterator();
        }).persist(Persisted.LEVEL);
        Map<String, Object> details = details(spec, index, found, run.parallelism());
        List<org.corpusforge.core.manifest.Manifest.FileEntry> files;
        try {
            files = ShardedOutput.write(
                    found.flatMapToPair(t -> t._2().stream().filter(m -> !m.failed()).map(m -> new Tuple2<>(
                            new OrderKey(m.item, t._1().key.toString()), m)).iterator()),
                    m -> 256L + 3L * m.spanText.length(), REPORT_TARGET_BYTES, 1, run.parallelism(), run.output().uri(),
                    run.runId() + "-" + DIRECTORY,
                    (uri, part, conf) -> new JsonLinesWriter<Match>(uri, DIRECTORY, part, conf, Match::toJson)).files();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String action = spec.action();
        long minChars = spec.minChars();
        Runnable release = () -> {
            found.unpersist(false);
            shared.destroy();
        };
        if (((Number) details.get("documents")).longValue() == 0 && found.isEmpty()) {
            return new Result(outcomes, details, files, release); // nothing to drop or cut
        }
        JavaRDD<Outcome> decided = InPlaceJoin.join(outcomes, found,
                (outcome, matches) -> matches == null ? outcome : act(outcome, matches, action, minChars));
        return new Result(decided, details, files, release);
    }

    /** Drops a document that holds items, or cuts their spans out of it (dropped when too little is left). */
    private static Outcome act(Outcome outcome, List<Match> matches, String action, long minChars) {
        Document doc = outcome.document();
        Match first = matches.get(0);
        if (first.failed()) {
            return Outcome.quarantined(STAGE, "stage-error", first.spanText, doc);
        }
        String detail = "holds " + first.benchmark + " item " + first.itemId + " at characters " + first.spans[0]
                + "-" + first.spans[1] + (matches.size() > 1 ? " and " + (matches.size() - 1) + " more items" : "");
        if (action.equals(DecontaminationSpec.DROP)) {
            return Outcome.dropped(STAGE, REASON, detail, doc);
        }
        String text = doc.text();
        boolean[] cut = new boolean[text.length()];
        for (Match m : matches) {
            for (int i = 0; i < m.spans.length; i += 2) {
                java.util.Arrays.fill(cut, m.spans[i], m.spans[i + 1], true);
            }
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!cut[i]) {
                kept.append(text.charAt(i));
            }
        }
        String left = kept.toString();
        Document result = doc.withText(left).withSignals(Map.of(
                "contamination_items", (double) matches.size(),
                "contamination_chars_removed", (double) (text.codePointCount(0, text.length())
                        - left.codePointCount(0, left.length()))));
        return left.codePointCount(0, left.length()) < minChars ? Outcome.dropped(STAGE, REASON, detail, result)
                : Outcome.kept(result);
    }

    /** Per benchmark: its items, those too short to match, those found, and the documents that held any. */
    private static Map<String, Object> details(DecontaminationSpec spec, ContaminationIndex index,
                                               JavaPairRDD<InPlaceJoin.Address, ArrayList<Match>> found,
                                               int parallelism) {
        Map<String, Long> itemsFound = new TreeMap<>();
        // at most one number per item comes back; the index stays on the driver
        for (int item : found.flatMap(t -> t._2().stream().filter(m -> !m.failed()).map(m -> m.item).iterator())
                .distinct(parallelism)
                .collect()) {
            itemsFound.merge(index.benchmark(item), 1L, Long::sum);
        }
        Map<String, Long> documents = found.flatMap(t -> t._2().stream().filter(m -> !m.failed())
                .map(m -> m.benchmark).distinct().iterator()).countByValue();
        Map<String, Object> benchmarks = new LinkedHashMap<>();
        index.counts().forEach((name, counts) -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("items", (long) counts[0]);
            b.put("items_too_short", (long) counts[1]);
            b.put("items_found", itemsFound.getOrDefault(name, 0L));
            b.put("documents", documents.getOrDefault(name, 0L));
            benchmarks.put(name, b);
        });
        Map<String, Object> details = new TreeMap<>();
        details.put("action", spec.action());
        details.put("ngram_chars", (long) spec.ngramChars());
        details.put("min_item_chars", (long) spec.minItemChars());
        details.put("min_share", spec.minShare());
        details.put("documents", found.filter(t -> !t._2().get(0).failed()).count());
        details.put("benchmarks", benchmarks);
        return details;
    }

    private static String excerpt(String text) {
        if (text.length() <= SPAN_TEXT_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(SPAN_TEXT_CHARS - 1)) ? SPAN_TEXT_CHARS - 1 : SPAN_TEXT_CHARS;
        return text.substring(0, end);
    }

    /** The decontaminate stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends GlobalStageType {
        public Type() {
            super(STAGE, "decontamination");
        }

        @Override
        public GlobalStage create(ConfigNode settings, boolean listed) {
            return configured(settings, listed);
        }

        @Override
        public List<String> directories() {
            return List.of(DIRECTORY);
        }

        @Override
        public List<Class<?>> records() {
            return List.of(Match.class, org.corpusforge.filters.decontam.ContaminationIndex.class);
        }

        /** Which evaluation sets the corpus was checked against, and what was found of them. */
        @Override
        public void card(org.corpusforge.core.report.CardPage card, org.corpusforge.core.report.StageRun stage) {
            Map<String, Object> details = stage.details();
            card.paragraph("Documents were searched for the items of these evaluation sets (an item is found when a "
                    + "document shares " + details.get("ngram_chars") + " characters in a row with it, after width, "
                    + "case and spacing are folded); documents that held one were "
                    + ("cut".equals(details.get("action")) ? "kept with the matched spans cut out" : "dropped")
                    + ". Every match, with the document's provenance, is listed in `" + DIRECTORY + "/`.");
            List<List<String>> rows = new java.util.ArrayList<>();
            if (details.get("benchmarks") instanceof Map<?, ?> benchmarks) {
                benchmarks.forEach((name, counts) -> {
                    if (counts instanceof Map<?, ?> c) {
                        List<String> row = new java.util.ArrayList<>(List.of(String.valueOf(name)));
                        for (String key : List.of("items", "items_too_short", "items_found", "documents")) {
                            row.add(c.get(key) instanceof Number v
                                    ? String.format(java.util.Locale.ROOT, "%,d", v.longValue()) : "");
                        }
                        rows.add(row);
                    }
                });
            }
            card.table(List.of("benchmark", "items", "too short to match", "items found", "documents"), rows);
        }
    }
}
