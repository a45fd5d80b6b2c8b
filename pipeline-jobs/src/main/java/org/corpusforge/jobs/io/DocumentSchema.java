package org.corpusforge.jobs.io;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.corpusforge.core.manifest.Manifest;

/**
 * The Parquet schema of a corpus shard, defined once. Column names are the contract model teams read;
 * the README documents each of them.
 *
 * <p>{@code signals} and {@code attributes} are structs, one optional field per name some kept document of the
 * run carries ({@link Manifest.ShardSchema}), the same in every shard: every reader model teams use takes a
 * struct natively (Hugging Face {@code datasets} has no MAP type at all), and a query names a field directly
 * ({@code signals.char_count}). A struct with no fields cannot be written, so a run whose documents carry no
 * signal (or no attribute) has no such column.
 */
public final class DocumentSchema {
    /** The footer's {@code corpusforge.schema}: 2 had MAP columns and int32 token counts. */
    public static final String VERSION = "document/3";
    public static final String FOOTER_KEY = "corpusforge.schema";
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

    /**
     * @param withTokenIds whether rows carry their token ids ({@code tokenizer.write_ids})
     * @param fields       the struct columns' fields
     */
    public static MessageType schema(boolean withTokenIds, Manifest.ShardSchema fields) {
        Types.GroupBuilder<MessageType> message = Types.buildMessage()
                .addField(string(ID, Type.Repetition.REQUIRED))
                .addField(string(TEXT, Type.Repetition.REQUIRED))
                .addField(string(SOURCE, Type.Repetition.REQUIRED))
                .addField(string(SOURCE_URI, Type.Repetition.REQUIRED))
                .addField(string(SOURCE_LOCATOR, Type.Repetition.REQUIRED))
                // every input is checksummed before it is read
                .addField(string(SOURCE_SHA256, Type.Repetition.REQUIRED))
                .addField(string(TITLE, Type.Repetition.OPTIONAL))
                .addField(string(URL, Type.Repetition.OPTIONAL))
                .addField(string(DATE, Type.Repetition.OPTIONAL))
                .addField(string(LICENSE, Type.Repetition.OPTIONAL));
        if (!fields.attributes().isEmpty()) {
            Types.GroupBuilder<GroupType> attributes = Types.requiredGroup();
            fields.attributes().forEach(name -> attributes.addField(string(name, Type.Repetition.OPTIONAL)));
            message.addField(attributes.named(ATTRIBUTES));
        }
        message.addField(string(CONTENT_SHA256, Type.Repetition.REQUIRED));
        if (!fields.signals().isEmpty()) {
            Types.GroupBuilder<GroupType> signals = Types.requiredGroup();
            fields.signals().forEach(name -> signals.addField(
                    Types.primitive(PrimitiveTypeName.DOUBLE, Type.Repetition.OPTIONAL).named(name)));
            message.addField(signals.named(SIGNALS));
        }
        // int64 so that a sum over a corpus never wraps in a reader that sums in the column's type (Polars);
        // null when the run had no tokenizer
        message.addField(Types.primitive(PrimitiveTypeName.INT64, Type.Repetition.OPTIONAL).named(TOKEN_COUNT));
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
