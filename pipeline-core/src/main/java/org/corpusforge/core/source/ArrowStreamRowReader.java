package org.corpusforge.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;
import org.corpusforge.core.source.InputSpec.JsonlFields;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * Arrow IPC streams ({@code .arrow}), as Hugging Face datasets' {@code save_to_disk} writes a dataset
 * ({@code data-00000-of-00001.arrow}): a row per document, its parts from the columns {@code jsonl:} names, mapped as
 * a JSON line's fields are. Read one record batch at a time (datasets writes 1,000 rows a batch) in Arrow's own
 * memory, which is bounded: a batch that needs more than 4 times {@code max_record_bytes} ends the file with a
 * {@code read-error}. Locator: {@code batch:B,row:R} (R counts the file's rows from 0).
 */
final class ArrowStreamRowReader implements RecordReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        JsonlFields fields = file.spec().jsonl();
        long limit = file.spec().maxRecordBytes();
        return new LazyOutcomes(file) {
            private BufferAllocator allocator;
            private ArrowStreamReader reader;
            private VectorSchemaRoot root;
            private int batch = -1;
            private int rowInBatch;
            private long row;
            private boolean ended;

            @Override
            protected Outcome computeNext() throws IOException {
                if (ended) {
                    return null;
                }
                if (reader == null) {
                    allocator = new RootAllocator(4 * limit);
                    reader = new ArrowStreamReader(in, allocator);
                    root = reader.getVectorSchemaRoot();
                    String problem = textColumnProblem(root, fields.textField());
                    if (problem != null) {
                        end();
                        return Outcome.unreadable(file.idPrefix(), file.source(),
                                new Provenance(file.uri(), "file", file.sha256()),
                                problem.startsWith("no ") ? "missing-text-column" : "text-column-not-a-string",
                                problem, null);
                    }
                }
                while (batch < 0 || rowInBatch >= root.getRowCount()) {
                    if (!reader.loadNextBatch()) {
                        end();
                        return null;
                    }
                    batch++;
                    rowInBatch = 0;
                }
                int i = rowInBatch++;
                long index = row++;
                String locator = "batch:" + batch + ",row:" + index;
                String locationId = file.idPrefix() + ":" + index;
                Provenance provenance = new Provenance(file.uri(), locator, file.sha256());
                ObjectNode record = NODES.objectNode();
                for (FieldVector vector : root.getFieldVectors()) {
                    record.set(vector.getName(), json(vector.getObject(i)));
                }
                JsonNode text = record.get(fields.textField());
                if (text != null && text.isTextual() && text.asText().length() > limit) {
                    return Outcome.unreadable(locationId, file.source(), provenance, "record-too-large",
                            "text longer than max_record_bytes (" + limit + ")", null);
                }
                return JsonRecords.toOutcome(record, file, fields, provenance, locationId, null, Map.of());
            }

            @Override
            protected String currentLocator() {
                return "batch:" + Math.max(0, batch) + ",row:" + row;
            }

            private void end() throws IOException {
                ended = true;
                reader.close();
                allocator.close();
            }
        };
    }

    /** Why the text column cannot be read, or null. */
    private static String textColumnProblem(VectorSchemaRoot root, String column) {
        List<Field> fields = root.getSchema().getFields();
        Field field = fields.stream().filter(f -> f.getName().equals(column)).findFirst().orElse(null);
        if (field == null) {
            return "no column '" + column + "' (columns: " + String.join(", ", fields.stream().map(Field::getName)
                    .toList()) + ")";
        }
        ArrowType type = field.getType();
        if (!(type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                || type instanceof ArrowType.Utf8View)) {
            return "column '" + column + "' is " + type + ", not a string";
        }
        return null;
    }

    /** Arrow's Java value as JSON: text, numbers, booleans, lists, structs and maps as they are; others as text. */
    private static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Text t) {
            return NODES.textNode(t.toString());
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof Double) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), json(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(v -> node.add(json(v)));
            return node;
        }
        return NODES.textNode(String.valueOf(value));
    }
}
