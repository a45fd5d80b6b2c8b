package org.corpusforge.core.source;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import org.corpusforge.core.model.SourceKind;

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
    public static final List<String> FORMATS = InputFormats.names();

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


    public InputSpec withName(String newName) {
        return new InputSpec(path, newName, format, source, license, encoding, markup, maxRecordBytes, jsonl, text,
                transcript);
    }
}
