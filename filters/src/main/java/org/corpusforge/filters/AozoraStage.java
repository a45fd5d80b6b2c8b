package org.corpusforge.filters;

import org.corpusforge.core.config.ConfigNode;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;

/**
 * Applies {@link AozoraMarkup} to the documents their reader marked {@code markup=aozora} (raw Aozora files, or
 * JSONL inputs configured with {@code markup: aozora}); other documents pass unchanged. Title and author from the
 * header fill the metadata where the source had none.
 */
public final class AozoraStage implements DocumentStage {
    private final AozoraMarkup markup = new AozoraMarkup();

    @Override
    public Verdict apply(Document doc) {
        if (!"aozora".equals(doc.metadata().attributes().get("markup"))) {
            return Verdict.keep(doc);
        }
        AozoraMarkup.Result r = markup.clean(doc.text());
        Metadata meta = doc.metadata();
        if (meta.title() == null && r.title() != null) {
            meta = meta.withTitle(r.title());
        }
        if (!meta.attributes().containsKey("author") && r.author() != null) {
            meta = meta.withAttribute("author", r.author());
        }
        return Verdict.keep(doc.withText(r.text()).withMetadata(meta).withSignals(Map.of(
                "aozora_gaiji_resolved", (double) r.gaijiResolved(),
                "aozora_gaiji_unresolved", (double) r.gaijiUnresolved())));
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code aozora}); each read and checked. */
    public static AozoraStage fromSettings(ConfigNode settings) {
        return new AozoraStage();
    }

    /** The {@code aozora} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("aozora", AozoraStage::fromSettings);
        }
    }
}
