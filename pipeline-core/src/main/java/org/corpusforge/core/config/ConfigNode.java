package org.corpusforge.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of the YAML configuration, read through typed accessors that name the full key path in
 * every error ({@code stages[1].min_chars: expected a number, got "abc"}). Every value read, including
 * the defaults used, is recorded into an effective configuration that goes into the manifest; keys that
 * nobody read are reported by {@link #rejectUnknownKeys()}, so a typo never passes silently.
 */
public final class ConfigNode {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String path;
    private final JsonNode node;
    private final ObjectNode effective;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<ConfigNode> children = new ArrayList<>();
    /** The list element this node is in, by its id or name (a stage's), for messages; null when none. */
    private String label;

    private ConfigNode(String path, JsonNode node, ObjectNode effective) {
        this.path = path;
        this.node = node;
        this.effective = effective;
        if (!node.isObject()) {
            throw new ConfigException(where() + "expected a mapping of keys, got " + describe(node));
        }
    }

    public static ConfigNode root(JsonNode node) {
        return new ConfigNode("", node == null || node.isNull() || node.isMissingNode() ? NODES.objectNode() : node,
                NODES.objectNode());
    }

    /** The path of this mapping, e.g. {@code stages[1]}; empty at the root. */
    public String path() { return path; }

    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    public String string(String key, String defaultValue) {
        JsonNode value = take(key);
        String result;
        if (value == null) {
            result = defaultValue;
        } else if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            result = value.asText();
        } else {
            throw expected(key, "a string", value);
        }
        record(key, result == null ? NODES.nullNode() : NODES.textNode(result));
        return result;
    }

    public String requireString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw new ConfigException(where() + "missing required key '" + key + "'", join(key));
        }
        return value;
    }

    /** A string that must not be empty when given; an absent key takes the default. */
    public String requireStringOr(String key, String defaultValue) {
        String value = string(key, defaultValue);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(shown(key) + ": expected a non-empty string", join(key));
        }
        return value;
    }

    /** A string that must be one of {@code allowed}. */
    public String choice(String key, String defaultValue, String... allowed) {
        String value = string(key, defaultValue);
        if (value == null) {
            return null;
        }
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw new ConfigException(shown(key) + ": expected one of " + String.join(", ", allowed) + ", got \""
                + value + "\"", join(key));
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        JsonNode value = take(key);
        long result;
        if (value == null) {
            result = defaultValue;
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            result = value.asLong();
        } else {
            throw expected(key, "a whole number", value);
        }
        if (result < min || result > max) {
            throw new ConfigException(shown(key) + ": expected a whole number from " + min + " to " + max
                    + ", got " + result, join(key));
        }
        record(key, NODES.numberNode(result));
        return result;
    }

    /**
     * A setting's number as the effective configuration records it: a whole number without a fraction (a card reads
     * {@code min_chars: 400}, not {@code 400.0}), any other as it is.
     */
    private static JsonNode number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? NODES.numberNode((long) value)
                : NODES.numberNode(value);
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public double doubleValue(String key, double defaultValue, double min, double max) {
        JsonNode value = take(key);
        double result;
        if (value == null) {
            result = defaultValue;
        } else if (value.isNumber()) {
            result = value.asDouble();
        } else {
            throw expected(key, "a number", value);
        }
        if (!(result >= min && result <= max)) {
            throw new ConfigException(shown(key) + ": expected a number from " + min + " to " + max + ", got "
                    + result, join(key));
        }
        record(key, number(result));
        return result;
    }

    /** A number from {@code min} to {@code max}, or {@code false} to switch off what it configures (then null). */
    public Double thresholdOrOff(String key, double defaultValue, double min, double max) {
        JsonNode value = take(key);
        if (value != null && value.isBoolean() && !value.asBoolean()) {
            record(key, NODES.booleanNode(false));
            return null;
        }
        if (value != null && !value.isNumber()) {
            throw expected(key, "a number, or false to switch the rule off", value);
        }
        double result = value == null ? defaultValue : value.asDouble();
        if (!(result >= min && result <= max)) {
            throw new ConfigException(shown(key) + ": expected a number from " + min + " to " + max
                    + ", or false to switch the rule off, got " + result, join(key));
        }
        record(key, number(result));
        return result;
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode value = take(key);
        boolean result;
        if (value == null) {
            result = defaultValue;
        } else if (value.isBoolean()) {
            result = value.asBoolean();
        } else if (value.isTextual() && value.asText().matches("(?i)yes|no|on|off|y|n")) {
            throw new ConfigException(shown(key) + ": expected true or false, got \"" + value.asText()
                    + "\" (corpusforge reads YAML 1.2, where yes, no, on and off are words)", join(key));
        } else {
            throw expected(key, "true or false", value);
        }
        record(key, NODES.booleanNode(result));
        return result;
    }

    public List<String> stringList(String key) {
        return stringList(key, List.of());
    }

    /** A list of strings; an absent key gives {@code defaultValue}. */
    public List<String> stringList(String key, List<String> defaultValue) {
        JsonNode value = take(key);
        List<String> result = new ArrayList<>(value == null ? defaultValue : List.of());
        if (value != null) {
            if (!value.isArray()) {
                throw expected(key, "a list of strings", value);
            }
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw expected(key, "a list of strings", value);
                }
                result.add(item.asText());
            }
        }
        ArrayNode recorded = NODES.arrayNode();
        result.forEach(recorded::add);
        record(key, recorded);
        return result;
    }

    /** A mapping of plain values, kept as strings in their written order (e.g. Spark settings). */
    public Map<String, String> stringMap(String key) {
        JsonNode value = take(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (value != null) {
            if (!value.isObject()) {
                throw expected(key, "a mapping of keys to values", value);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new ConfigException(shown(key) + "." + e.getKey() + ": expected a plain value, got "
                            + describe(e.getValue()));
                }
                result.put(e.getKey(), e.getValue().asText());
            }
        }
        ObjectNode recorded = NODES.objectNode();
        result.forEach(recorded::put);
        record(key, recorded);
        return result;
    }

    /** A nested mapping; an absent key gives an empty mapping, so its defaults still apply. */
    public ConfigNode child(String key) {
        JsonNode value = take(key);
        ObjectNode childEffective = NODES.objectNode();
        record(key, childEffective);
        ConfigNode child = new ConfigNode(join(key), value == null ? NODES.objectNode() : value, childEffective);
        child.label = label;
        children.add(child);
        return child;
    }

    /** A list of mappings. */
    public List<ConfigNode> list(String key) {
        JsonNode value = take(key);
        ArrayNode recorded = NODES.arrayNode();
        record(key, recorded);
        List<ConfigNode> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            throw expected(key, "a list", value);
        }
        for (int i = 0; i < value.size(); i++) {
            ObjectNode itemEffective = NODES.objectNode();
            recorded.add(itemEffective);
            ConfigNode item = new ConfigNode(join(key) + "[" + i + "]", value.get(i), itemEffective);
            // messages name the element as the user knows it: "stages[9] (quality): unknown key ..."
            JsonNode name = value.get(i).has("id") ? value.get(i).get("id") : value.get(i).get("name");
            item.label = name != null && name.isTextual() ? name.asText() : null;
            children.add(item);
            result.add(item);
        }
        return result;
    }

    /** Fails on the first key, here or below, that no accessor read. */
    /** A key this mapping knows though it was taken out before reading (input_defaults), for the known-key list. */
    public void known(String key) {
        read.add(key);
    }

    public void rejectUnknownKeys() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                throw new ConfigException(where() + "unknown key '" + key + "'" + NearestName.suggest(key, read)
                        + (read.isEmpty() ? "" : " (known here: " + String.join(", ", new TreeSet<>(read)) + ")"),
                        join(key));
            }
        }
        children.forEach(ConfigNode::rejectUnknownKeys);
    }

    /** The configuration as it was used: every key read, with the defaults filled in. */
    public ObjectNode effective() {
        return effective;
    }

    private JsonNode take(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private void record(String key, JsonNode value) {
        effective.set(key, value);
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A key as messages show it: its path, and the list element it is in ("stages[9].min_chars (quality)"). */
    private String shown(String key) {
        return join(key) + (label == null ? "" : " (" + label + ")");
    }

    private String where() {
        return path.isEmpty() ? "" : path + (label == null ? "" : " (" + label + ")") + ": ";
    }

    private ConfigException expected(String key, String what, JsonNode got) {
        return new ConfigException(shown(key) + ": expected " + what + ", got " + describe(got), join(key));
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "\"" + value.asText() + "\"";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.toString();
    }
}
