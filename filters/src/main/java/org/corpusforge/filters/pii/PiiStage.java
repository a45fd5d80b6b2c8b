package org.corpusforge.filters.pii;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.SignalTotals;
import org.corpusforge.core.stage.Verdict;

/**
 * Masks personal data ({@link PiiMasker}); counts the spans per type as signals {@code pii_<type>} and the masked
 * share of the text as {@code pii_density}; drops a document whose density is above the limit with the reason
 * {@code pii} (a list of addresses or phone numbers is no training text).
 */
public final class PiiStage implements DocumentStage {
    private final PiiMasker masker;
    private final double maxDensity;

    public PiiStage(PiiMasker masker, double maxDensity) {
        this.masker = masker;
        this.maxDensity = maxDensity;
    }

    @Override
    public Verdict apply(Document doc) {
        PiiMasker.Result r = masker.mask(doc.text());
        Map<String, Double> signals = new HashMap<>();
        r.counts().forEach((type, n) -> signals.put("pii_" + type, (double) n));
        int chars = doc.text().codePointCount(0, doc.text().length());
        double density = chars == 0 ? 0.0 : (double) r.maskedChars() / chars;
        signals.put("pii_density", density);
        Document masked = doc.withText(r.text()).withSignals(signals);
        return density > maxDensity ? Verdict.drop(masked, "pii") : Verdict.keep(masked);
    }

    @Override
    public String redact(String text) {
        return masker.mask(text).text();
    }

    /** The spans masked in the kept documents, per type. */
    @Override
    public SignalTotals totals() {
        return new SignalTotals("masked_in_kept_documents", "pii_", Set.of("pii_density"));
    }
}
