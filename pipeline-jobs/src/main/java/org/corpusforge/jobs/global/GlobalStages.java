package org.corpusforge.jobs.global;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.config.CorpusConfig;

/**
 * The global stages by the names configuration gives them: the kinds ({@link GlobalStageType}) registered one line each
 * in {@code META-INF/services/org.corpusforge.jobs.global.GlobalStageType}. A configuration lists them under
 * {@code global_stages:} in the order they run; one without that list gives each its own section ({@code dedup:},
 * {@code boilerplate:}, ...), and they run in the order registered, as they always did.
 */
public final class GlobalStages {
    private static final Map<String, GlobalStageType> TYPES = new LinkedHashMap<>();

    static {
        for (GlobalStageType type : java.util.ServiceLoader.load(GlobalStageType.class,
                GlobalStages.class.getClassLoader())) {
            if (TYPES.putIfAbsent(type.name(), type) != null) {
                throw new IllegalStateException("two global stages are named " + type.name());
            }
        }
    }

    private GlobalStages() {}

    /** Every registered kind, in the order registered. */
    public static java.util.Collection<GlobalStageType> types() {
        return TYPES.values();
    }

    /** The kind registered under this name, or null. */
    public static GlobalStageType type(String name) {
        return TYPES.get(name);
    }

    /**
     * The configured global stages in the order they run, their settings read and checked (a
     * {@link org.corpusforge.core.config.ConfigException} naming the key otherwise); call before
     * {@link CorpusConfig#finish()}. Nothing outside the configuration is read yet: see {@link GlobalStage#prepare}.
     */
    public static List<GlobalStage> build(CorpusConfig config) {
        List<GlobalStage> stages = new ArrayList<>();
        for (CorpusConfig.GlobalStageNode node : config.globalStageNodes(sections())) {
            boolean enabled = !node.listed() || node.settings().bool("enabled", true);
            // an entry switched off is still read and checked, as an absent section would be
            GlobalStage stage = TYPES.get(node.name()).create(node.settings(), node.listed() && enabled);
            if (enabled && stage != null) {
                stages.add(stage);
            }
        }
        return stages;
    }

    /** Each kind's name, to its own section's. */
    public static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        TYPES.forEach((name, type) -> sections.put(name, type.section()));
        return sections;
    }

    /** The directories global stages write under the output (which {@code --overwrite} may replace). */
    public static List<String> directories() {
        return TYPES.values().stream().flatMap(t -> t.directories().stream()).toList();
    }
}
