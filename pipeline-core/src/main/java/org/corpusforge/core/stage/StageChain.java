package org.corpusforge.core.stage;

import java.util.List;
import org.corpusforge.core.model.Document;

/**
 * Runs documents through the configured stages in order and turns every verdict into an
 * {@link Outcome}. A stage that throws quarantines the document instead of failing the run.
 */
public final class StageChain {
    private final List<NamedStage> stages;

    public StageChain(List<NamedStage> stages) {
        this.stages = List.copyOf(stages);
    }

    public List<NamedStage> stages() {
        return stages;
    }

    public List<String> names() {
        return stages.stream().map(NamedStage::name).toList();
    }

    /**
     * Passes kept outcomes through the stages; outcomes already decided (by the reader) keep their decision. The
     * excerpt and detail of every record that is not kept go through each stage's {@link DocumentStage#redact},
     * so a quarantine file never shows personal data the corpus beside it masks.
     */
    public Outcome process(Outcome outcome) {
        Outcome result = outcome.status() == Outcome.Status.KEPT ? process(outcome.document()) : outcome;
        return result.status() == Outcome.Status.KEPT ? result : result.withSideText(this::redact);
    }

    /** Text for a side output, as every stage of the chain would redact it. */
    public String redact(String text) {
        String current = text;
        for (NamedStage named : stages) {
            current = named.stage().redact(current);
        }
        return current;
    }

    public Outcome process(Document document) {
        Document current = document;
        for (NamedStage named : stages) {
            Verdict verdict;
            try {
                verdict = named.stage().apply(current);
            } catch (RuntimeException | StackOverflowError e) {
                return Outcome.quarantined(named.name(), "stage-error", e.toString(), current);
            }
            switch (verdict.kind()) {
                case KEEP -> current = verdict.document();
                case DROP -> {
                    return Outcome.dropped(named.name(), verdict.reason(), verdict.document());
                }
                case QUARANTINE -> {
                    return Outcome.quarantined(named.name(), verdict.reason(), verdict.detail(), current);
                }
                default -> throw new IllegalStateException("unknown verdict " + verdict.kind());
            }
        }
        return Outcome.kept(current);
    }
}
