package org.corpusforge.filters.pii;

import org.corpusforge.core.config.ConfigNode;
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
 *
 * <p>The same rule holds for everything published with the text: the title, the URL (a query string often holds an
 * address), the licence and every attribute value are masked as the text is (after NFKC, as the text has had it
 * from the normalise stage; a field in which nothing is found is left exactly as it was). What names where a
 * document came from stays verbatim, since it is what traces the document back: its id (the input's name and
 * path, the crawl's record id, or the id the user's data gave) and its provenance (source URI, locator, SHA-256).
 */
public final class PiiStage implements DocumentStage {
    /** The stage's total over the kept documents: spans masked, by type. */
    static final String MASKED = "masked_in_kept_documents";

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
        Document masked = doc.withText(r.text()).withMetadata(masked(doc.metadata())).withSignals(signals);
        return density > maxDensity ? Verdict.drop(masked, "pii", "pii_density", density, ">", maxDensity)
                : Verdict.keep(masked);
    }

    private org.corpusforge.core.model.Metadata masked(org.corpusforge.core.model.Metadata m) {
        java.util.TreeMap<String, String> attributes = new java.util.TreeMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k, field(v)));
        org.corpusforge.core.model.Metadata result = new org.corpusforge.core.model.Metadata(field(m.title()),
                field(m.url()), m.date(), field(m.license()), attributes);
        return result.equals(m) ? m : result;
    }

    /** A metadata value masked, or the value itself when it holds nothing to mask. */
    private String field(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String normalized = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC);
        PiiMasker.Result r = masker.mask(normalized);
        return r.counts().isEmpty() ? value : r.text();
    }

    @Override
    public String redact(String text) {
        return masker.mask(text).text();
    }

    /** The spans masked in the kept documents, per type. */
    @Override
    public SignalTotals totals() {
        return new SignalTotals(MASKED, "pii_", Set.of("pii_density"));
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code pii}); each read and checked. */
    public static PiiStage fromSettings(ConfigNode settings) {
        java.util.List<String> types = settings.stringList("types", java.util.List.of("email", "corporate_number",
                "my_number", "card", "phone", "postal_code", "ip", "address"));
        for (String type : types) {
            if (!PiiMasker.TYPES.contains(type)) {
                throw new org.corpusforge.core.config.ConfigException(settings.path() + ".types: unknown type \""
                        + type + "\" (known: " + String.join(", ", PiiMasker.TYPES) + ")");
            }
        }
        return new PiiStage(new PiiMasker(types, settings.stringMap("placeholders")),
                settings.doubleValue("max_density", 0.1, 0.0, 1.0));
    }

    /** The {@code pii} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("pii", PiiStage::fromSettings);
            threshold("max_density", "pii_density");
        }

        /** The spans masked in the kept documents, by type, as bars. */
        @Override
        public void report(org.corpusforge.core.report.ReportPage page, org.corpusforge.core.report.StageRun stage) {
            if (stage.details().get(MASKED) instanceof java.util.Map<?, ?> counts && !counts.isEmpty()) {
                java.util.List<String> labels = new java.util.ArrayList<>();
                java.util.List<Double> values = new java.util.ArrayList<>();
                new java.util.TreeMap<>(counts).forEach((type, count) -> {
                    labels.add(String.valueOf(type));
                    values.add(((Number) count).doubleValue());
                });
                page.note("Spans masked in the kept documents, by type.");
                page.bars(labels, values, "spans");
            } else {
                page.note("Nothing masked in the kept documents.");
            }
        }
    }
}
