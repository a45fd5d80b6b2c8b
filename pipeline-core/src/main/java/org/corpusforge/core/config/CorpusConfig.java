package org.corpusforge.core.config;

import org.corpusforge.core.source.InputSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.model.Hashing;

/**
 * The run configuration read from a YAML file ({@code conf/*.yaml}); the README lists every key.
 *
 * <p>Parsing validates everything except the parameters of the stages, which only the stage catalog
 * knows; {@link #stageNodes()} hands those over, and {@link #finish()} then rejects unknown keys
 * anywhere and freezes the effective configuration. The YAML text itself travels to the executors,
 * which parse it again, so nothing but a string is serialised.
 */
public final class CorpusConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    /** A key given twice is an error (YAML keeps the last silently: a second {@code stages:} once dropped pii). */
    private static final YAMLFactory YAML_FACTORY = (YAMLFactory) YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // YAML 1.2's booleans only: YAML 1.1 made `license: off` the licence "false" and `name: no` the input
            // "false"; yes, no, on and off are words, and a setting that wants true or false says so
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final ObjectMapper YAML = new ObjectMapper(YAML_FACTORY);
    private static final ObjectMapper CANONICAL_JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final String yamlText;
    private final List<String> inputOverrides;
    private final Map<String, String> settingOverrides;
    private final List<InputSpec> inputs;
    private final OutputSpec output;
    private final TokenizerSpec tokenizer;
    private final Map<String, String> spark;
    private transient ConfigNode root;
    private transient List<ConfigNode> stageNodes;
    /** The paths the --set keys reached (stages[3].rules.min_chars), to the keys as given. */
    private final Map<String, String> setPaths = new java.util.LinkedHashMap<>();
    private String effectiveJson;

    private CorpusConfig(String yamlText, List<String> inputOverrides, Map<String, String> settingOverrides) {
        this.yamlText = yamlText;
        this.inputOverrides = List.copyOf(inputOverrides);
        this.settingOverrides = new java.util.LinkedHashMap<>(settingOverrides);
        JsonNode tree = readTree(yamlText);
        for (String key : settingOverrides.keySet()) {
            if (!inputOverrides.isEmpty() && (key.equals("inputs") || key.startsWith("inputs.")
                    || key.startsWith("inputs["))) {
                throw new ConfigException(key + ": --input replaces the config's inputs, and this setting with them; "
                        + "set input_defaults." + key.replaceFirst("^inputs(\\[\\d+]|\\.\\d+)?\\.?", "")
                        + " to apply it to every input", key);
            }
        }
        settingOverrides.forEach((key, value) -> setPaths.put(set((ObjectNode) tree, key, value), key));
        if (!inputOverrides.isEmpty()) {
            ArrayNode replaced = ((ObjectNode) tree).putArray("inputs");
            inputOverrides.forEach(path -> addOverride(replaced, path));
        }
        applyInputDefaults(tree);
        root = ConfigNode.root(tree);
        root.known("input_defaults");
        List<InputSpec> parsedInputs = new ArrayList<>();
        for (ConfigNode input : root.list("inputs")) {
            parsedInputs.add(InputSection.parse(input));
        }
        if (parsedInputs.isEmpty()) {
            throw new ConfigException("inputs: expected at least one input (in the config or given with --input)");
        }
        inputs = List.copyOf(parsedInputs);
        stageNodes = root.list("stages");
        output = OutputSpec.parse(root.child("output"));
        tokenizer = TokenizerSpec.parse(root.child("tokenizer"));
        if (output.megatron().enabled() && !tokenizer.enabled()) {
            throw new ConfigException("output.megatron: needs token ids, so a tokenizer (tokenizer.model)");
        }
        spark = Map.copyOf(root.stringMap("spark"));
    }

    /** Parses a configuration; {@code inputOverrides}, when not empty, replace the paths of {@code inputs}. */
    public static CorpusConfig parse(String yamlText, List<String> inputOverrides) {
        return parse(yamlText, inputOverrides, Map.of());
    }

    /**
     * As {@link #parse(String, List)}, with settings from the command line: dotted keys such as
     * {@code output.dp_size} and YAML scalar values, applied over the file and recorded in the effective config.
     */
    public static CorpusConfig parse(String yamlText, List<String> inputOverrides, Map<String, String> settings) {
        return new CorpusConfig(yamlText, inputOverrides, settings);
    }

    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("(.*)\\[(\\d+)]");

    /**
     * Sets one dotted key, and returns its path as configuration errors name it. Through a list, the next part picks
     * the element: a position ({@code stages[3]} or {@code stages.3}), or the element whose {@code id}, else whose
     * {@code name}, it is ({@code stages.quality.rules.min_chars}); a name that two elements share must be given by
     * id or position.
     */
    private static String set(ObjectNode tree, String dottedKey, String value) {
        List<String> parts = new ArrayList<>();
        for (String part : dottedKey.split("\\.", -1)) {
            java.util.regex.Matcher m = INDEXED.matcher(part);
            if (m.matches() && !m.group(1).isEmpty()) {
                parts.add(m.group(1));
                parts.add(m.group(2));
            } else {
                parts.add(part);
            }
        }
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new ConfigException(dottedKey + ": an empty part in the key", dottedKey);
        }
        JsonNode node = tree;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            String part = parts.get(i);
            JsonNode child;
            if (node instanceof ArrayNode list) {
                int index = element(list, part, dottedKey, path.toString());
                child = list.get(index);
                path.append('[').append(index).append(']');
            } else {
                ObjectNode object = (ObjectNode) node;
                child = object.get(part);
                if (child == null || child.isNull()) {
                    child = object.putObject(part);
                }
                path.append(path.length() == 0 ? "" : ".").append(part);
            }
            if (!child.isObject() && !child.isArray()) {
                throw new ConfigException(dottedKey + ": " + path + " is not a mapping or a list", dottedKey);
            }
            node = child;
        }
        String last = parts.get(parts.size() - 1);
        JsonNode scalar;
        try {
            scalar = YAML.readTree(value);
        } catch (JsonProcessingException e) {
            throw new ConfigException(dottedKey + ": not a YAML value: " + value, dottedKey);
        }
        JsonNode parsed = scalar == null || scalar.isMissingNode() ? NullNode.getInstance() : scalar;
        if (node instanceof ArrayNode list) {
            int index = element(list, last, dottedKey, path.toString());
            list.set(index, parsed);
            return path + "[" + index + "]";
        }
        ((ObjectNode) node).set(last, parsed);
        return path.length() == 0 ? last : path + "." + last;
    }

    /** The element of a list a key part names: a position, an id, or a name no other element has. */
    private static int element(ArrayNode list, String part, String dottedKey, String path) {
        if (part.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(part);
            if (index >= list.size()) {
                throw new ConfigException(dottedKey + ": " + path + " has " + list.size() + " entries, no [" + index + "]",
                        dottedKey);
            }
            return index;
        }
        List<Integer> byId = new ArrayList<>();
        List<Integer> byName = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String id = e.path("id").asText(null);
            String name = e.path("name").asText(null);
            names.add(id != null ? id : name);
            if (part.equals(id)) {
                byId.add(i);
            } else if (part.equals(name) && id == null) {
                byName.add(i);
            }
        }
        if (byId.size() == 1) {
            return byId.get(0);
        }
        if (byName.size() == 1 && byId.isEmpty()) {
            return byName.get(0);
        }
        if (byName.size() > 1) {
            throw new ConfigException(dottedKey + ": " + path + " has " + byName.size() + " entries named " + part
                    + "; give one by position (" + path + "[" + byName.get(0) + "]) or by its id", dottedKey);
        }
        throw new ConfigException(dottedKey + ": " + path + " has no entry " + part + " (it has: "
                + String.join(", ", names) + ")", dottedKey);
    }

    /**
     * The {@code --set} key (as given) that set the configuration key a problem is about, or null: errors found
     * while the stages are built name the key by position ({@code stages[3].rules.min_chars}).
     */
    public String setKeyFor(String key) {
        if (key == null) {
            return null;
        }
        for (Map.Entry<String, String> e : setPaths.entrySet()) {
            if (key.equals(e.getKey()) || key.startsWith(e.getKey() + ".") || key.startsWith(e.getKey() + "[")) {
                return e.getValue();
            }
        }
        return null;
    }

    private static JsonNode readTree(String yamlText) {
        JsonNode tree;
        try {
            refuseAliases(yamlText);
            tree = YAML.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(e));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException("the configuration is empty");
        }
        if (!tree.isObject()) {
            throw new ConfigException("expected a mapping of keys at the top of the configuration");
        }
        return tree;
    }

    /**
     * YAML aliases ({@code *name}, merge keys {@code <<: *name}) are refused: Jackson reads an alias as the anchor's
     * name, a string, so a setting would silently become the wrong value.
     */
    private static void refuseAliases(String yamlText) throws JsonProcessingException {
        try (com.fasterxml.jackson.dataformat.yaml.YAMLParser parser = YAML_FACTORY.createParser(yamlText)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    throw new ConfigException("line " + parser.currentLocation().getLineNr() + ": the YAML alias *"
                            + parser.getText() + " is not supported; write the value out");
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new ConfigException("the configuration cannot be read: " + e.getMessage());
        }
    }

    private static final java.util.regex.Pattern YAML_MARK =
            java.util.regex.Pattern.compile("^\\s*in '[^']*', line (\\d+), column \\d+:?\\s*$");

    /**
     * One line for a YAML error: SnakeYAML's message runs over several lines (what it was doing, what it found,
     * each with a mark " in 'reader', line N, column M:" and the quoted line under it); the sentences are kept,
     * joined, and the line is the last mark's (the problem's), else Jackson's location.
     */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        List<String> sentences = new ArrayList<>();
        String line = e.getLocation() == null ? null : String.valueOf(e.getLocation().getLineNr());
        boolean quoted = false;
        for (String l : message.split("\\R")) {
            java.util.regex.Matcher mark = YAML_MARK.matcher(l);
            if (mark.matches()) {
                line = mark.group(1);
                quoted = true; // the source line and a caret follow
                continue;
            }
            if (quoted && (l.startsWith("    ") || l.isBlank())) {
                continue;
            }
            quoted = false;
            if (!l.isBlank()) {
                sentences.add(l.strip());
            }
        }
        return "not valid YAML" + (line == null ? "" : " at line " + line) + ": " + String.join("; ", sentences);
    }

    /**
     * {@code FORMAT:PATH} forces a format; anything else (including {@code s3a://...}) is a plain path. A lower-case
     * word before a colon that is no format and no URI scheme ({@code jsonx:dir}) is taken for a mistyped format:
     * a file whose name has such a colon is given as {@code ./name}.
     */
    private static void addOverride(ArrayNode inputs, String spec) {
        ObjectNode input = inputs.addObject();
        int colon = spec.indexOf(':');
        // formats in any case (WARC:crawl/ is warc:crawl/); a word that is none and no URI scheme is a mistyped one
        String prefix = colon > 0 ? spec.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : "";
        if (colon > 0 && InputSpec.FORMATS.contains(prefix)) {
            input.put("path", spec.substring(colon + 1));
            input.put("format", prefix);
        } else if (colon > 0 && prefix.matches("[a-z][a-z0-9-]*") && !spec.startsWith("//", colon + 1)
                && !prefix.equals("file")) {
            throw new ConfigException("--input " + spec + ": unknown format \"" + spec.substring(0, colon)
                    + "\" (formats: " + String.join(", ", InputSpec.FORMATS) + "; a file whose name holds a colon: ./"
                    + spec + ")");
        } else {
            input.put("path", spec);
        }
    }

    /** {@code input_defaults} is merged under every input, so settings shared by all inputs are written once. */
    private static void applyInputDefaults(JsonNode tree) {
        JsonNode defaults = ((ObjectNode) tree).remove("input_defaults");
        if (defaults == null || defaults.isNull()) {
            return;
        }
        if (!defaults.isObject()) {
            throw new ConfigException("input_defaults: expected a mapping of keys");
        }
        JsonNode inputs = tree.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            return;
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).isObject()) {
                ObjectNode merged = defaults.deepCopy();
                mergeInto(merged, (ObjectNode) inputs.get(i));
                ((ArrayNode) inputs).set(i, merged);
            }
        }
    }

    private static void mergeInto(ObjectNode target, ObjectNode overlay) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                mergeInto((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    /** The entries of {@code stages:}, to be read by the stage catalog before {@link #finish()}. */
    public List<ConfigNode> stageNodes() {
        if (stageNodes == null) {
            throw new IllegalStateException("stage nodes are only available on the instance that parsed the text");
        }
        return stageNodes;
    }

    /**
     * The global stages in the order they run, to be read by their factories before {@link #finish()}: the entries
     * of {@code global_stages:} ({@code {name: <stage>, enabled: <true|false>, ...settings}}) in the order listed, or,
     * in a configuration without that list, each stage's own section ({@code dedup:}, say) in the order the
     * sections always ran (the map's order), read whether present or not so that its defaults apply.
     * @param sections the global stages' names to the names of their own sections, in the order they run by default
     */
    public List<GlobalStageNode> globalStageNodes(Map<String, String> sections) {
        stageNodes();
        if (!root.has(GLOBAL_STAGES)) {
            List<GlobalStageNode> nodes = new ArrayList<>();
            sections.forEach((name, section) -> nodes.add(new GlobalStageNode(name, root.child(section), false)));
            return nodes;
        }
        List<String> both = sections.values().stream().filter(root::has).toList();
        if (!both.isEmpty()) {
            throw new ConfigException(GLOBAL_STAGES + ": the global stages are listed here and given as the "
                    + String.join(", ", both) + " section" + (both.size() > 1 ? "s" : "")
                    + " too; move the settings into the list's entries", GLOBAL_STAGES);
        }
        List<GlobalStageNode> nodes = new ArrayList<>();
        for (ConfigNode entry : root.list(GLOBAL_STAGES)) {
            String name = entry.requireString("name");
            if (!sections.containsKey(name)) {
                throw new ConfigException(entry.path() + ".name: unknown global stage \"" + name + "\" (known: "
                        + String.join(", ", sections.keySet()) + ")", entry.path() + ".name");
            }
            if (nodes.stream().anyMatch(n -> n.name().equals(name))) {
                throw new ConfigException(entry.path() + ": " + name + " is listed twice", entry.path());
            }
            nodes.add(new GlobalStageNode(name, entry, true));
        }
        return nodes;
    }

    public static final String GLOBAL_STAGES = "global_stages";

    /**
     * A global stage's settings: an entry of {@code global_stages:} ({@code listed}), or the stage's own section in
     * a configuration without that list.
     */
    public record GlobalStageNode(String name, ConfigNode settings, boolean listed) {}

    /** Rejects unknown keys and fixes the effective configuration; call after the stages were built. */
    public CorpusConfig finish() {
        root.rejectUnknownKeys();
        try {
            ObjectNode effective = root.effective();
            redact(effective);
            effectiveJson = CANONICAL_JSON.writeValueAsString(CANONICAL_JSON.treeToValue(effective, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /**
     * Names of settings whose values never reach the manifest (credentials in a {@code spark:} section, say). A
     * "token" is a credential only as one (session, auth, API, ...): {@code shard_target_tokens} and
     * {@code eod_token} are corpus settings the manifest must keep.
     */
    static final java.util.regex.Pattern SENSITIVE = java.util.regex.Pattern.compile(
            "(?i)(.*(secret|password|passwd|credential|access[._-]?key|session[._-]?key|signature).*"
                    + "|(.*[._-])?(session|access|auth|api|bearer|refresh|security|delegation|oauth|hf|github|id)"
                    + "[._-]?token|token)");
    public static final String REDACTED = "*** redacted ***";

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (SENSITIVE.matcher(name).matches() && value.isValueNode() && !value.isNull()) {
                    object.put(name, REDACTED);
                } else {
                    redact(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(CorpusConfig::redact);
        }
    }

    /** A fresh copy parsed from the same text, with its own stage nodes (used on executors). */
    public CorpusConfig reparse() {
        return new CorpusConfig(yamlText, inputOverrides, settingOverrides);
    }

    public List<InputSpec> inputs() { return inputs; }

    public OutputSpec output() { return output; }

    /** The subword tokenizer; {@link TokenizerSpec#enabled()} is false without one. */
    public TokenizerSpec tokenizer() { return tokenizer; }

    public Map<String, String> spark() { return spark; }

    /** Every key the run used, with defaults filled in, as canonical JSON (keys sorted). */
    public String effectiveJson() {
        if (effectiveJson == null) {
            throw new IllegalStateException("finish() has not been called");
        }
        return effectiveJson;
    }

    public String effectiveSha256() {
        return Hashing.sha256Hex(effectiveJson());
    }
}
