package org.corpusforge.filters;

import org.corpusforge.filters.text.ScriptCounts;
import org.corpusforge.core.config.ConfigNode;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/**
 * Drops documents whose length in characters is outside [min, max] ({@code too-short}, {@code too-long}) or
 * whose share of Japanese characters is below a minimum ({@code low-japanese-ratio}); the measurements stay
 * on the document as the signals {@code char_count} and {@code japanese_ratio}, kept or dropped.
 */
public final class LengthRatioFilter implements DocumentStage {
    public static final String CHAR_COUNT = "char_count";
    public static final String JAPANESE_RATIO = "japanese_ratio";

    private final long minChars;
    private final long maxChars;
    private final double minJapaneseRatio;

    public LengthRatioFilter(long minChars, long maxChars, double minJapaneseRatio) {
        if (minChars > maxChars) {
            throw new IllegalArgumentException("min_chars " + minChars + " is above max_chars " + maxChars);
        }
        this.minChars = minChars;
        this.maxChars = maxChars;
        this.minJapaneseRatio = minJapaneseRatio;
    }

    @Override
    public Verdict apply(Document document) {
        ScriptCounts counts = ScriptCounts.of(document.text());
        Document measured = document.withSignals(Map.of(
                CHAR_COUNT, (double) counts.chars(),
                JAPANESE_RATIO, counts.japaneseRatio()));
        if (counts.chars() < minChars) {
            return Verdict.drop(measured, "too-short", CHAR_COUNT, counts.chars(), "<", minChars);
        }
        if (counts.chars() > maxChars) {
            return Verdict.drop(measured, "too-long", CHAR_COUNT, counts.chars(), ">", maxChars);
        }
        if (counts.japaneseRatio() < minJapaneseRatio) {
            return Verdict.drop(measured, "low-japanese-ratio", JAPANESE_RATIO, counts.japaneseRatio(), "<",
                    minJapaneseRatio);
        }
        return Verdict.keep(measured);
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code length-ratio}); each read and checked. */
    public static LengthRatioFilter fromSettings(ConfigNode settings) {
        long min = settings.longValue("min_chars", 50, 0, Long.MAX_VALUE);
        long max = settings.longValue("max_chars", 5_000_000, 0, Long.MAX_VALUE);
        if (min > max) {
            throw new org.corpusforge.core.config.ConfigException(settings.path() + ": min_chars " + min
                    + " is above max_chars " + max);
        }
        return new LengthRatioFilter(min, max, settings.doubleValue("min_japanese_ratio", 0.5, 0.0, 1.0));
    }

    /** The {@code length-ratio} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("length-ratio", LengthRatioFilter::fromSettings);
        }
    }
}
