package org.corpusforge.filters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.NamedStage;
import org.corpusforge.core.stage.StageChain;

/**
 * The short names configuration uses for stages, like Lucene's analysis factories: {@code stages:} lists
 * entries {@code {name: <stage>, id: <optional unique label>, enabled: <true|false>, sources: [<kinds>],
 * ...parameters}}; {@code sources} limits a stage to documents of those source kinds (others pass unchanged).
 */
public final class StageCatalog {
    private static final Map<String, Function<ConfigNode, DocumentStage>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("aozora", p -> new AozoraStage());
        FACTORIES.put("transcript-clean", p -> new TranscriptStage(new TranscriptCleaner(p.bool("remove_fillers", false))));
        FACTORIES.put("normalize", p -> new NormalizeStage(new JapaneseNormalizer(
                p.bool("nfkc", true),
                p.bool("remove_private_use", true),
                p.bool("convert_kutoten", false))));
        FACTORIES.put("language", p -> new LanguageStage(
                new LanguageDetector(p.intValue("quick_chars", 100, 1, 100_000),
                        p.doubleValue("min_japanese_score", 0.5, 0.0, 1.0),
                        p.doubleValue("min_kana_fraction", 0.05, 0.0, 1.0)),
                Set.copyOf(p.stringList("keep", List.of("ja")))));
        FACTORIES.put("quality", p -> {
            ConfigNode r = p.child("rules");
            List<QualityRule> rules = new ArrayList<>();
            for (QualityRule rule : QualityRule.defaults().values()) {
                Double threshold = r.thresholdOrOff(rule.key(), rule.threshold(), rule.lowestThreshold(),
                        rule.highestThreshold());
                if (threshold != null) {
                    rules.add(rule.withThreshold(threshold));
                }
            }
            return new QualityStage(rules, p.intValue("compression_level", 6, 1, 9));
        });
        FACTORIES.put("pii", p -> {
            List<String> types = p.stringList("types", List.of("email", "corporate_number", "my_number", "card",
                    "phone", "postal_code", "ip", "address"));
            for (String type : types) {
                if (!org.corpusforge.filters.pii.PiiMasker.TYPES.contains(type)) {
                    throw new ConfigException(p.path() + ".types: unknown type \"" + type + "\" (known: "
                            + String.join(", ", org.corpusforge.filters.pii.PiiMasker.TYPES) + ")");
                }
            }
            return new org.corpusforge.filters.pii.PiiStage(
                    new org.corpusforge.filters.pii.PiiMasker(types, p.stringMap("placeholders")),
                    p.doubleValue("max_density", 0.1, 0.0, 1.0));
        });
        FACTORIES.put("toxicity", p -> {
            // the shipped model is too weak to be on by default (EVALUATION.md): ask for it with model: builtin
            String model = p.string("model", "none");
            org.corpusforge.filters.toxicity.ToxicityClassifier classifier = null;
            if (!"none".equals(model)) {
                // a model file comes as the driver read it (any file system), not from each executor's disk
                try (java.io.Reader r = new java.io.InputStreamReader("builtin".equals(model)
                        ? StageCatalog.class.getResourceAsStream("/models/toxicity-ja.model")
                        : new java.io.ByteArrayInputStream(
                                org.corpusforge.filters.classify.ClassifierModels.bytes(model).content()),
                        java.nio.charset.StandardCharsets.UTF_8)) {
                    classifier = org.corpusforge.filters.toxicity.ToxicityClassifier.load(r);
                } catch (java.io.IOException | RuntimeException e) {
                    throw new ConfigException(p.path() + ".model: cannot load \"" + model + "\": " + e.getMessage());
                }
            }
            return new org.corpusforge.filters.toxicity.ToxicityStage(
                    org.corpusforge.filters.toxicity.NgWordLexicon.builtIn(), classifier,
                    p.doubleValue("lexicon_coverage", 0.05, 1e-9, 1.0), p.doubleValue("threshold", 0.5, 0.0, 1.0));
        });
        FACTORIES.put("classifier", StageCatalog::classifier);
        FACTORIES.put("noun-fraction", p -> new NounFractionStage(p.doubleValue("max_noun_fraction", 0.80, 0.0, 1.0),
                p.doubleValue("z", NounFractionStage.DEFAULT_Z, 0.0, 100.0)));
        FACTORIES.put("length-ratio", p -> {
            long min = p.longValue("min_chars", 50, 0, Long.MAX_VALUE);
            long max = p.longValue("max_chars", 5_000_000, 0, Long.MAX_VALUE);
            if (min > max) {
                throw new ConfigException(p.path() + ": min_chars " + min + " is above max_chars " + max);
            }
            return new LengthRatioFilter(min, max, p.doubleValue("min_japanese_ratio", 0.5, 0.0, 1.0));
        });
    }

    private StageCatalog() {}

    /**
     * A fastText model (kind fasttext: its labels, or those listed, as probabilities) or an ONNX transformer with
     * its tokenizer.json (kind onnx: {@code labels} name its output columns in order; probabilities or logits).
     */
    private static DocumentStage classifier(ConfigNode p) {
        String kind = p.choice("kind", "fasttext", "fasttext", "onnx");
        String model = p.requireString("model");
        String id = p.string("id", "classifier");
        boolean fastText = kind.equals("fasttext");
        org.corpusforge.filters.classify.ClassifierStage.Input input =
                new org.corpusforge.filters.classify.ClassifierStage.Input(p.bool("nfkc", false),
                        "kuromoji".equals(p.choice("segment", "none", "none", "kuromoji")),
                        p.bool("lowercase", false), p.intValue("max_chars", 0, 0, Integer.MAX_VALUE), fastText);
        String dropLabel = p.string("drop_label", null);
        try {
            if (fastText) {
                return new org.corpusforge.filters.classify.ClassifierStage(id,
                        new org.corpusforge.filters.classify.FastTextClassifier(
                                org.corpusforge.filters.classify.ClassifierModels.fastText(model)),
                        input, p.stringList("labels", List.of()), dropLabel,
                        p.doubleValue("threshold", 0.5, 0.0, 1.0), 1);
            }
            String tokenizer = p.requireString("tokenizer");
            List<String> labels = p.stringList("labels");
            if (labels.isEmpty()) {
                throw new ConfigException(p.path() + ".labels: name the model's output columns, in order");
            }
            boolean logits = "logit".equals(p.choice("output", "probability", "probability", "logit"));
            double threshold = logits ? p.doubleValue("threshold", 0.0, -Double.MAX_VALUE, Double.MAX_VALUE)
                    : p.doubleValue("threshold", 0.5, 0.0, 1.0);
            int maxTokens = p.intValue("max_tokens", 512, 2, 1 << 20);
            int batchSize = p.intValue("batch_size", 8, 1, 1024);
            org.corpusforge.filters.classify.OnnxModel onnx;
            try {
                onnx = org.corpusforge.filters.classify.ClassifierModels.onnx(model, tokenizer, maxTokens);
            } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
                throw new ConfigException(p.path() + ".model: cannot use \"" + model + "\" with tokenizer \""
                        + tokenizer + "\": " + e.getMessage());
            }
            return new org.corpusforge.filters.classify.ClassifierStage(id,
                    new org.corpusforge.filters.classify.OnnxClassifier(onnx, labels, logits
                            ? org.corpusforge.filters.classify.OnnxClassifier.Output.LOGIT
                            : org.corpusforge.filters.classify.OnnxClassifier.Output.PROBABILITY),
                    input, List.of(), dropLabel, threshold, batchSize);
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException(p.path() + ".model: cannot use \"" + model + "\": " + e.getMessage());
        }
    }

    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /** Builds the chain in configuration order; disabled entries are skipped but still validated. */
    public static StageChain build(List<ConfigNode> entries) {
        List<NamedStage> stages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ids.add("read");
        for (ConfigNode entry : entries) {
            String name = entry.requireString("name");
            Function<ConfigNode, DocumentStage> factory = FACTORIES.get(name);
            if (factory == null) {
                throw new ConfigException(entry.path() + ".name: unknown stage \"" + name + "\" (known: "
                        + String.join(", ", FACTORIES.keySet()) + ")");
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
            DocumentStage stage = factory.apply(entry);
            if (enabled) {
                stages.add(new NamedStage(id, sources.size() == SourceKind.values().length ? stage
                        : new SourceRestrictedStage(stage, sources)));
            }
        }
        return new StageChain(stages);
    }
}
