package org.corpusforge.jobs.io;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a corpus shard, defined once. Column names are the contract model teams read;
 * the README documents each of them. Maps are standard Parquet MAPs, so Spark, pandas and DuckDB read them.
 */
public final class DocumentSchema {
    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String SOURCE = "source";
    public static final String SOURCE_URI = "source_uri";
    public static final String SOURCE_LOCATOR = "source_locator";
    public static final String SOURCE_SHA256 = "source_sha256";
    public static final String TITLE = "title";
    public static final String URL = "url";
    public static final String DATE = "date";
    public static final String LICENSE = "license";
    public static final String ATTRIBUTES = "attributes";
    public static final String CONTENT_SHA256 = "content_sha256";
    public static final String SIGNALS = "signals";
    public static final String TOKEN_COUNT = "token_count";
    public static final String TOKEN_IDS = "token_ids";

    /** @param withTokenIds whether rows carry their token ids ({@code tokenizer.write_ids}) */
    public static MessageType schema(boolean withTokenIds) {
        Types.GroupBuilder<MessageType> message = Types.buildMessage()
                .addField(string(ID, Type.Repetition.REQUIRED))
                .addField(string(TEXT, Type.Repetition.REQUIRED))
                .addField(string(SOURCE, Type.Repetition.REQUIRED))
                .addField(string(SOURCE_URI, Type.Repetition.REQUIRED))
                .addField(string(SOURCE_LOCATOR, Type.Repetition.REQUIRED))
                .addField(string(SOURCE_SHA256, Type.Repetition.OPTIONAL))
                .addField(string(TITLE, Type.Repetition.OPTIONAL))
                .addField(string(URL, Type.Repetition.OPTIONAL))
                .addField(string(DATE, Type.Repetition.OPTIONAL))
                .addField(string(LICENSE, Type.Repetition.OPTIONAL))
                .addField(Types.requiredMap()
                        .key(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .requiredValue(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(ATTRIBUTES))
                .addField(string(CONTENT_SHA256, Type.Repetition.REQUIRED))
                .addField(Types.requiredMap()
                        .key(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .requiredValue(PrimitiveTypeName.DOUBLE)
                        .named(SIGNALS))
                // null when the run had no tokenizer
                .addField(Types.primitive(PrimitiveTypeName.INT32, Type.Repetition.OPTIONAL).named(TOKEN_COUNT));
        if (withTokenIds) {
            message.addField(Types.optionalList().requiredElement(PrimitiveTypeName.INT32).named(TOKEN_IDS));
        }
        return message.named("document");
    }

    private DocumentSchema() {}

    private static Type string(String name, Type.Repetition repetition) {
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
    }
}
