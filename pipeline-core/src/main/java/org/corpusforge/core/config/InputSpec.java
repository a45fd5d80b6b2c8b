package org.corpusforge.core.config;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.source.CharsetSniffer;

/** One entry of {@code inputs:}: a path or glob, how to read the files it matches, and what they are. */
public record InputSpec(
        String path,
        String name,
        String format,
        SourceKind source,
        String license,
        String encoding,
        String markup,
        long maxRecordBytes,
        JsonlFields jsonl,
        TextOptions text,
        TranscriptOptions transcript) implements Serializable {

    public static final String AUTO = "auto";
    /** Every format a reader exists for; {@code auto} decides per file from its name, then its first bytes. */
    public static final List<String> FORMATS = org.corpusforge.core.source.InputFormats.names();

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

    /** How transcripts are laid out: the TSV column separator and the JSONL field names. */
    public record TranscriptOptions(String delimiter, String idField, String segmentsField)
            implements Serializable {}

    static InputSpec parse(ConfigNode node) {
        String path = node.requireString("path");
        String name = node.string("name", null);
        String[] formats = new String[FORMATS.size() + 1];
        formats[0] = AUTO;
        for (int i = 0; i < FORMATS.size(); i++) {
            formats[i + 1] = FORMATS.get(i);
        }
        String format = node.choice("format", AUTO, formats);
        String sourceLabel = node.choice("source", AUTO, AUTO, "web", "book", "transcript");
        SourceKind source = AUTO.equals(sourceLabel) ? null : SourceKind.parse(sourceLabel);
        String license = node.string("license", null);
        String encoding = node.requireStringOr("encoding", AUTO);
        if (!AUTO.equals(encoding) && CharsetSniffer.charset(encoding) == null) {
            throw new ConfigException(node.path() + ".encoding: unknown charset \"" + encoding + "\"");
        }
        String markup = node.choice("markup", "none", "none", "aozora");
        long maxRecordBytes = node.longValue("max_record_bytes", 64L << 20, 1, Integer.MAX_VALUE - 64);
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
        ConfigNode tr = node.child("transcript");
        TranscriptOptions transcript = new TranscriptOptions(
                tr.requireStringOr("delimiter", "\t"),
                tr.requireStringOr("id_field", "id"),
                tr.requireStringOr("segments_field", "segments"));
        return new InputSpec(path, name, format, source, license, encoding, markup, maxRecordBytes, fields,
                new TextOptions(unit, pattern), transcript);
    }

    public InputSpec withName(String newName) {
        return new InputSpec(path, newName, format, source, license, encoding, markup, maxRecordBytes, jsonl, text,
                transcript);
    }
}
