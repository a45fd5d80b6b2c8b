package org.corpusforge.filters.decontam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The items of an evaluation set, read from JSON lines, a JSON array of objects, or SQuAD-format JSON
 * ({@code {"data": [{"paragraphs": [{"context", "qas": [{"id", "question"}]}]}]}}). Without named fields, the
 * formats of JGLUE are recognised: JSQuAD (SQuAD: question, then its context), JCommonsenseQA ({@code question},
 * {@code choice0..4}), JNLI and JSTS ({@code sentence1}, {@code sentence2}); other files name their fields and,
 * optionally, the field that holds an item's id (else the item's number in the file, from 1).
 */
public final class BenchmarkFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkFile() {}

    /** One evaluation item: its id and the texts of the fields that make it, in reading order. */
    public record Item(String id, List<String> fields) {}

    /**
     * @param format {@code auto} (recognised from the content), {@code squad}, {@code jsonl} or {@code json}
     * @param fields the fields that make an item's text, or empty: recognise JGLUE's
     * @param idField the field with the item's id, or null: JGLUE's, else the item's number
     * @throws IllegalArgumentException naming the item and what is wrong with it
     */
    public static List<Item> read(byte[] content, String format, List<String> fields, String idField) {
        List<JsonNode> roots = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(content)) {
            while (values.hasNextValue()) {
                roots.add(values.nextValue());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON or JSON lines at line " + e.getLocation().getLineNr()
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        boolean squad = format.equals("squad") || format.equals("auto") && roots.size() == 1
                && roots.get(0).path("data").isArray();
        if (squad) {
            if (roots.size() != 1 || !roots.get(0).path("data").isArray()) {
                throw new IllegalArgumentException("not SQuAD-format JSON (one object with a \"data\" list)");
            }
            return squad(roots.get(0).get("data"));
        }
        List<JsonNode> records = roots.size() == 1 && roots.get(0).isArray() && !format.equals("jsonl")
                ? iterable(roots.get(0).elements()) : roots;
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            items.add(item(records.get(i), i + 1, fields, idField));
        }
        return items;
    }

    private static List<Item> squad(JsonNode data) {
        List<Item> items = new ArrayList<>();
        for (JsonNode article : data) {
            for (JsonNode paragraph : article.path("paragraphs")) {
                String context = paragraph.path("context").asText("");
                for (JsonNode qa : paragraph.path("qas")) {
                    if (!qa.path("id").isValueNode() || !qa.path("question").isTextual()) {
                        throw new IllegalArgumentException("a question without \"id\" or \"question\" in the "
                                + "paragraph that starts \"" + context.substring(0, Math.min(20, context.length()))
                                + "\"");
                    }
                    items.add(new Item(qa.get("id").asText(), List.of(qa.get("question").asText(), context)));
                }
            }
        }
        return items;
    }

    private static Item item(JsonNode record, int number, List<String> fields, String idField) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("item " + number + ": not a JSON object");
        }
        List<String> names = fields.isEmpty() ? recognised(record, number) : fields;
        List<String> texts = new ArrayList<>();
        for (String name : names) {
            JsonNode value = record.get(name);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("item " + number + ": no field \"" + name + "\"");
            }
            if (value.isArray()) {
                value.forEach(v -> texts.add(v.asText()));
            } else if (value.isValueNode()) {
                texts.add(value.asText());
            } else {
                throw new IllegalArgumentException("item " + number + ": field \"" + name
                        + "\" is neither text nor a list of texts");
            }
        }
        String idName = idField != null ? idField : record.has("q_id") ? "q_id"
                : record.has("sentence_pair_id") ? "sentence_pair_id" : record.has("id") ? "id" : null;
        if (idField != null && !record.path(idField).isValueNode()) {
            throw new IllegalArgumentException("item " + number + ": no id field \"" + idField + "\"");
        }
        return new Item(idName == null ? String.valueOf(number) : record.get(idName).asText(), texts);
    }

    /** JGLUE's fields: JCommonsenseQA's question and choices, or JNLI's and JSTS's sentence pair. */
    private static List<String> recognised(JsonNode record, int number) {
        if (record.has("question") && record.has("choice0")) {
            List<String> names = new ArrayList<>(List.of("question"));
            for (int i = 0; record.has("choice" + i); i++) {
                names.add("choice" + i);
            }
            return names;
        }
        if (record.has("sentence1") && record.has("sentence2")) {
            return List.of("sentence1", "sentence2");
        }
        if (record.has("question") && record.has("context")) {
            return List.of("question", "context");
        }
        throw new IllegalArgumentException("item " + number + ": fields not recognised (JGLUE's are question and "
                + "choice0.., or sentence1 and sentence2); name them with fields:");
    }

    private static List<JsonNode> iterable(Iterator<JsonNode> it) {
        List<JsonNode> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
