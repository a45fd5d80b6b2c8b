package org.corpusforge.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Reads Parquet files without Spark, as JSON objects with every column, for {@code show} and {@code verify}. */
public final class ParquetJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParquetJson() {}

    /** The row count from the file's footer. */
    public static long rowCount(String uri, Configuration conf) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(uri), conf))) {
            return reader.getRecordCount();
        }
    }

    /**
     * The {@code token_count} column, in row order, reading that column alone (int64, or int32 in shards of schema
     * document/2); a null count is -1. A shard without the column gives an IOException.
     */
    public static int[] tokenCounts(String uri, Configuration conf) throws IOException {
        boolean wide;
        int[] counts;
        try (ParquetFileReader file = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(uri), conf))) {
            MessageType schema = file.getFooter().getFileMetaData().getSchema();
            if (!schema.containsField(DocumentSchema.TOKEN_COUNT)) {
                throw new IOException("no " + DocumentSchema.TOKEN_COUNT + " column");
            }
            wide = schema.getType(DocumentSchema.TOKEN_COUNT).asPrimitiveType().getPrimitiveTypeName()
                    == PrimitiveType.PrimitiveTypeName.INT64;
            counts = new int[Math.toIntExact(file.getRecordCount())];
        }
        Configuration projected = new Configuration(conf);
        projected.set(ReadSupport.PARQUET_READ_SCHEMA, "message document { optional " + (wide ? "int64 " : "int32 ")
                + DocumentSchema.TOKEN_COUNT + "; }");
        int row = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(uri))
                .withConf(projected).build()) {
            Group group;
            while ((group = reader.read()) != null && row < counts.length) {
                counts[row++] = group.getFieldRepetitionCount(0) == 0 ? -1
                        : wide ? Math.toIntExact(group.getLong(0, 0)) : group.getInteger(0, 0);
            }
        } catch (RuntimeException e) {
            throw new IOException("no readable " + DocumentSchema.TOKEN_COUNT + " column: " + e.getMessage(), e);
        }
        return counts;
    }

    /** The ids of a row's {@code token_ids} column as {@link #forEachRow} gives it, or null when the row has none. */
    public static int[] tokenIds(ObjectNode row) {
        JsonNode array = row.get(DocumentSchema.TOKEN_IDS);
        if (array == null || !array.isArray()) {
            return null;
        }
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asInt();
        }
        return ids;
    }

    /** Calls {@code sink} with each row, in file order, until it has seen {@code limit} rows (0: all). */
    public static long forEachRow(String uri, Configuration conf, long limit, Consumer<ObjectNode> sink)
            throws IOException {
        long seen = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(uri))
                .withConf(conf).build()) {
            Group row;
            while ((limit == 0 || seen < limit) && (row = reader.read()) != null) {
                sink.accept(toJson(row));
                seen++;
            }
        }
        return seen;
    }

    /** Top-level columns all appear (null when absent); fields of a struct only when set. */
    static ObjectNode toJson(Group group) {
        return org.corpusforge.core.source.ParquetRows.toJson(group);
    }
}
