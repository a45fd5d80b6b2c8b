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
import org.corpusforge.jobs.report.LineSketch;
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
    /** Every line removed, for the run report's most frequent boilerplate lines. */
    private final LineSketch removedLines = new LineSketch();

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

    @Override
    public ReportData report(ReportData data) {
        return data.withBoilerplateLines(removedLines.base64());
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
        LineSketch removed = removedLines;
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
        JavaPairRDD<InPlaceJoin.Address, Iterable<Long>> hitsPerDocument = lineRefs.join(frequent, run.parallelism())
                .mapToPair(t -> new Tuple2<>(t._2()._1(), t._1()))
                .groupByKey(InPlaceJoin.byDocument(outcomes));
        JavaRDD<Outcome> cleaned = InPlaceJoin.join(outcomes, hitsPerDocument,
                (outcome, hits) -> clean(outcome, hits, minLineChars, minChars, shortLines, removed));
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

    /** @param hits the hashes of the document's boilerplate lines, or null: none */
    private static Outcome clean(Outcome outcome, Iterable<Long> hits, int minLineChars, long minChars,
                                 String shortLines, LineSketch removedLines) {
        Document doc = outcome.document();
        Set<Long> boilerplate = new HashSet<>();
        if (hits != null) {
            hits.forEach(boilerplate::add);
        }
        BoilerplateLines.Removal removal = new BoilerplateLines(minLineChars).remove(doc.text(), boilerplate,
                site(doc, shortLines));
        if (removedLines != null) {
            removal.removed().forEach(removedLines::add);
        }
        Document result = doc.withText(removal.text()).withSignals(Map.of(
                "boilerplate_lines_removed", (double) removal.lines(),
                "boilerplate_chars_removed", (double) removal.chars()));
        long chars = removal.text().codePointCount(0, removal.text().length());
        return chars < minChars ? Outcome.dropped(STAGE, STAGE, result) : Outcome.kept(result);
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
            if (data.boilerplateLines() != null) {
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
                    for (int i = 0; i < Math.min(20, rows.length); i++) {
                        String line = rows[i].getItem();
                        table.add(List.of(String.format(java.util.Locale.ROOT, "%,d", rows[i].getEstimate()),
                                line.codePointCount(0, line.length()) <= 200 ? line
                                        : line.substring(0, line.offsetByCodePoints(0, 199)) + "…"));
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
