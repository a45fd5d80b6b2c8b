package org.corpusforge.core.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A Parquet file's footer, read and checked against the file's real length before parquet-mr builds anything from
 * it: parquet-mr believes what a footer claims (a list's length, a schema's nesting, a column chunk's size) and
 * allocates or recurses accordingly, so a 200-byte file can end a run with an OutOfMemoryError or a
 * StackOverflowError. Here the footer's size is bounded, its Thrift is walked ({@link ThriftCompactBounds}), its
 * schema's nesting is measured without recursion, and every column chunk must lie inside the file. A row group whose
 * chunks lie is {@linkplain #damagedRowGroups() named} so the reader can quarantine it and go on with the others.
 */
final class ParquetFooter {
    /** Far above a real footer (FineWeb's files: under 100 kB; a 1,000-row-group file: a few MB). */
    static final int MAX_FOOTER_BYTES = 64 << 20;
    /** Levels of nested groups; pyarrow and Spark refuse far less deep schemas than this. */
    static final int MAX_SCHEMA_DEPTH = 64;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final ParquetMetadata metadata;
    private final Map<Integer, String> damagedRowGroups;

    private ParquetFooter(ParquetMetadata metadata, Map<Integer, String> damagedRowGroups) {
        this.metadata = metadata;
        this.damagedRowGroups = damagedRowGroups;
    }

    ParquetMetadata metadata() {
        return metadata;
    }

    /** Row groups (by index) whose column chunks claim bytes the file does not hold, with why. */
    Map<Integer, String> damagedRowGroups() {
        return damagedRowGroups;
    }

    /** The footer of the file, or an IOException saying what about it cannot be believed. */
    static ParquetFooter read(RandomAccessBytes bytes) throws IOException {
        long length = bytes.length();
        if (length < 12) {
            throw new IOException("a file of " + length + " bytes is too short for Parquet");
        }
        byte[] tail = new byte[8];
        bytes.readFully(length - 8, tail, 0, 8);
        if (!java.util.Arrays.equals(tail, 4, 8, MAGIC, 0, 4)) {
            throw new IOException("the file does not end with PAR1 (not Parquet, or an encrypted footer)");
        }
        long footerLength = (tail[0] & 0xFFL) | (tail[1] & 0xFFL) << 8 | (tail[2] & 0xFFL) << 16
                | (tail[3] & 0xFFL) << 24;
        if (footerLength == 0 || footerLength > length - 12) {
            throw new IOException("the footer claims " + footerLength + " bytes of a " + length + "-byte file");
        }
        if (footerLength > MAX_FOOTER_BYTES) {
            throw new IOException("the footer claims " + footerLength + " bytes, more than " + MAX_FOOTER_BYTES
                    + " read for one");
        }
        byte[] footer = new byte[(int) footerLength];
        long footerStart = length - 8 - footerLength;
        bytes.readFully(footerStart, footer, 0, footer.length);
        ThriftCompactBounds.structLength(footer, 0, footer.length);
        FileMetaData format = Util.readFileMetaData(new ByteArrayInputStream(footer));
        schemaDepthProblem(format.getSchema());
        Map<Integer, String> damaged = new TreeMap<>();
        List<RowGroup> rowGroups = format.getRow_groups();
        for (int g = 0; g < rowGroups.size(); g++) {
            String problem = chunkProblem(rowGroups.get(g), footerStart);
            if (problem != null) {
                damaged.put(g, problem);
            }
        }
        return new ParquetFooter(new ParquetMetadataConverter().fromParquetMetadata(format), damaged);
    }

    /** Throws when the flat schema list nests deeper than {@link #MAX_SCHEMA_DEPTH} or miscounts its children. */
    private static void schemaDepthProblem(List<SchemaElement> schema) throws IOException {
        if (schema == null || schema.isEmpty()) {
            throw new IOException("the footer holds no schema");
        }
        long[] remaining = new long[MAX_SCHEMA_DEPTH + 1];
        int depth = 0;
        for (int i = 0; i < schema.size(); i++) {
            if (i > 0) {
                while (depth > 0 && remaining[depth - 1] == 0) {
                    depth--;
                }
                if (depth == 0) {
                    throw new IOException("the schema lists " + schema.size() + " fields, more than its root holds");
                }
                remaining[depth - 1]--;
            }
            SchemaElement element = schema.get(i);
            int children = element.isSetNum_children() ? element.getNum_children() : 0;
            if (children < 0) {
                throw new IOException("schema field " + i + " claims " + children + " children");
            }
            if (children > 0) {
                if (depth == MAX_SCHEMA_DEPTH) {
                    throw new IOException("the schema nests deeper than " + MAX_SCHEMA_DEPTH + " levels");
                }
                remaining[depth++] = children;
            }
        }
        while (depth > 0 && remaining[depth - 1] == 0) {
            depth--;
        }
        if (depth > 0) {
            throw new IOException("the schema claims more fields than the " + schema.size() + " it lists");
        }
    }

    /** Why a row group's column chunks cannot be believed (bytes outside the file's data), or null. */
    private static String chunkProblem(RowGroup group, long dataEnd) {
        if (group.getNum_rows() < 0) {
            return "it claims " + group.getNum_rows() + " rows";
        }
        List<ColumnChunk> columns = group.getColumns();
        for (ColumnChunk column : columns == null ? List.<ColumnChunk>of() : columns) {
            if (!column.isSetMeta_data()) {
                return "a column chunk has no metadata (encrypted, or kept in another file)";
            }
            ColumnMetaData meta = column.getMeta_data();
            long start = meta.getData_page_offset();
            if (meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0) {
                start = Math.min(start, meta.getDictionary_page_offset());
            }
            long size = meta.getTotal_compressed_size();
            String name = meta.getPath_in_schema() == null ? "?" : String.join(".", meta.getPath_in_schema());
            if (start < MAGIC.length || size < 0 || size > dataEnd - start || meta.getTotal_uncompressed_size() < 0
                    || meta.getNum_values() < 0) {
                return "column '" + name + "' claims " + size + " bytes at byte " + start + " ("
                        + meta.getTotal_uncompressed_size() + " uncompressed, " + meta.getNum_values()
                        + " values) of a file whose data ends at byte " + dataEnd;
            }
        }
        return null;
    }
}
