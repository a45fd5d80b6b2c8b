package org.corpusforge.jobs.global;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.BoilerplateLines;
import org.corpusforge.filters.UrlFilterStage;
import org.corpusforge.jobs.base.Persisted;
import org.corpusforge.jobs.report.LineCounts;
import org.corpusforge.jobs.report.ReportData;
import scala.Tuple2;

/**
 * The corpus-wide boilerplate stage, after the per-document ones, as CCNet and Uzushio do it: every kept document
 * contributes the hashes of its distinct lines; lines found in more than a limit of documents are removed from all
 * of them; a document left too short is dropped with the reason {@code boilerplate}. Everything stays distributed:
 * line counts are reduced by key, and each document receives its own boilerplate hashes through a join, never a
 * set collected on the driver, and the hashes go to the documents where they are ({@link InPlaceJoin}), not the
 * documents to the hashes.
 */
public final class BoilerplateRemoval implements GlobalStage {
    public static final String STAGE = "boilerplate";

    private final BoilerplateSpec spec;
    /** The run report's candidate lines, each with the documents it was removed from. */
    private final LineCounts removedLines = new LineCounts();
    /** How many of the most frequent boilerplate counts give the report its candidate lines. */
    static final int REPORT_CANDIDATES = 64;
    /** How many lines the report shows. */
    static final int REPORT_LINES = 20;

    private BoilerplateRemoval(BoilerplateSpec spec) {
        this.spec = spec;
    }

    /** The stage its settings describe; none when its section leaves it off. */
    static BoilerplateRemoval configured(ConfigNode settings, boolean listed) {
        BoilerplateSpec spec = BoilerplateSpec.parse(settings, listed);
        return spec.enabled() ? new BoilerplateRemoval(spec) : null;
    }

    @Override
    public String name() {
        return STAGE;
    }

    @Override
    public void register(JavaSparkContext jsc) {
        // unnamed: a named accumulator's value is rendered for Spark's UI at every task's end
        jsc.sc().register(removedLines);
    }

    /** The lines removed from the most documents (ties: by the line), each with those documents. */
    @Override
    public ReportData report(ReportData data) {
        return data.withBoilerplateLines(removedLines.counts().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(REPORT_LINES).map(e -> new ReportData.LineCount(e.getKey(), e.getValue())).toList());
    }

    @Override
    public List<Kernel> kernels() {
        BoilerplateLines lines = new BoilerplateLines(spec.minLineChars());
        return List.of(new Kernel("boilerplate (line hashes, removal)", d -> {
            long[] hashes = lines.distinctHashes(d.text(), site(d, spec.shortLines()));
            return hashes.length + lines.remove(d.text(), java.util.Set.of(), site(d, spec.shortLines())).chars();
        }));
    }

    @Override
    public Result apply(JavaRDD<Outcome> outcomes, Run run) {
        int minLineChars = spec.minLineChars();
        long limit = spec.maxDocumentsPerLine();
        long shortLimit = spec.maxDocumentsPerShortLine();
        long minChars = spec.minChars();
        LineCounts removed = removedLines;
        String shortLines = spec.shortLines();
        JavaPairRDD<Long, InPlaceJoin.Address> lineRefs = InPlaceJoin.kept(outcomes).flatMapToPair(t -> {
            List<Tuple2<Long, InPlaceJoin.Address>> refs = new ArrayList<>();
            Document d = t._2().document();
            for (long h : new BoilerplateLines(minLineChars).distinctHashes(d.text(), site(d, shortLines))) {
                refs.add(new Tuple2<>(h, t._1()));
            }
            return refs.iterator();
        }).persist(Persisted.LEVEL); // counted, then joined: each line hashed once
        JavaPairRDD<Long, Long> frequent = lineRefs.mapValues(doc -> 1L).reduceByKey(Long::sum, run.parallelism())
                .filter(t -> t._2() > (BoilerplateLines.kindOf(t._1()) == BoilerplateLines.SITE ? shortLimit : limit));
        // the report's candidates, chosen exactly before any line is removed: the counts held by the most documents
        // (a line's own, or its site's for a short one); the cleaning counts each candidate's removals
        java.util.Set<Long> candidates = new java.util.HashSet<>();
        frequent.takeOrdered(REPORT_CANDIDATES, new MostDocuments()).forEach(t -> candidates.add(t._1()));
        JavaPairRDD<InPlaceJoin.Address, Iterable<Long>> hitsPerDocument = lineRefs.join(frequent, run.parallelism())
                .mapToPair(t -> new Tuple2<>(t._2()._1(), t._1()))
                .groupByKey(InPlaceJoin.byDocument(outcomes));
        JavaRDD<Outcome> cleaned = InPlaceJoin.join(outcomes, hitsPerDocument,
                (outcome, hits) -> clean(outcome, hits, minLineChars, minChars, shortLines, candidates, removed));
        return new Result(cleaned, null, List.of(), () -> lineRefs.unpersist(false));
    }

    /** The site a document's short lines are counted in (its URL's host), or null: none. */
    static String site(Document doc, String shortLines) {
        if ("none".equals(shortLines)) {
            return null;
        }
        String host = UrlFilterStage.hostOf(doc.metadata().url());
        return host != null ? host : "corpus".equals(shortLines) ? "" : null;
    }

    /** Counts held by more documents first; ties by the hash. */
    private static final class MostDocuments implements java.util.Comparator<Tuple2<Long, Long>>,
            java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
            int c = Long.compare(b._2(), a._2());
            return c != 0 ? c : Long.compare(a._1(), b._1());
        }
    }

    /**
     * @param hits the hashes of the document's boilerplate lines, or null: none
     * @param candidates the counts whose lines the report counts, when removed, in {@code removedLines}
     */
    private static Outcome clean(Outcome outcome, Iterable<Long> hits, int minLineChars, long minChars,
                                 String shortLines, java.util.Set<Long> candidates, LineCounts removedLines) {
        Document doc = outcome.document();
        Set<Long> boilerplate = new HashSet<>();
        if (hits != null) {
            hits.forEach(boilerplate::add);
        }
        BoilerplateLines lines = new BoilerplateLines(minLineChars);
        String site = site(doc, shortLines);
        BoilerplateLines.Removal removal = lines.remove(doc.text(), boilerplate, site);
        for (String line : removal.removed()) {
            if (lines.countedIn(line, site, candidates)) {
                removedLines.add(line);
            }
        }
        Document result = doc.withText(removal.text()).withSignals(Map.of(
                "boilerplate_lines_removed", (double) removal.lines(),
                "boilerplate_chars_removed", (double) removal.chars()));
        long chars = removal.text().codePointCount(0, removal.text().length());
        return chars < minChars ? Outcome.dropped(STAGE, STAGE, result) : Outcome.kept(result);
    }

    /** A line as the report shows it: at most 200 characters. */
    private static String cut(String line) {
        return line.codePointCount(0, line.length()) <= 200 ? line
                : line.substring(0, line.offsetByCodePoints(0, 199)) + "…";
    }

    /** The boilerplate stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends GlobalStageType {
        public Type() {
            super(STAGE, "boilerplate");
        }

        @Override
        public GlobalStage create(ConfigNode settings, boolean listed) {
            return configured(settings, listed);
        }

        /** The lines removed from the most documents (a frequent-items sketch's estimates), then any figures. */
        @Override
        public void report(org.corpusforge.core.report.ReportPage page, org.corpusforge.core.report.StageRun stage,
                           ReportData data) {
            if (data.boilerplateTopLines() != null) {
                if (data.boilerplateTopLines().isEmpty()) {
                    page.note("No line was removed.");
                } else {
                    page.note("Lines removed from the most documents (exact counts, among the lines of the "
                            + REPORT_CANDIDATES + " boilerplate counts held by the most documents).");
                    page.table(List.of("documents", "line"), data.boilerplateTopLines().stream()
                            .map(r -> List.of(String.format(java.util.Locale.ROOT, "%,d", r.documents()), cut(r.line())))
                            .toList());
                }
            } else if (data.boilerplateLines() != null) {
                // a report made before issue 44: a frequent-items sketch's estimates
                org.apache.datasketches.frequencies.ItemsSketch<String> lines =
                        org.corpusforge.jobs.report.LineSketch.ofBase64(data.boilerplateLines());
                org.apache.datasketches.frequencies.ItemsSketch.Row<String>[] rows =
                        lines.getFrequentItems(org.apache.datasketches.frequencies.ErrorType.NO_FALSE_NEGATIVES);
                java.util.Arrays.sort(rows, java.util.Comparator.comparingLong(
                        (org.apache.datasketches.frequencies.ItemsSketch.Row<String> r) -> -r.getEstimate())
                        .thenComparing(org.apache.datasketches.frequencies.ItemsSketch.Row::getItem));
                if (rows.length == 0) {
                    page.note("No line was removed.");
                } else {
                    page.note("Lines removed from the most documents (estimates; frequent-items sketch of "
                            + String.format(java.util.Locale.ROOT, "%,d", lines.getStreamLength()) + " removals).");
                    List<List<String>> table = new java.util.ArrayList<>();
                    for (int i = 0; i < Math.min(REPORT_LINES, rows.length); i++) {
                        table.add(List.of(String.format(java.util.Locale.ROOT, "%,d", rows[i].getEstimate()),
                                cut(rows[i].getItem())));
                    }
                    page.table(List.of("documents", "line"), table);
                }
            }
            if (stage.details() != null) {
                page.figures(stage.details());
            }
        }
    }
}
