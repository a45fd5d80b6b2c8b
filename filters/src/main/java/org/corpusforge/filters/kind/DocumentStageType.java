package org.corpusforge.filters.kind;

import java.util.List;
import java.util.function.Function;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.report.StageReport;
import org.corpusforge.core.stage.DocumentStage;

/**
 * A kind of per-document stage, all of it in one place: the name configuration gives it, how its settings make a
 * stage (each stage reads and checks its own in its {@code fromSettings}), the files it reads, and what it shows in
 * the report and the card ({@link StageReport}). A kind is registered by one line in
 * {@code META-INF/services/org.corpusforge.filters.kind.DocumentStageType} (as Lucene registers its analysis factories),
 * so the class needs a public constructor without arguments; {@code StageCatalog} is the list.
 */
public abstract class DocumentStageType implements StageReport {
    private final String name;
    private final Function<ConfigNode, DocumentStage> factory;
    private Function<ConfigNode, List<SideFile>> files = settings -> List.of();
    private String thresholdKey;
    private String thresholdSignal;

    protected DocumentStageType(String name, Function<ConfigNode, DocumentStage> factory) {
        this.name = name;
        this.factory = factory;
    }

    /** The name configuration gives the kind ({@code name:} of a {@code stages:} entry). */
    public final String name() {
        return name;
    }

    /** A stage of this kind from its settings, which it reads and checks. */
    public final DocumentStage create(ConfigNode settings) {
        return factory.apply(settings);
    }

    /** The files a stage with these settings reads (models, lists), which the driver reads once: none by default. */
    public List<SideFile> sideFiles(ConfigNode settings) {
        return files.apply(settings);
    }

    /** Says, in a kind's constructor, which files its stages read. */
    protected final void readsFiles(Function<ConfigNode, List<SideFile>> files) {
        this.files = files;
    }

    /** Says, in a kind's constructor, that the number set under {@code key} is a threshold on {@code signal}. */
    protected final void threshold(String key, String signal) {
        this.thresholdKey = key;
        this.thresholdSignal = signal;
    }

    /** The threshold the kind's constructor declared, when its settings set it; none by default. */
    @Override
    public java.util.Map<String, List<Double>> thresholds(com.fasterxml.jackson.databind.JsonNode settings) {
        return thresholdKey == null ? java.util.Map.of() : threshold(settings, thresholdKey, thresholdSignal);
    }

    /**
     * Whether its stages rewrite a search query as they rewrote the text ({@link DocumentStage#normalizeQuery}), so
     * that search must apply them to queries: false by default.
     */
    public boolean rewritesQueries() {
        return false;
    }

    /** One threshold: the number set under {@code key}, on {@code signal}; none when the key is not set. */
    protected static java.util.Map<String, List<Double>> threshold(com.fasterxml.jackson.databind.JsonNode settings,
                                                                   String key, String signal) {
        com.fasterxml.jackson.databind.JsonNode value = settings == null ? null : settings.get(key);
        return value != null && value.isNumber() ? java.util.Map.of(signal, List.of(value.asDouble())) : java.util.Map.of();
    }
}
