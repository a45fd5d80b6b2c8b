package org.corpusforge.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** A Parquet row as a JSON object: structs as objects, lists as arrays, maps as objects keyed by their keys. */
public final class ParquetRows {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParquetRows() {}

    /** Top-level columns all appear (null when absent); fields of a struct only when set. */
    public static ObjectNode toJson(Group group) {
        return toJson(group, true);
    }

    private static ObjectNode toJson(Group group, boolean withNulls) {
        ObjectNode node = NODES.objectNode();
        GroupType type = group.getType();
        for (int f = 0; f < type.getFieldCount(); f++) {
            Type field = type.getType(f);
            int count = group.getFieldRepetitionCount(f);
            if (field.isRepetition(Type.Repetition.REPEATED)) {
                ArrayNode items = node.putArray(field.getName());
                for (int i = 0; i < count; i++) {
                    items.add(value(group, f, i));
                }
            } else if (count > 0) {
                node.set(field.getName(), value(group, f, 0));
            } else if (withNulls) {
                node.set(field.getName(), NODES.nullNode());
            }
        }
        return node;
    }

    private static JsonNode value(Group group, int field, int index) {
        Type type = group.getType().getType(field);
        if (!type.isPrimitive()) {
            Group inner = group.getGroup(field, index);
            LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
            if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
                ObjectNode map = NODES.objectNode();
                for (int i = 0; i < inner.getFieldRepetitionCount(0); i++) {
                    Group entry = inner.getGroup(0, i);
                    map.set(entry.getString(0, 0), value(entry, 1, 0));
                }
                return map;
            }
            if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                ArrayNode list = NODES.arrayNode();
                for (int i = 0; i < inner.getFieldRepetitionCount(0); i++) {
                    Group element = inner.getGroup(0, i);
                    list.add(element.getFieldRepetitionCount(0) == 0 ? NODES.nullNode() : value(element, 0, 0));
                }
                return list;
            }
            return toJson(inner, false);
        }
        PrimitiveType primitive = type.asPrimitiveType();
        return switch (primitive.getPrimitiveTypeName()) {
            case INT32 -> NODES.numberNode(group.getInteger(field, index));
            case INT64 -> NODES.numberNode(group.getLong(field, index));
            case FLOAT -> NODES.numberNode(group.getFloat(field, index));
            case DOUBLE -> NODES.numberNode(group.getDouble(field, index));
            case BOOLEAN -> NODES.booleanNode(group.getBoolean(field, index));
            default -> primitive.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    ? NODES.textNode(group.getString(field, index))
                    : NODES.textNode(group.getBinary(field, index).toStringUsingUTF8());
        };
    }
}
