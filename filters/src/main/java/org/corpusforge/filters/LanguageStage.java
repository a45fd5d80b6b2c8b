package org.corpusforge.filters;

import org.corpusforge.core.config.ConfigNode;
import java.util.Map;
import java.util.Set;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/**
 * Labels every document with its language ({@code language} attribute; signals {@code japanese_score},
 * {@code kana_fraction}, {@code han_fraction}, {@code kana_in_first_chars}) and routes it: documents whose
 * language is in {@code keep} (or every document, with {@code keep: [all]}) go on, the others are dropped with the
 * reason {@code language}, counted in the manifest.
 */
public final class LanguageStage implements DocumentStage {
    private final LanguageDetector detector;
    private final Set<String> keep;

    public LanguageStage(LanguageDetector detector, Set<String> keep) {
        this.detector = detector;
        this.keep = keep;
    }

    @Override
    public Verdict apply(Document doc) {
        LanguageDetector.Result r = detector.detect(doc.text());
        String language = r.language();
        Document measured = doc.withMetadata(doc.metadata().withAttribute("language", language)).withSignals(Map.of(
                "japanese_score", r.japaneseScore(),
                "kana_fraction", r.kanaFraction(),
                "han_fraction", r.hanFraction(),
                "kana_in_first_chars", r.kanaInFirstChars() ? 1.0 : 0.0));
        return keep.contains("all") || keep.contains(language) ? Verdict.keep(measured)
                : Verdict.drop(measured, "language", "language " + language + " (japanese_score "
                        + String.format(java.util.Locale.ROOT, "%.3f", r.japaneseScore()) + "), keep " + keep);
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code language}); each read and checked. */
    public static LanguageStage fromSettings(ConfigNode settings) {
        return new LanguageStage(
                new LanguageDetector(settings.intValue("quick_chars", 100, 1, 100_000),
                        settings.doubleValue("min_japanese_score", 0.5, 0.0, 1.0),
                        settings.doubleValue("min_kana_fraction", 0.05, 0.0, 1.0)),
                keep(settings));
    }

    /**
     * The labels to keep, each one the detector gives (or {@code all}): a label it never gives ({@code jp}, or
     * {@code no} for Norwegian) would drop every document with the reason {@code language}.
     */
    private static Set<String> keep(ConfigNode settings) {
        java.util.List<String> keep = settings.stringList("keep", java.util.List.of("ja"));
        for (String label : keep) {
            if (!label.equals("all") && !LanguageDetector.LABELS.contains(label)) {
                throw new org.corpusforge.core.config.ConfigException(settings.path() + ".keep: \"" + label
                        + "\" is not a label this stage gives (" + String.join(", ", LanguageDetector.LABELS)
                        + ", or all)");
            }
        }
        return Set.copyOf(keep);
    }

    /** The {@code language} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("language", LanguageStage::fromSettings);
            threshold("min_japanese_score", "japanese_score");
        }
    }
}
