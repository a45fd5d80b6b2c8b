package org.corpusforge.jobs;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.report.DroppedExamples;
import org.corpusforge.jobs.report.LineSketch;
import org.corpusforge.jobs.report.OutcomeSketches;
import org.corpusforge.jobs.report.ReportData;

/** Gathers what the run report is drawn from: the tasks' merged sketches, the corpus profile, dropped examples. */
final class RunReports {
    private RunReports() {}

    static ReportData data(OutcomeSketches measured, LineSketch removedLines, boolean boilerplate, CorpusProfile profile,
                           JavaRDD<Outcome> outcomes, long seed, int parallelism) {
        Map<String, ReportData.SignalSketch> signals = new TreeMap<>();
        measured.signals().forEach((name, pair) ->
                signals.put(name, new ReportData.SignalSketch(pair[0].base64(), pair[1].base64())));
        Map<String, Long> droppedChars = new TreeMap<>(measured.chars());
        Long keptChars = droppedChars.remove("");
        Map<String, ReportData.LengthSketch> lengths = new TreeMap<>();
        profile.lengths().forEach((source, kll) -> lengths.put(source, new ReportData.LengthSketch(kll[0].base64(),
                kll[1].count() == 0 ? null : kll[1].base64())));
        return new ReportData(ReportData.VERSION, signals, droppedChars, keptChars == null ? 0 : keptChars, lengths,
                new TreeMap<>(profile.clusterSizes()), boilerplate ? removedLines.base64() : null,
                DroppedExamples.of(outcomes, seed, parallelism));
    }
}
