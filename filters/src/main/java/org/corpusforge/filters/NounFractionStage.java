package org.corpusforge.filters;

import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/**
 * Drops documents whose noun share ({@link NounFraction}) is above a maximum, with the reason
 * {@code max_noun_fraction}; the share is kept as the signal {@code noun_fraction}. Morphology is the most
 * expensive step of the chain (perf-limits.md), so this is its own stage, to be placed after the cheap filters.
 */
public final class NounFractionStage implements DocumentStage {
    private final NounFraction nouns = new NounFraction();
    private final double max;

    public NounFractionStage(double max) {
        this.max = max;
    }

    @Override
    public Verdict apply(Document doc) {
        double fraction = nouns.of(doc.text());
        Document measured = doc.withSignal("noun_fraction", fraction);
        return fraction > max ? Verdict.drop(measured, "max_noun_fraction") : Verdict.keep(measured);
    }
}
