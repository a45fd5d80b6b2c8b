package org.corpusforge.jobs.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.corpusforge.search.DocumentLookup;

/**
 * The provenance of given rows of the corpus's shards, for {@code find}: only the five short columns, and only the
 * row groups that hold the rows asked for (the texts are never read).
 */
public final class ShardProvenance implements DocumentLookup {
    private static final List<String> COLUMNS = List.of(DocumentSchema.ID, DocumentSchema.SOURCE_URI,
            DocumentSchema.SOURCE_LOCATOR, DocumentSchema.SOURCE_SHA256, DocumentSchema.LICENSE);

    private final List<String> shardUris;
    private final Configuration conf;

    public ShardProvenance(List<String> shardUris, Configuration conf) {
        this.shardUris = List.copyOf(shardUris);
        this.conf = conf;
    }

    @Override
    public Map<Long, Provenance> rows(int shard, SortedSet<Long> rows) throws IOException {
        Map<Long, Provenance> found = new TreeMap<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(shardUris.get(shard)), conf))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String column : COLUMNS) {
                if (schema.containsField(column)) {
                    fields.add(schema.getType(column));
                }
            }
            MessageType projection = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projection);
            long first = 0;
            for (BlockMetaData block : reader.getRowGroups()) {
                long end = first + block.getRowCount();
                SortedSet<Long> wanted = rows.subSet(first, end);
                if (wanted.isEmpty()) {
                    reader.skipNextRowGroup();
                } else {
                    PageReadStore pages = reader.readNextRowGroup();
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                            .getRecordReader(pages, new GroupRecordConverter(projection));
                    for (long row = first; row < end && row <= wanted.last(); row++) {
                        Group g = records.read();
                        if (wanted.contains(row)) {
                            found.put(row, new Provenance(string(g, DocumentSchema.ID), string(g, DocumentSchema.SOURCE_URI),
                                    string(g, DocumentSchema.SOURCE_LOCATOR), string(g, DocumentSchema.SOURCE_SHA256),
                                    string(g, DocumentSchema.LICENSE)));
                        }
                    }
                }
                first = end;
            }
        }
        return found;
    }

    private static String string(Group g, String field) {
        return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0 ? g.getString(field, 0) : null;
    }
}
