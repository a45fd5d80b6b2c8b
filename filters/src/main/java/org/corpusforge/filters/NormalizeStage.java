package org.corpusforge.filters;

import org.corpusforge.filters.text.JapaneseNormalizer;
import org.corpusforge.core.config.ConfigNode;
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

    /**
     * Side outputs show normalised text too: the stages after this one (personal-data masking above all) expect it,
     * and full-width digits in a raw excerpt would slip past the masker.
     */
    @Override
    public String redact(String text) {
        return normalizer.normalize(text);
    }

    @Override
    public String normalizeQuery(String text) {
        return normalizer.normalize(text);
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code normalize}); each read and checked. */
    public static NormalizeStage fromSettings(ConfigNode settings) {
        return new NormalizeStage(new JapaneseNormalizer(
                settings.bool("nfkc", true),
                settings.bool("remove_private_use", true),
                settings.bool("convert_kutoten", false)));
    }

    /** The {@code normalize} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("normalize", NormalizeStage::fromSettings);
        }

        @Override
        public boolean rewritesQueries() {
            return true;
        }
    }
}
