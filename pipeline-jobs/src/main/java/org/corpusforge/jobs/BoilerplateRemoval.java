package org.corpusforge.jobs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.Optional;
import org.corpusforge.core.config.BoilerplateSpec;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.BoilerplateLines;
import scala.Tuple2;

/**
 * The corpus-wide boilerplate stage, after the per-document ones, as CCNet and Uzushio do it: every kept document
 * contributes the hashes of its distinct lines; lines found in more than a limit of documents are removed from all
 * of them; a document left too short is dropped with the reason {@code boilerplate}. Everything stays distributed:
 * line counts are reduced by key, and each document receives its own boilerplate hashes through a join, never a
 * set collected on the driver. Documents are joined by a 64-bit key; two documents sharing a key would only share
 * hashes that are boilerplate anyway.
 */
final class BoilerplateRemoval {
    static final String STAGE = "boilerplate";

    private BoilerplateRemoval() {}

    /** @param removedLines gathers every line removed, for the run report (null: not gathered) */
    static JavaRDD<Outcome> apply(JavaRDD<Outcome> outcomes, BoilerplateSpec spec, int parallelism,
                                  org.corpusforge.jobs.report.LineSketch removedLines) {
        int minLineChars = spec.minLineChars();
        long limit = spec.maxDocumentsPerLine();
        JavaPairRDD<Long, Outcome> kept = outcomes.filter(o -> o.status() == Outcome.Status.KEPT)
                .mapToPair(o -> new Tuple2<>(OrderKey.of(o.id(), o.provenance()).hash(), o));
        JavaPairRDD<Long, Long> lineRefs = kept.flatMapToPair(t -> {
            List<Tuple2<Long, Long>> refs = new ArrayList<>();
            for (long h : new BoilerplateLines(minLineChars).distinctHashes(t._2().document().text())) {
                refs.add(new Tuple2<>(h, t._1()));
            }
            return refs.iterator();
        });
        JavaPairRDD<Long, Long> frequent = lineRefs.mapValues(doc -> 1L).reduceByKey(Long::sum, parallelism)
                .filter(t -> t._2() > limit);
        JavaPairRDD<Long, Iterable<Long>> hitsPerDocument = lineRefs.join(frequent, parallelism)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), t._1()))
                .groupByKey(parallelism);
        JavaRDD<Outcome> cleaned = kept.leftOuterJoin(hitsPerDocument, parallelism)
                .map(t -> clean(t._2()._1(), t._2()._2(), minLineChars, spec.minChars(), removedLines));
        return outcomes.filter(o -> o.status() != Outcome.Status.KEPT).union(cleaned);
    }

    private static Outcome clean(Outcome outcome, Optional<Iterable<Long>> hits, int minLineChars, long minChars,
                                 org.corpusforge.jobs.report.LineSketch removedLines) {
        Document doc = outcome.document();
        Set<Long> boilerplate = new HashSet<>();
        if (hits.isPresent()) {
            hits.get().forEach(boilerplate::add);
        }
        BoilerplateLines.Removal removal = new BoilerplateLines(minLineChars).remove(doc.text(), boilerplate);
        if (removedLines != null) {
            removal.removed().forEach(removedLines::add);
        }
        Document result = doc.withText(removal.text()).withSignals(Map.of(
                "boilerplate_lines_removed", (double) removal.lines(),
                "boilerplate_chars_removed", (double) removal.chars()));
        long chars = removal.text().codePointCount(0, removal.text().length());
        return chars < minChars ? Outcome.dropped(STAGE, STAGE, result) : Outcome.kept(result);
    }
}
