package org.corpusforge.jobs;

import org.corpusforge.jobs.base.UserError;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.databind.JsonNode;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.filters.StageCatalog;
import org.corpusforge.jobs.global.GlobalStage;
import org.corpusforge.jobs.global.GlobalStages;

/**
 * What a run does, from its configuration, every setting read and checked before Spark starts: the inputs and
 * writers ({@link CorpusConfig}), the per-document chain in the order configured, and the global stages' names in
 * theirs.
 * {@link #load} is the one call that makes it, or fails with one line naming the key (and the file or {@code --set}
 * it came from); the configuration's effective JSON is fixed by then.
 *
 * <p>Only the {@link #recipe()} travels to executors (the configuration's text), which build their own chains
 * through the same factories; the chain and the global stages here are the driver's. A plan made in code rather than
 * read from a file comes from a {@link #builder()}.
 */
public record PipelinePlan(CorpusConfig config, StageChain chain, List<String> globalStageNames) {
    /** A configuration is a page or two; anything near this is not one. */
    private static final long MAX_CONFIG_BYTES = 16L << 20;

    /**
     * Reads a configuration file, applies {@code --input} paths and {@code --set} settings over it, and makes the plan.
     * @param fromSetOption the settings the user gave with {@code --set}: a problem with one of them is reported as
     *                      that option's, not the file's
     * @throws UserError when the file cannot be read; {@link ConfigException} naming the key otherwise
     */
    public static PipelinePlan load(Path file, List<String> inputOverrides, Map<String, String> settings,
                                    Map<String, String> fromSetOption) {
        String text = read(file);
        try {
            return parse(text, inputOverrides, settings);
        } catch (ConfigException e) {
            if (e.getMessage().startsWith("--")) {
                throw e; // about a command-line option, which it names
            }
            if (e.key() != null && fromSetOption.containsKey(e.key())) {
                throw new ConfigException("--set " + e.key() + "=" + fromSetOption.get(e.key()) + ": " + e.getMessage(),
                        e.key());
            }
            throw new ConfigException(file + ": " + e.getMessage(), e.key());
        }
    }

    /** As {@link #load}, from the configuration's text. */
    public static PipelinePlan parse(String yamlText, List<String> inputOverrides, Map<String, String> settings) {
        CorpusConfig parsed = CorpusConfig.parse(yamlText, inputOverrides, settings);
        try {
            StageChain chain = chainOf(parsed);
            List<String> global = GlobalStages.build(parsed).stream().map(GlobalStage::name).toList();
            return new PipelinePlan(parsed.finish(), chain, global);
        } catch (ConfigException e) {
            // a stage's setting given by --set is named by position once the stages are built
            String given = parsed.setKeyFor(e.key());
            throw given == null ? e : new ConfigException(e.getMessage(), given);
        }
    }

    /** As {@link #parse(String, List, Map)}, without settings. */
    public static PipelinePlan parse(String yamlText) {
        return parse(yamlText, List.of(), Map.of());
    }

    /** What the per-document stages do to text that goes beside the corpus (benchmark items, quarantine excerpts). */
    public UnaryOperator<String> sideTextRedaction() {
        return chain::redact;
    }

    /** A search query's characters as the per-document stages rewrote the corpus's (normalisation). */
    public UnaryOperator<String> queryNormalizer() {
        return chain::normalizeQuery;
    }

    /**
     * The global stages for one run, in the order they run: new ones at every call, since a stage holds what one run
     * gathers (an accumulator, the benchmarks it read).
     */
    public List<GlobalStage> newGlobalStages() {
        return GlobalStages.build(config.reparse());
    }

    /** What executors need of the plan to build their own chains: serialisable, built through the same factories. */
    public Recipe recipe() {
        return new Recipe(config);
    }

    /** The plan as it travels: its configuration, from which each executor builds what it needs. */
    public record Recipe(CorpusConfig config) implements java.io.Serializable {
        /** A new per-document chain, as the driver's was built (each task has its own: stages are not shared). */
        public StageChain newChain() {
            return chainOf(config.reparse());
        }

        /** The configured per-document stages' entries, fresh (for the files they read). */
        public List<org.corpusforge.core.config.ConfigNode> stageNodes() {
            return config.reparse().stageNodes();
        }
    }

    /** The per-document chain a configuration's stage entries make (the driver's, or an executor's own). */
    private static StageChain chainOf(CorpusConfig config) {
        return StageCatalog.build(config.stageNodes(), config.output().rehydration().enabled());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A plan made in code (inspect without a config, the evaluations): its inputs with their settings, its stages,
     * written as a configuration document and read as any configuration is, so it is checked the same way.
     */
    public static final class Builder {
        private final com.fasterxml.jackson.databind.node.ObjectNode root =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        private final List<String> inputOverrides = new java.util.ArrayList<>();

        private Builder() {}

        /** Inputs as {@code --input} gives them ({@code [FORMAT:]PATH}), read with the input defaults. */
        public Builder inputs(List<String> paths) {
            inputOverrides.addAll(paths);
            return this;
        }

        /** One input with settings of its own ({@code markup}, {@code source}, ...). */
        public Builder input(String path, Map<String, String> settings) {
            com.fasterxml.jackson.databind.node.ObjectNode entry = root.withArray("inputs").addObject().put("path", path);
            settings.forEach(entry::put);
            return this;
        }

        /** What every input is read with unless it says otherwise. */
        public Builder inputDefaults(Map<String, String> settings) {
            settings.forEach(root.with("input_defaults")::put);
            return this;
        }

        /** A per-document stage with its default settings, after those given before. */
        public Builder stage(String name) {
            root.withArray("stages").addObject().put("name", name);
            return this;
        }

        public PipelinePlan build() {
            if (!inputOverrides.isEmpty() && !root.has("inputs")) {
                root.putArray("inputs").addObject().put("path", "(given)"); // replaced by the overrides
            }
            return parse(root.toString(), inputOverrides, Map.of());
        }
    }

    /**
     * Each stage of the run in the order it runs (the reader, the per-document stages, the global ones), with its kind
     * and its settings as configured (from the effective configuration, secrets redacted), for the manifest.
     */
    public List<Manifest.StageEntry.Identity> stageIdentities() {
        JsonNode effective;
        try {
            effective = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.effectiveJson());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Manifest.StageEntry.Identity> perDocument = new java.util.HashMap<>();
        for (JsonNode entry : effective.path("stages")) {
            String kind = entry.path("name").asText();
            String id = entry.hasNonNull("id") ? entry.get("id").asText() : kind;
            perDocument.put(id, new Manifest.StageEntry.Identity(id, kind, without(entry, "id", "name")));
        }
        List<Manifest.StageEntry.Identity> stages = new java.util.ArrayList<>();
        stages.add(new Manifest.StageEntry.Identity(Outcome.READ_STAGE, null, null));
        chain.stages().forEach(stage -> stages.add(perDocument.get(stage.name())));
        for (String name : globalStageNames) {
            JsonNode settings = effective.get(GlobalStages.type(name).section());
            for (JsonNode listed : effective.path("global_stages")) {
                if (name.equals(listed.path("name").asText())) {
                    settings = without(listed, "name");
                }
            }
            stages.add(new Manifest.StageEntry.Identity(name, name, settings));
        }
        return stages;
    }

    private static JsonNode without(JsonNode entry, String... keys) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) entry)
                .deepCopy();
        copy.remove(List.of(keys));
        return copy;
    }

    private static String read(Path file) {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new UserError("--config " + file + ": not a regular file (a FIFO, device or directory)");
            }
            if (Files.exists(file) && Files.size(file) > MAX_CONFIG_BYTES) {
                throw new UserError("--config " + file + ": " + Files.size(file) + " bytes, more than a config's "
                        + MAX_CONFIG_BYTES);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("--config " + file + ": no such file");
        } catch (MalformedInputException e) {
            throw new UserError("--config " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError("--config " + file + ": cannot be read: " + e.getMessage());
        }
    }
}
