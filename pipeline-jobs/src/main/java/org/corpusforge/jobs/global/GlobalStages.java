package org.corpusforge.jobs.global;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.config.CorpusConfig;

/**
 * The global stages by the names configuration gives them, each with its factory: one line each below. A
 * configuration lists them under {@code global_stages:} in the order they run; one without that list gives each its
 * own section ({@code dedup:}, {@code boilerplate:}, {@code decontamination:}), and they run in the order registered
 * here, as they always did.
 */
public final class GlobalStages {
    /** Makes a stage from its settings, which it reads and checks; null when they leave it off. */
    @FunctionalInterface
    interface Factory {
        /** @param listed an entry of {@code global_stages:} (else the stage's own section, which may be absent) */
        GlobalStage create(ConfigNode settings, boolean listed);
    }

    /** @param section the stage's own top-level section in a configuration without {@code global_stages:} */
    private record Entry(String section, Factory factory) {}

    private static final Map<String, Entry> REGISTERED = new LinkedHashMap<>();

    static {
        REGISTERED.put(Deduplication.STAGE, new Entry("dedup", Deduplication::configured));
        REGISTERED.put(BoilerplateRemoval.STAGE, new Entry("boilerplate", BoilerplateRemoval::configured));
        REGISTERED.put(SubstringDedup.STAGE, new Entry("substring_dedup", SubstringDedup::configured));
        REGISTERED.put(Decontamination.STAGE, new Entry("decontamination", Decontamination::configured));
    }

    private GlobalStages() {}

    /**
     * The configured global stages in the order they run, their settings read and checked (a
     * {@link org.corpusforge.core.config.ConfigException} naming the key otherwise); call before
     * {@link CorpusConfig#finish()}. Nothing outside the configuration is read yet: see {@link GlobalStage#prepare}.
     */
    public static List<GlobalStage> build(CorpusConfig config) {
        Map<String, String> sections = new LinkedHashMap<>();
        REGISTERED.forEach((name, entry) -> sections.put(name, entry.section()));
        List<GlobalStage> stages = new ArrayList<>();
        for (CorpusConfig.GlobalStageNode node : config.globalStageNodes(sections)) {
            boolean enabled = !node.listed() || node.settings().bool("enabled", true);
            // an entry switched off is still read and checked, as an absent section would be
            GlobalStage stage = REGISTERED.get(node.name()).factory().create(node.settings(), node.listed() && enabled);
            if (enabled && stage != null) {
                stages.add(stage);
            }
        }
        return stages;
    }

    /** The directories global stages write under the output (which {@code --overwrite} may replace). */
    public static List<String> directories() {
        return List.of(Decontamination.DIRECTORY, Deduplication.DIRECTORY);
    }

    /** The records global stages send through Spark that Kryo writes itself (they are {@code KryoSerializable}). */
    public static List<Class<?>> kryoRecords() {
        return List.of(SubstringDedup.Context.class, long[].class);
    }

    /** The records global stages send through Spark, for Kryo (by Java serialisation). */
    public static List<Class<?>> records() {
        return List.of(Deduplication.Decision.class, Deduplication.Ref.class, Deduplication.Fate.class,
                DuplicateSelection.Edge.class, DuplicateSelection.Drop.class, DuplicateSelection.Component.class,
                DuplicateSelection.Selection.class, Decontamination.Match.class);
    }
}
