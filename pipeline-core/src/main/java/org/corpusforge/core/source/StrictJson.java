package org.corpusforge.core.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses one JSON line strictly: exactly one value per line ({@code {"text":"a"}{"text":"b"}} is an error, not
 * the first object with the rest ignored), and no limit on string length beyond the line limit the reader already
 * applied ({@code max_record_bytes}); Jackson's default of 20 M characters would quarantine long books as malformed.
 * Nesting stays limited (Jackson's 1,000 levels), so a deep line is an error rather than a stack overflow.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {}

    public static JsonNode parse(String line) throws JsonProcessingException {
        return MAPPER.readTree(line);
    }

    /**
     * What is wrong with a line, for a quarantine record's detail: where, and the kind of fault, never Jackson's
     * own message, which quotes the line's tokens (an e-mail address cut where the masker no longer sees one).
     */
    public static String describe(JsonProcessingException e) {
        String kind = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what = kind.startsWith("Unexpected end-of-input") ? "the line ends inside a value"
                : kind.startsWith("Trailing token") ? "more than one value on the line"
                : kind.contains("nesting depth") ? "nested too deep"
                : kind.startsWith("Unrecognized token") ? "a word that is no JSON value"
                : kind.startsWith("Unexpected character") ? "an unexpected character"
                : kind.startsWith("Illegal unquoted character") ? "a control character inside a string"
                : "not valid JSON";
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return what + (column > 0 ? " (at character " + column + ")" : "");
    }
}
