package org.corpusforge.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.corpusforge.core.source.InputSpec.JsonlFields;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * A record given as a JSON object (a JSONL line, a Parquet row) made into a document by the input's field names
 * ({@code jsonl:}): the same mapping whatever the file held it.
 */
final class JsonRecords {
    private JsonRecords() {}

    /**
     * The record's document, or its quarantine: no text field ({@code missing-text}), or one that is no string.
     * @param locationId the id a record without its own takes
     * @param raw        what a quarantine record shows of it
     * @param inherited  attributes the record brings from elsewhere (a corpus's own provenance), before its fields
     */
    static Outcome toOutcome(JsonNode record, InputFile file, JsonlFields fields, Provenance provenance,
                             String locationId, String raw, Map<String, String> inherited) {
        String json = raw;
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
        Map<String, String> attributes = new LinkedHashMap<>(inherited);
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
    static String value(JsonNode record, String field) {
        if (field == null) {
            return null;
        }
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return LoneSurrogates.replace(v.isValueNode() ? v.asText() : v.toString());
    }
}
