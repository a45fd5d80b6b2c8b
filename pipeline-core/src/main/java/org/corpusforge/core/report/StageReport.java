package org.corpusforge.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What one kind of stage shows of a stage of a run in the run report and the dataset card, drawn from the manifest
 * alone (its settings and details): the readers of a corpus ask the kind, and never name a stage. By default a stage
 * shows its details as a table of figures.
 */
public interface StageReport {
    /** A kind that says nothing of its own: its details, if any, as figures. */
    StageReport PLAIN = new StageReport() {};

    /** The thresholds these settings put on signals, marked on the signals' charts: signal to values. */
    default Map<String, List<Double>> thresholds(JsonNode settings) {
        return Map.of();
    }

    /** The stage's part of the run report, under a heading naming it (a stage that adds nothing has no section). */
    default void report(ReportPage page, StageRun stage) {
        if (stage.details() != null) {
            page.figures(stage.details());
        }
    }

    /** The stage's part of the dataset card, under a heading naming it; called only for a stage with details. */
    default void card(CardPage card, StageRun stage) {
        card.figures(stage.details());
    }
}
