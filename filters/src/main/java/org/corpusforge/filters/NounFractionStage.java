package org.corpusforge.filters;

import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/**
 * Drops documents whose noun share ({@link NounFraction}) is above a maximum, with the reason
 * {@code max_noun_fraction}; the share is kept as the signal {@code noun_fraction}, and the number of words it was
 * measured on as {@code noun_fraction_words}. Morphology is the most expensive step of the chain (perf-limits.md), so
 * this is its own stage, to be placed after the cheap filters, and it measures only as many sentences as the decision
 * needs at {@code z} standard errors ({@link NounFraction#estimate}); z 0 measures every sentence.
 */
public final class NounFractionStage implements DocumentStage {
    /** The default: a decision differs from the whole text's about 6 times in 100,000 (normal approximation). */
    public static final double DEFAULT_Z = 4.0;
    private final NounFraction nouns = new NounFraction();
    private final double max;
    private final double z;

    public NounFractionStage(double max) {
        this(max, DEFAULT_Z);
    }

    public NounFractionStage(double max, double z) {
        this.max = max;
        this.z = z;
    }

    @Override
    public Verdict apply(Document doc) {
        NounFraction.Estimate estimate = nouns.estimate(doc.text(), max, z);
        Document measured = doc.withSignal("noun_fraction", estimate.fraction())
                .withSignal("noun_fraction_words", estimate.words());
        return estimate.fraction() > max
                ? Verdict.drop(measured, "max_noun_fraction", "noun_fraction", estimate.fraction(), ">", max)
                : Verdict.keep(measured);
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code noun-fraction}); each read and checked. */
    public static NounFractionStage fromSettings(ConfigNode settings) {
        return new NounFractionStage(settings.doubleValue("max_noun_fraction", 0.80, 0.0, 1.0),
                settings.doubleValue("z", DEFAULT_Z, 0.0, 100.0));
    }

    /** The {@code noun-fraction} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("noun-fraction", NounFractionStage::fromSettings);
            threshold("max_noun_fraction", "noun_fraction");
        }
    }
}
