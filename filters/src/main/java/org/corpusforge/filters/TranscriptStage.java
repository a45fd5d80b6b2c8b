package org.corpusforge.filters;

import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/** Applies {@link TranscriptCleaner} to transcript documents; other documents pass unchanged. */
public final class TranscriptStage implements DocumentStage {
    private final TranscriptCleaner cleaner;

    public TranscriptStage(TranscriptCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Override
    public Verdict apply(Document doc) {
        return doc.source() != SourceKind.TRANSCRIPT ? Verdict.keep(doc) : Verdict.keep(doc.withText(cleaner.clean(doc.text())));
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code transcript-clean}); each read and checked. */
    public static TranscriptStage fromSettings(ConfigNode settings) {
        return new TranscriptStage(new TranscriptCleaner(settings.bool("remove_fillers", false)));
    }

    /** The {@code transcript-clean} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("transcript-clean", TranscriptStage::fromSettings);
        }
    }
}
