package org.corpusforge.filters;

import java.util.List;
import java.util.Set;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/** Applies a stage only to documents of some source kinds (a stage's {@code sources:}); others pass unchanged. */
final class SourceRestrictedStage implements DocumentStage {
    private final DocumentStage stage;
    private final Set<String> sources;

    SourceRestrictedStage(DocumentStage stage, List<String> sources) {
        this.stage = stage;
        this.sources = Set.copyOf(sources);
    }

    @Override
    public Verdict apply(Document doc) {
        return sources.contains(doc.source().label()) ? stage.apply(doc) : Verdict.keep(doc);
    }

    /** Side outputs are redacted whatever their source: masking more there loses nothing. */
    @Override
    public String redact(String text) {
        return stage.redact(text);
    }

    /** A query meets documents of every source: it is normalised as the sources the stage serves were. */
    @Override
    public String normalizeQuery(String text) {
        return stage.normalizeQuery(text);
    }

    @Override
    public org.corpusforge.core.stage.SignalTotals totals() {
        return stage.totals();
    }
}
