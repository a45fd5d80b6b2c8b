package org.corpusforge.core.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.corpusforge.core.config.InputSpec.JsonlFields;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * JSON Lines: one JSON object per line, field names from the input's {@code jsonl:} settings. Blank lines
 * are not records. The id is the record's id field when it has one, else {@code <input>/<file>:<line>}.
 */
final class JsonlReader implements RecordReader {
    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        ByteLineReader lines = new ByteLineReader(in, (int) file.spec().maxRecordBytes());
        StrictUtf8 utf8 = new StrictUtf8();
        JsonlFields fields = file.spec().jsonl();
        return new LazyOutcomes(file) {
            @Override
            protected Outcome computeNext() throws IOException {
                byte[] raw;
                while ((raw = lines.next()) != null) {
                    if (lines.lastLineTooLong()) {
                        long line = lines.lineNumber();
                        return Outcome.unreadable(file.idPrefix() + ":" + line, file.source(),
                                new Provenance(file.uri(), "line:" + line, file.sha256()), "record-too-large",
                                "line longer than max_record_bytes (" + file.spec().maxRecordBytes() + ")", null);
                    }
                    if (!isBlank(raw)) {
                        return parse(raw, lines.lineNumber(), file, fields, utf8);
                    }
                }
                return null;
            }

            @Override
            protected String currentLocator() {
                return "line:" + (lines.lineNumber() + 1);
            }
        };
    }

    private static Outcome parse(byte[] raw, long line, InputFile file, JsonlFields fields, StrictUtf8 utf8) {
        String locator = "line:" + line;
        String locationId = file.idPrefix() + ":" + line;
        Provenance provenance = new Provenance(file.uri(), locator, file.sha256());
        String json = utf8.decode(raw);
        if (json == null) {
            return Outcome.unreadable(locationId, file.source(), provenance, "invalid-utf8",
                    StrictUtf8.describeError(raw), StrictUtf8.lenient(raw));
        }
        JsonNode record;
        try {
            record = StrictJson.parse(json);
        } catch (JsonProcessingException e) {
            return Outcome.unreadable(locationId, file.source(), provenance, "malformed-json",
                    StrictJson.describe(e), json);
        }
        if (record == null || !record.isObject()) {
            return Outcome.unreadable(locationId, file.source(), provenance, "not-an-object",
                    "expected a JSON object per line", json);
        }
        JsonNode text = record.get(fields.textField());
        if (text == null || text.isNull()) {
            return Outcome.unreadable(locationId, file.source(), provenance, "missing-text",
                    "no field '" + fields.textField() + "'", json);
        }
        if (!text.isTextual()) {
            return Outcome.unreadable(locationId, file.source(), provenance, "text-not-a-string",
                    "field '" + fields.textField() + "' is not a string", json);
        }
        String id = value(record, fields.idField());
        Map<String, String> attributes = new LinkedHashMap<>();
        String body = text.asText();
        int surrogates = LoneSurrogates.count(body);
        if (surrogates > 0) {
            body = LoneSurrogates.replace(body);
            attributes.put("lone_surrogates_replaced", String.valueOf(surrogates));
        }
        for (String name : fields.attributeFields()) {
            String v = value(record, name);
            if (v != null) {
                attributes.put(name, v);
            }
        }
        if ("aozora".equals(file.spec().markup())) {
            attributes.put("markup", "aozora");
        }
        String license = value(record, fields.licenseField());
        Metadata metadata = new Metadata(value(record, fields.titleField()), value(record, fields.urlField()),
                value(record, fields.dateField()), license != null ? license : file.spec().license(), attributes);
        Document doc = new Document(id == null || id.isBlank() ? locationId : id, body,
                file.source(), provenance, metadata);
        return Outcome.kept(doc);
    }

    /** A field as a string: text as is, numbers and booleans as written, lists and objects as JSON. */
    private static String value(JsonNode record, String field) {
        if (field == null) {
            return null;
        }
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return LoneSurrogates.replace(v.isValueNode() ? v.asText() : v.toString());
    }

    private static boolean isBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
