package org.corpusforge.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.corpusforge.core.source.InputSpec.JsonlFields;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * Parquet files (a Hugging Face dataset's {@code data/*.parquet}, FineWeb-2, a corpus corpusforge wrote): one
 * document per row, its parts from the columns the input's {@code jsonl:} settings name (text, id, title, url, date,
 * licence, attribute columns), mapped as a JSON line's fields are. Only those columns are read, one row group at a
 * time, so a task holds one row group of them, never the file. Each row's locator is {@code row_group:G,row:R} (R
 * counts rows in the file from 0, as pyarrow and DuckDB do).
 *
 * <p>A row of a corpus corpusforge wrote (it has {@code source_uri}, {@code source_locator} and
 * {@code source_sha256}) keeps where it first came from: its attributes gain {@code origin_source_uri},
 * {@code origin_source_locator} and {@code origin_source_sha256} (the earliest, when it was chained already), and
 * its own {@code attributes} column's entries.
 *
 * <p>Nothing a file claims is believed before it is checked against the file's bytes: the footer by
 * {@link ParquetFooter}, each page by {@link ParquetPageBounds} and {@link ParquetCodecBound}. Not a Parquet file, a
 * footer that lies or nests too deep: one {@code open-error} record. No text column, or one that is not a string:
 * one record saying so. A row group whose chunks lie, or a damaged page: one {@code damaged-row-group} record for
 * the rows not read, and reading goes on with the next row group. A row group whose columns would not fit in memory:
 * {@code row-group-too-large}, the same way.
 */
final class ParquetRowReader implements RecordReader {
    static {
        // Thrift skips a field it does not know by recursing into it; a page header nesting thousands of unknown
        // structs would overflow the stack. No Parquet structure nests a tenth as deep.
        shaded.parquet.org.apache.thrift.protocol.TProtocolUtil.setMaxSkipDepth(ThriftCompactBounds.MAX_DEPTH);
    }

    /** A row group's projected columns, uncompressed, held at once; above this it is skipped with a reason. */
    static final long MAX_ROW_GROUP_BYTES = 1L << 30;
    private static final List<String> PROVENANCE = List.of("source_uri", "source_locator", "source_sha256");

    @Override
    public boolean randomAccess() {
        return true;
    }

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        throw new UnsupportedOperationException("Parquet is read at random (its footer first)");
    }

    @Override
    public Iterator<Outcome> read(RandomAccessBytes bytes, InputFile file) throws IOException {
        ParquetFileReader reader;
        ParquetFooter footer;
        ParquetCodecBound codecs = new ParquetCodecBound(ParquetReadOptions.builder().build().getCodecFactory());
        try {
            footer = ParquetFooter.read(bytes);
            org.apache.parquet.io.InputFile input = inputFile(bytes);
            reader = new ParquetFileReader(input, footer.metadata(),
                    ParquetReadOptions.builder().withCodecFactory(codecs).build(), input.newStream());
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw new IOException("not a readable Parquet file (" + e.getMessage() + ")", e);
        }
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        JsonlFields fields = file.spec().jsonl();
        String problem = textColumnProblem(schema, fields.textField());
        if (problem != null) {
            close(reader, bytes);
            return List.of(Outcome.unreadable(file.idPrefix(), file.source(),
                    new Provenance(file.uri(), "file", file.sha256()),
                    problem.startsWith("no ") ? "missing-text-column" : "text-column-not-a-string", problem, null))
                    .iterator();
        }
        boolean chained = PROVENANCE.stream().allMatch(schema::containsField);
        List<String> wanted = new ArrayList<>(List.of(fields.textField()));
        for (String name : new String[] {fields.idField(), fields.titleField(), fields.urlField(), fields.dateField(),
                fields.licenseField()}) {
            wanted.add(name);
        }
        wanted.addAll(fields.attributeFields());
        if (chained) {
            wanted.addAll(PROVENANCE);
            wanted.add("attributes");
        }
        List<Type> columns = new ArrayList<>();
        for (String name : wanted) {
            if (name != null && schema.containsField(name) && columns.stream().noneMatch(c -> c.getName().equals(name))) {
                columns.add(schema.getType(name));
            }
        }
        MessageType projection = new MessageType(schema.getName(), columns);
        reader.setRequestedSchema(projection);
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, schema);
        List<BlockMetaData> rowGroups = reader.getRowGroups();
        long limit = file.spec().maxRecordBytes();
        return new LazyOutcomes(file) {
            private int group = -1;
            private long rowsLeft;
            private long row;
            private long groupEnd;
            private org.apache.parquet.io.RecordReader<Group> rows;
            private boolean closed;

            @Override
            protected Outcome computeNext() throws IOException {
                while (rowsLeft == 0) {
                    if (group + 1 >= rowGroups.size()) {
                        finish();
                        return null;
                    }
                    group++;
                    BlockMetaData block = rowGroups.get(group);
                    String damage = footer.damagedRowGroups().get(group);
                    long size = projectedSize(block, projection, ColumnChunkMetaData::getTotalUncompressedSize);
                    long stored = projectedSize(block, projection, ColumnChunkMetaData::getTotalSize);
                    if (damage == null && Math.max(size, stored) > MAX_ROW_GROUP_BYTES) {
                        return skipGroup(block, "row-group-too-large", "row group " + group + " holds "
                                + Math.max(size, stored) + " bytes of the columns read, more than "
                                + MAX_ROW_GROUP_BYTES + " (" + block.getRowCount() + " rows)");
                    }
                    if (damage == null) {
                        try {
                            codecs.bound(Math.min(MAX_ROW_GROUP_BYTES,
                                    Math.max(largestChunk(block, projection), ParquetCodecBound.ALWAYS_ALLOWED)));
                            PageReadStore pages = new ParquetPageBounds(reader.readRowGroup(group));
                            rows = io.getRecordReader(pages, new GroupRecordConverter(projection));
                            rowsLeft = block.getRowCount();
                            groupEnd = row + rowsLeft;
                        } catch (IOException | RuntimeException | StackOverflowError e) {
                            damage = describe(e);
                        }
                    }
                    if (damage != null) {
                        return skipGroup(block, "damaged-row-group", "row group " + group + ": " + damage);
                    }
                }
                Group g;
                try {
                    g = rows.read();
                } catch (RuntimeException | StackOverflowError e) {
                    // the rest of this row group is lost, visibly; the next row groups are read
                    long first = row;
                    rowsLeft = 0;
                    row = groupEnd;
                    return Outcome.unreadable(file.idPrefix() + ":row_group:" + group, file.source(),
                            new Provenance(file.uri(), "row_group:" + group + ",rows:" + first + "-" + (row - 1),
                                    file.sha256()), "damaged-row-group",
                            "row group " + group + " from row " + first + ": " + describe(e), null);
                }
                rowsLeft--;
                long index = row++;
                return outcome(g, group, index);
            }

            /** One record for a row group not read (too large, or its metadata lies), covering its rows. */
            private Outcome skipGroup(BlockMetaData block, String reason, String detail) {
                long first = row;
                row += Math.max(0, block.getRowCount());
                return Outcome.unreadable(file.idPrefix() + ":row_group:" + group, file.source(),
                        new Provenance(file.uri(), "row_group:" + group + ",rows:" + first + "-" + (row - 1),
                                file.sha256()), reason, detail, null);
            }

            private Outcome outcome(Group g, int rowGroup, long index) {
                String locator = "row_group:" + rowGroup + ",row:" + index;
                String locationId = file.idPrefix() + ":" + index;
                Provenance provenance = new Provenance(file.uri(), locator, file.sha256());
                int textField = g.getType().getFieldIndex(fields.textField());
                if (g.getFieldRepetitionCount(textField) > 0) {
                    Binary text = g.getBinary(textField, 0);
                    if (text.length() > limit) {
                        return Outcome.unreadable(locationId, file.source(), provenance, "record-too-large",
                                "text of " + text.length() + " bytes, more than max_record_bytes (" + limit + ")",
                                null);
                    }
                    if (new StrictUtf8().decode(text.getBytes()) == null) {
                        return Outcome.unreadable(locationId, file.source(), provenance, "invalid-utf8",
                                StrictUtf8.describeError(text.getBytes()), StrictUtf8.lenient(text.getBytes()));
                    }
                }
                ObjectNode record = ParquetRows.toJson(g);
                return JsonRecords.toOutcome(record, file, fields, provenance, locationId, null,
                        chained ? origin(record) : Map.of());
            }

            @Override
            protected String currentLocator() {
                return "row_group:" + Math.max(0, group) + ",row:" + row;
            }

            private void finish() {
                if (!closed) {
                    closed = true;
                    close(reader, bytes);
                }
            }
        };
    }

    /** Where a row of a corpusforge corpus first came from, and its own attributes. */
    private static Map<String, String> origin(ObjectNode record) {
        Map<String, String> inherited = new LinkedHashMap<>();
        JsonNode attributes = record.get("attributes");
        if (attributes != null && attributes.isObject()) {
            attributes.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    inherited.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                            : e.getValue().toString());
                }
            });
        }
        for (String column : PROVENANCE) {
            // chained once already: the earliest origin stays
            inherited.putIfAbsent("origin_" + column, JsonRecords.value(record, column));
        }
        inherited.values().removeIf(java.util.Objects::isNull);
        return inherited;
    }

    /** Why the text column cannot be read, or null. */
    private static String textColumnProblem(MessageType schema, String column) {
        if (!schema.containsField(column)) {
            return "no column '" + column + "' (columns: " + String.join(", ", schema.getFields().stream()
                    .map(Type::getName).toList()) + ")";
        }
        Type type = schema.getType(column);
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)
                || type.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY
                || !(type.getLogicalTypeAnnotation() == null
                        || type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation)) {
            return "column '" + column + "' is " + type.toString().strip() + ", not a string";
        }
        return null;
    }

    private static long projectedSize(BlockMetaData block, MessageType projection,
            java.util.function.ToLongFunction<ColumnChunkMetaData> size) {
        long total = 0;
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (projection.containsPath(chunk.getPath().toArray())) {
                total += size.applyAsLong(chunk);
            }
        }
        return total;
    }

    /** The most one projected column chunk of the row group claims uncompressed: no page of it holds more. */
    private static long largestChunk(BlockMetaData block, MessageType projection) {
        long largest = 0;
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (projection.containsPath(chunk.getPath().toArray())) {
                largest = Math.max(largest, chunk.getTotalUncompressedSize());
            }
        }
        return largest;
    }

    /** A decoding failure as a quarantine detail: parquet-mr's own messages name claims, never a value's bytes. */
    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "its pages nest too deep to read";
        }
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && text.length() < 400; cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.length() > 400 ? text.substring(0, 400) : text.toString();
    }

    private static void close(ParquetFileReader reader, RandomAccessBytes bytes) {
        try {
            reader.close();
        } catch (IOException e) {
            // everything was read
        }
        try {
            bytes.close();
        } catch (IOException e) {
            // everything was read
        }
    }

    /** Parquet's own view of a file, over the bytes at random. */
    private static org.apache.parquet.io.InputFile inputFile(RandomAccessBytes bytes) throws IOException {
        long length = bytes.length();
        return new org.apache.parquet.io.InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() {
                return new Stream(bytes, length);
            }
        };
    }

    /** A position over the bytes; reads go to {@link RandomAccessBytes#readFully} in chunks. */
    private static final class Stream extends DelegatingSeekableInputStream {
        private final Position position;

        Stream(RandomAccessBytes bytes, long length) {
            this(new Position(bytes, length));
        }

        private Stream(Position position) {
            super(position);
            this.position = position;
        }

        @Override
        public long getPos() {
            return position.at;
        }

        @Override
        public void seek(long newPos) {
            position.at = newPos;
        }
    }

    private static final class Position extends BlockInputStream {
        private final RandomAccessBytes bytes;
        private final long length;
        private long at;

        Position(RandomAccessBytes bytes, long length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - at);
            bytes.readFully(at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public void close() {
            // the reader closes the bytes once
        }
    }
}
