package org.corpusforge.core.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.source.CharsetSniffer;
import org.corpusforge.core.source.InputSpec;

/** Reads one entry of {@code inputs:} (or {@code input_defaults:} with a path) into an {@link InputSpec}, checked. */
final class InputSection {
    private InputSection() {}

    static InputSpec parse(ConfigNode node) {
        String path = node.requireString("path");
        String name = node.string("name", null);
        String[] formats = new String[InputSpec.FORMATS.size() + 1];
        formats[0] = InputSpec.AUTO;
        for (int i = 0; i < InputSpec.FORMATS.size(); i++) {
            formats[i + 1] = InputSpec.FORMATS.get(i);
        }
        String format = node.choice("format", InputSpec.AUTO, formats);
        String sourceLabel = node.choice("source", InputSpec.AUTO, InputSpec.AUTO, "web", "book", "transcript");
        SourceKind source = InputSpec.AUTO.equals(sourceLabel) ? null : SourceKind.parse(sourceLabel);
        String license = node.string("license", null);
        String encoding = node.requireStringOr("encoding", InputSpec.AUTO);
        if (!InputSpec.AUTO.equals(encoding) && CharsetSniffer.charset(encoding) == null) {
            throw new ConfigException(node.path() + ".encoding: unknown charset \"" + encoding + "\"");
        }
        String markup = node.choice("markup", "none", "none", "aozora");
        long maxRecordBytes = node.longValue("max_record_bytes", 64L << 20, 1, Integer.MAX_VALUE - 64);
        ConfigNode j = node.child("jsonl");
        InputSpec.JsonlFields fields = new InputSpec.JsonlFields(
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
        InputSpec.TranscriptOptions transcript = new InputSpec.TranscriptOptions(
                tr.requireStringOr("delimiter", "\t"),
                tr.requireStringOr("id_field", "id"),
                tr.requireStringOr("segments_field", "segments"));
        return new InputSpec(path, name, format, source, license, encoding, markup, maxRecordBytes, fields,
                new InputSpec.TextOptions(unit, pattern), transcript);
    }
}
