package org.corpusforge.filters;

import org.corpusforge.core.config.ConfigNode;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/**
 * Measures every quality signal ({@link QualitySignals}), keeps them all on the document, kept or dropped, so
 * that users can filter again later without re-running, and drops the document for the first enabled rule it
 * breaks, with the rule's key as the reason.
 */
public final class QualityStage implements DocumentStage {
    private final QualitySignals signals;
    private final List<QualityRule> rules;

    /** Signals that no enabled rule reads are not measured (n-grams and compression cost the most). */
    public QualityStage(List<QualityRule> rules, int compressionLevel) {
        this.rules = List.copyOf(rules);
        this.signals = new QualitySignals(compressionLevel,
                rules.stream().anyMatch(r -> r.signal().contains("gram_fraction")),
                rules.stream().anyMatch(r -> r.signal().equals("compression_ratio")));
    }

    public QualityStage(List<QualityRule> rules) {
        this(rules, 6);
    }

    @Override
    public Verdict apply(Document doc) {
        Map<String, Double> measured = signals.measure(doc.text());
        Document withSignals = doc.withSignals(measured);
        for (QualityRule rule : rules) {
            // most signals are measured here; a few come with the document from its reader
            Double value = measured.containsKey(rule.signal()) ? measured.get(rule.signal())
                    : doc.signals().get(rule.signal());
            if (value != null && rule.violatedBy(value)) {
                return Verdict.drop(withSignals, rule.key(), rule.signal(), value, rule.minimum() ? "<" : ">",
                        rule.threshold());
            }
        }
        return Verdict.keep(withSignals);
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code quality}); each read and checked. */
    public static QualityStage fromSettings(ConfigNode settings) {
        ConfigNode r = settings.child("rules");
        List<QualityRule> rules = new java.util.ArrayList<>();
        for (QualityRule rule : QualityRule.defaults().values()) {
            Double threshold = r.thresholdOrOff(rule.key(), rule.threshold(), rule.lowestThreshold(),
                    rule.highestThreshold());
            if (threshold != null) {
                rules.add(rule.withThreshold(threshold));
            }
        }
        return new QualityStage(rules, settings.intValue("compression_level", 6, 1, 9));
    }

    /** The {@code quality} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("quality", QualityStage::fromSettings);
        }

        /** Each numeric rule's threshold, on the signal the rule measures. */
        @Override
        public java.util.Map<String, java.util.List<Double>> thresholds(com.fasterxml.jackson.databind.JsonNode settings) {
            java.util.Map<String, java.util.List<Double>> result = new java.util.TreeMap<>();
            java.util.Map<String, QualityRule> known = QualityRule.defaults();
            settings.path("rules").fields().forEachRemaining(rule -> {
                QualityRule r = known.get(rule.getKey());
                if (r != null && rule.getValue().isNumber()) {
                    result.computeIfAbsent(r.signal(), k -> new java.util.ArrayList<>()).add(rule.getValue().asDouble());
                }
            });
            return result;
        }
    }
}
