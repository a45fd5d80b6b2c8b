package org.corpusforge.core.stage;

import org.corpusforge.core.model.Document;

/**
 * A per-document step of the pipeline. Implementations answer only keep, drop-with-reason or
 * quarantine; {@link StageChain} does the accounting, so no stage can forget it.
 *
 * <p>Stages are created once per task (or per executor) and called for many documents from one
 * thread; they must be deterministic: the same document always gets the same verdict.
 */
public interface DocumentStage {
    Verdict apply(Document document);

    /**
     * How many documents this stage would rather judge at once (a neural model runs faster on a batch): the chain
     * then hands it up to this many through {@link #applyAll}. 1: one at a time.
     */
    default int batchSize() {
        return 1;
    }

    /**
     * The verdicts on documents given together, in their order: each must be what {@link #apply} gives that
     * document alone, whatever the others, so a run's output does not depend on how its documents were grouped.
     */
    default java.util.List<Verdict> applyAll(java.util.List<Document> documents) {
        return documents.stream().map(this::apply).toList();
    }

    /**
     * What this stage makes of text that goes to a side output (a quarantined record's excerpt, an error's detail)
     * instead of through {@link #apply}: unchanged, except for a stage that removes something from the corpus that
     * must not leak beside it, such as personal data, which it removes here too.
     */
    default String redact(String text) {
        return text;
    }

    /**
     * What this stage makes of a search query, so that it meets the corpus's text as the stage left it: unchanged,
     * except for a stage that rewrites characters everywhere (normalisation). Masking is no part of it: a query for
     * a masked e-mail address finds nothing either way.
     */
    default String normalizeQuery(String text) {
        return text;
    }

    /** Signals whose totals over the kept documents the manifest records as this stage's details, or null. */
    default SignalTotals totals() {
        return null;
    }
}
