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
 * row groups that hold the rows asked for (the texts are never read). The last {@value #CACHED_GROUPS} row groups
 * read are kept, decoded, so that repeated queries over the same documents do not read them again; the heap this
 * takes is bounded by the row-group size, not the corpus.
 */
public final class ShardProvenance implements DocumentLookup {
    private static final List<String> COLUMNS = List.of(DocumentSchema.ID, DocumentSchema.SOURCE_URI,
            DocumentSchema.SOURCE_LOCATOR, DocumentSchema.SOURCE_SHA256, DocumentSchema.LICENSE);

    static final int CACHED_GROUPS = 16;
    private final List<String> shardUris;
    private final Configuration conf;
    private final Map<String, Provenance[]> cache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(CACHED_GROUPS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Provenance[]> eldest) {
                    return size() > CACHED_GROUPS;
                }
            });
    private final Map<Integer, long[]> groupStarts = new java.util.concurrent.ConcurrentHashMap<>();

    public ShardProvenance(List<String> shardUris, Configuration conf) {
        this.shardUris = List.copyOf(shardUris);
        this.conf = conf;
    }

    @Override
    public Map<Long, Provenance> rows(int shard, SortedSet<Long> rows) throws IOException {
        Map<Long, Provenance> found = new TreeMap<>();
        long[] starts = groupStarts(shard);
        for (int group = 0; group + 1 < starts.length; group++) {
            SortedSet<Long> wanted = rows.subSet(starts[group], starts[group + 1]);
            if (!wanted.isEmpty()) {
                Provenance[] decoded = group(shard, group, starts);
                for (long row : wanted) {
                    found.put(row, decoded[(int) (row - starts[group])]);
                }
            }
        }
        return found;
    }

    /** The first row of every row group of a shard, and the row count at the end. */
    private long[] groupStarts(int shard) throws IOException {
        long[] starts = groupStarts.get(shard);
        if (starts == null) {
            try (ParquetFileReader reader = open(shard)) {
                List<BlockMetaData> groups = reader.getRowGroups();
                starts = new long[groups.size() + 1];
                for (int g = 0; g < groups.size(); g++) {
                    starts[g + 1] = starts[g] + groups.get(g).getRowCount();
                }
            }
            groupStarts.put(shard, starts);
        }
        return starts;
    }

    private Provenance[] group(int shard, int group, long[] starts) throws IOException {
        String key = shard + "/" + group;
        Provenance[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Provenance[] decoded = new Provenance[(int) (starts[group + 1] - starts[group])];
        try (ParquetFileReader reader = open(shard)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String column : COLUMNS) {
                if (schema.containsField(column)) {
                    fields.add(schema.getType(column));
                }
            }
            MessageType projection = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projection);
            PageReadStore pages = reader.readRowGroup(group);
            RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                    .getRecordReader(pages, new GroupRecordConverter(projection));
            for (int i = 0; i < decoded.length; i++) {
                Group g = records.read();
                decoded[i] = new Provenance(string(g, DocumentSchema.ID), string(g, DocumentSchema.SOURCE_URI),
                        string(g, DocumentSchema.SOURCE_LOCATOR), string(g, DocumentSchema.SOURCE_SHA256),
                        string(g, DocumentSchema.LICENSE));
            }
        }
        cache.put(key, decoded);
        return decoded;
    }

    private ParquetFileReader open(int shard) throws IOException {
        return ParquetFileReader.open(HadoopInputFile.fromPath(new Path(shardUris.get(shard)), conf));
    }

    private static String string(Group g, String field) {
        return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0 ? g.getString(field, 0) : null;
    }
}
