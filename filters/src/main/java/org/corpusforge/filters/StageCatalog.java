package org.corpusforge.filters;

import org.corpusforge.filters.kind.DocumentStageType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.NamedStage;
import org.corpusforge.core.stage.StageChain;

/**
 * The per-document stages by the names configuration gives them: the kinds ({@link DocumentStageType}) registered one
 * line each in {@code META-INF/services}, as Lucene registers its analysis factories. {@code stages:} lists
 * entries {@code {name: <stage>, id: <optional unique label>, enabled: <true|false>, sources: [<kinds>],
 * ...parameters}}; {@code sources} limits a stage to documents of those source kinds (others pass unchanged).
 */
public final class StageCatalog {
    /** The kinds registered in {@code META-INF/services/org.corpusforge.filters.kind.DocumentStageType}, by name. */
    private static final Map<String, DocumentStageType> TYPES = new LinkedHashMap<>();

    static {
        for (DocumentStageType type : java.util.ServiceLoader.load(DocumentStageType.class,
                StageCatalog.class.getClassLoader())) {
            if (TYPES.putIfAbsent(type.name(), type) != null) {
                throw new IllegalStateException("two per-document stages are named " + type.name());
            }
        }
    }

    /** The files a configured stage reads, which the driver reads once and hands to every executor; none for most. */
    public static List<org.corpusforge.filters.kind.SideFile> sideFiles(ConfigNode entry) {
        DocumentStageType type = TYPES.get(entry.string("name", ""));
        return type == null ? List.of() : type.sideFiles(entry);
    }

    private StageCatalog() {}

    public static Set<String> names() {
        return TYPES.keySet();
    }

    /** The kind registered under this name, or null. */
    public static DocumentStageType type(String name) {
        return TYPES.get(name);
    }

    /** Every registered kind, in the order registered. */
    public static java.util.Collection<DocumentStageType> types() {
        return TYPES.values();
    }

    /** Builds the chain in configuration order; disabled entries are skipped but still validated. */
    public static StageChain build(List<ConfigNode> entries) {
        return build(entries, false);
    }

    /**
     * As {@link #build(List)}. Every id read passes the chain's id rule first: an id holding an e-mail address or a
     * phone number becomes a pseudonym ({@code IdPseudonyms}); with {@code copyIds} (rehydration on), an id that
     * ends in {@code #} and digits, or in {@code #}, then gets one more {@code #}, so that no document's id can be a
     * rehydration copy's {@code ID#k}: the mapping is one-to-one, and copies alone end in {@code #} and digits.
     */
    public static StageChain build(List<ConfigNode> entries, boolean copyIds) {
        List<NamedStage> stages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ids.add("read");
        for (ConfigNode entry : entries) {
            String name = entry.requireString("name");
            DocumentStageType type = TYPES.get(name);
            if (type == null) {
                throw new ConfigException(entry.path() + ".name: unknown stage \"" + name + "\" (known: "
                        + String.join(", ", TYPES.keySet()) + ")");
            }
            String id = entry.string("id", name);
            if (!ids.add(id)) {
                throw new ConfigException(entry.path() + ": stage id \"" + id
                        + "\" is used twice (give one of them an id:)");
            }
            boolean enabled = entry.bool("enabled", true);
            List<String> sources = entry.stringList("sources", List.of("web", "book", "transcript"));
            for (String source : sources) {
                try {
                    SourceKind.parse(source);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(entry.path() + ".sources: " + e.getMessage());
                }
            }
            if (enabled && name.equals("aozora") && stages.stream().anyMatch(s -> s.name().equals("normalize"))) {
                throw new ConfigException(entry.path() + ": the aozora stage must come before normalize "
                        + "(NFKC turns ［＃ into [# and the markup could no longer be found)");
            }
            DocumentStage stage = type.create(entry);
            entry.rejectUnknownKeys(); // a misspelt setting is named now, with the keys the stage knows
            if (enabled) {
                stages.add(new NamedStage(id, sources.size() == SourceKind.values().length ? stage
                        : new SourceRestrictedStage(stage, sources)));
            }
        }
        java.util.function.UnaryOperator<String> pseudonyms = org.corpusforge.filters.pii.IdPseudonyms.fromEnvironment();
        return new StageChain(stages, !copyIds ? pseudonyms : id -> reserveCopyIds(pseudonyms.apply(id)));
    }

    /** The id, with one more {@code #} when it ends in {@code #} and digits, or in {@code #}. */
    public static String reserveCopyIds(String id) {
        int end = id.length();
        while (end > 0 && Character.isDigit(id.charAt(end - 1)) && id.charAt(end - 1) < 0x80) {
            end--;
        }
        return end > 0 && id.charAt(end - 1) == '#' ? id + "#" : id;
    }
}
