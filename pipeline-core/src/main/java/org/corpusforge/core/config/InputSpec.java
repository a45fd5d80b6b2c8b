package org.corpusforge.core.config;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.corpusforge.core.model.SourceKind;

/** One entry of {@code inputs:}: a path or glob, how to read the files it matches, and what they are. */
public record InputSpec(
        String path,
        String name,
        String format,
        SourceKind source,
        String license,
        JsonlFields jsonl,
        TextOptions text) implements Serializable {

    public static final String AUTO = "auto";

    /** Which JSON fields of a JSONL record hold the document's parts. */
    public record JsonlFields(String idField, String textField, String titleField, String urlField,
                              String dateField, String licenseField, List<String> attributeFields)
            implements Serializable {}

    /** How a plain text file becomes documents: the whole file, or one per line matching an optional pattern. */
    public record TextOptions(String unit, String linePattern) implements Serializable {
        public Pattern compiledPattern() {
            return linePattern == null ? null : Pattern.compile(linePattern);
        }
    }

    static InputSpec parse(ConfigNode node) {
        String path = node.requireString("path");
        String name = node.string("name", null);
        String format = node.choice("format", AUTO, AUTO, "jsonl", "text");
        SourceKind source;
        String sourceLabel = node.choice("source", "web", "web", "book", "transcript");
        source = SourceKind.parse(sourceLabel);
        String license = node.string("license", null);
        ConfigNode j = node.child("jsonl");
        JsonlFields fields = new JsonlFields(
                j.string("id_field", "id"),
                j.requireStringOr("text_field", "text"),
                j.string("title_field", "title"),
                j.string("url_field", "url"),
                j.string("date_field", "date"),
                j.string("license_field", "license"),
                List.copyOf(j.stringList("attribute_fields")));
        ConfigNode t = node.child("text");
        String unit = t.choice("unit", "file", "file", "line");
        String pattern = t.string("line_pattern", null);
        if (pattern != null) {
            try {
                Pattern compiled = Pattern.compile(pattern);
                if (!compiled.pattern().contains("(?<text>")) {
                    throw new ConfigException(t.path() + ".line_pattern: expected a named group (?<text>...), got \""
                            + pattern + "\"");
                }
            } catch (PatternSyntaxException e) {
                throw new ConfigException(t.path() + ".line_pattern: not a valid regular expression: "
                        + e.getDescription());
            }
            if (!"line".equals(unit)) {
                throw new ConfigException(t.path() + ".line_pattern: only used with unit: line");
            }
        }
        return new InputSpec(path, name, format, source, license, fields, new TextOptions(unit, pattern));
    }
}
