package org.corpusforge.filters.toxicity;

import org.corpusforge.core.config.ConfigNode;
import java.util.HashMap;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/**
 * Scores toxicity from the NG-word lexicon and, when configured, the classifier: the lexicon part is the covered
 * share of Japanese characters scaled so that {@code lexicon_coverage} (Swallow drops at 0.05) lands exactly on the
 * threshold, capped at 1; the score is the larger of that and the classifier's probability. The lexicon alone
 * therefore drops exactly where Swallow does. Signals {@code toxicity_score}, {@code ng_coverage},
 * {@code ng_<category>} and {@code toxicity_probability}; a document at or over {@code threshold} is dropped with
 * the reason {@code toxicity}.
 */
public final class ToxicityStage implements DocumentStage {
    private final NgWordLexicon lexicon;
    private final ToxicityClassifier classifier;
    private final double lexiconCoverage;
    private final double threshold;

    public ToxicityStage(NgWordLexicon lexicon, ToxicityClassifier classifier, double lexiconCoverage, double threshold) {
        this.lexicon = lexicon;
        this.classifier = classifier;
        this.lexiconCoverage = lexiconCoverage;
        this.threshold = threshold;
    }

    /** The combined score of a text, with its parts. */
    public Map<String, Double> score(String text) {
        Map<String, Double> s = new HashMap<>();
        NgWordLexicon.Hits hits = lexicon.match(text);
        hits.perCategory().forEach((category, n) -> s.put("ng_" + category, (double) n));
        s.put("ng_coverage", hits.coverage());
        double score = Math.min(1.0, threshold * hits.coverage() / lexiconCoverage);
        if (classifier != null) {
            double p = classifier.probability(text);
            s.put("toxicity_probability", p);
            score = Math.max(score, p);
        }
        s.put("toxicity_score", score);
        return s;
    }

    @Override
    public Verdict apply(Document doc) {
        Map<String, Double> s = score(doc.text());
        Document measured = doc.withSignals(s);
        return s.get("toxicity_score") >= threshold
                ? Verdict.drop(measured, "toxicity", "toxicity_score", s.get("toxicity_score"), ">=", threshold)
                : Verdict.keep(measured);
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code toxicity}); each read and checked. */
    /** The file the stage reads: a model file, when {@code model} names one (not none or builtin). */
    public static java.util.List<org.corpusforge.filters.kind.SideFile> files(ConfigNode settings) {
        String model = settings.string("model", "none");
        return java.util.List.of("none", "builtin").contains(model) ? java.util.List.of()
                : java.util.List.of(new org.corpusforge.filters.kind.SideFile("model", model, true));
    }

    public static ToxicityStage fromSettings(ConfigNode settings) {
        // the shipped model is too weak to be on by default (EVALUATION.md): ask for it with model: builtin
        String model = settings.string("model", "none");
        ToxicityClassifier classifier = null;
        if (!"none".equals(model)) {
            // a model file comes as the driver read it (any file system), not from each executor's disk
            try (java.io.Reader r = new java.io.InputStreamReader("builtin".equals(model)
                    ? ToxicityStage.class.getResourceAsStream("/models/toxicity-ja.model")
                    : new java.io.ByteArrayInputStream(
                            org.corpusforge.filters.classify.ClassifierModels.bytes(model).content()),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                classifier = ToxicityClassifier.load(r);
            } catch (java.io.IOException | RuntimeException e) {
                throw new org.corpusforge.core.config.ConfigException(settings.path() + ".model: cannot load \""
                        + model + "\": " + e.getMessage());
            }
        }
        return new ToxicityStage(NgWordLexicon.builtIn(), classifier,
                settings.doubleValue("lexicon_coverage", 0.05, 1e-9, 1.0),
                settings.doubleValue("threshold", 0.5, 0.0, 1.0));
    }

    /** The {@code toxicity} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("toxicity", ToxicityStage::fromSettings);
            threshold("threshold", "toxicity_score");
            readsFiles(ToxicityStage::files);
        }
    }
}
