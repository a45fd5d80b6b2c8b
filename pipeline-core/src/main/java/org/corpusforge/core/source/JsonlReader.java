package org.corpusforge.core.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.corpusforge.core.source.InputSpec.JsonlFields;
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
        return JsonRecords.toOutcome(record, file, fields, provenance, locationId, json, java.util.Map.of());
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
