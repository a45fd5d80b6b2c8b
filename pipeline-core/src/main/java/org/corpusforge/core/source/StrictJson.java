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
}
