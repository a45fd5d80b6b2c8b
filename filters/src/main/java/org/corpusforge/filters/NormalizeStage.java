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

    /**
     * A query as the text was normalised, except its line breaks at either end, which stay (normalising a document
     * drops them, which would make {@code た。\n} count every {@code た。}): a query's every character counts.
     */
    @Override
    public String normalizeQuery(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isLineBreak(text.charAt(start))) {
            start++;
        }
        while (end > start && isLineBreak(text.charAt(end - 1))) {
            end--;
        }
        return lineBreaks(text.substring(0, start)) + normalizer.normalize(text.substring(start, end))
                + lineBreaks(text.substring(end));
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /** Line breaks as the normaliser writes them: CR LF and CR are LF. */
    private static String lineBreaks(String breaks) {
        return breaks.replace("\r\n", "\n").replace('\r', '\n');
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
