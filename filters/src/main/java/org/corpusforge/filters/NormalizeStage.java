package org.corpusforge.filters;

import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/** Applies {@link JapaneseNormalizer} to the text; never drops. */
public final class NormalizeStage implements DocumentStage {
    private final JapaneseNormalizer normalizer;

    public NormalizeStage(JapaneseNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    @Override
    public Verdict apply(Document document) {
        return Verdict.keep(document.withText(normalizer.normalize(document.text())));
    }
}
