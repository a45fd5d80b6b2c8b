package org.corpusforge.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.model.TokenizedDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard layout readers rely on: struct columns, int64 counts, statistics, page indexes, bloom filters. */
class ShardLayoutTest {
    private static final Manifest.ShardSchema FIELDS = new Manifest.ShardSchema(DocumentSchema.VERSION,
            List.of("char_count", "duration_seconds"), List.of("charset", "language"));

    @Test
    void signalsAndAttributesAreStructsWithOneOptionalFieldPerName(@TempDir Path tmp) throws IOException {
        Path shard = write(tmp);
        try (ParquetFileReader reader = open(shard)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            GroupType signals = schema.getType(DocumentSchema.SIGNALS).asGroupType();
            assertNull(signals.getLogicalTypeAnnotation(), "a plain struct, not a MAP");
            assertEquals(List.of("char_count", "duration_seconds"), names(signals));
            assertTrue(signals.getFields().stream().allMatch(f -> f.isRepetition(Type.Repetition.OPTIONAL)
                    && f.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE));
            assertEquals(List.of("charset", "language"), names(schema.getType(DocumentSchema.ATTRIBUTES).asGroupType()));
            assertEquals(PrimitiveTypeName.INT64,
                    schema.getType(DocumentSchema.TOKEN_COUNT).asPrimitiveType().getPrimitiveTypeName());
            assertTrue(schema.getType(DocumentSchema.SOURCE_SHA256).isRepetition(Type.Repetition.REQUIRED));
            assertEquals(DocumentSchema.VERSION,
                    reader.getFooter().getFileMetaData().getKeyValueMetaData().get(DocumentSchema.FOOTER_KEY));
        }
        List<ObjectNode> rows = new ArrayList<>();
        ParquetJson.forEachRow(shard.toString(), new Configuration(), 0, rows::add);
        assertEquals(40, rows.size());
        assertEquals(3.0, rows.get(3).get("signals").get("char_count").asDouble());
        assertTrue(rows.get(3).get("signals").has("duration_seconds"));
        assertTrue(!rows.get(4).get("signals").has("duration_seconds"), "absent in a document: not shown");
        assertEquals("ja", rows.get(4).get("attributes").get("language").asText());
        assertEquals(7, rows.get(4).get("token_count").asInt());
        assertEquals(7 * 40, java.util.Arrays.stream(ParquetJson.tokenCounts(shard.toString(), new Configuration())).sum());
    }

    @Test
    void everyColumnButTheTextHasStatisticsAndAPageIndexAndIdsHaveBloomFilters(@TempDir Path tmp) throws IOException {
        Path shard = write(tmp);
        try (ParquetFileReader reader = open(shard)) {
            BlockMetaData group = reader.getFooter().getBlocks().get(0);
            for (ColumnChunkMetaData column : group.getColumns()) {
                String path = column.getPath().toDotString();
                if (path.equals(DocumentSchema.TEXT)) {
                    assertTrue(column.getStatistics().isEmpty(), "no min/max of texts");
                    continue;
                }
                assertNotNull(column.getColumnIndexReference(), path + " has a column index");
                assertNotNull(column.getOffsetIndexReference(), path + " has an offset index");
                assertTrue(!column.getStatistics().isEmpty() || column.getValueCount() == 0
                        || column.getStatistics().getNumNulls() == column.getValueCount(), path + " has statistics");
            }
            ColumnChunkMetaData id = group.getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals(DocumentSchema.ID)).findFirst().orElseThrow();
            BloomFilter filter = reader.readBloomFilter(id);
            assertNotNull(filter, "id has a bloom filter");
            assertTrue(filter.findHash(filter.hash(Binary.fromString("doc-17"))));
            assertTrue(filter.getBitsetSize() < 4096, "sized for 40 ids: " + filter.getBitsetSize());
            ColumnChunkMetaData uri = group.getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals(DocumentSchema.SOURCE_URI)).findFirst().orElseThrow();
            assertNull(reader.readBloomFilter(uri), "no bloom filter where values repeat");
        }
    }

    private static Path write(Path tmp) throws IOException {
        ParquetShardWriter writer = new ParquetShardWriter(tmp.toString(), "shard.parquet", true, false, FIELDS,
                new Configuration());
        for (int i = 0; i < 40; i++) {
            Document d = new Document("doc-" + i, "本文".repeat(i + 1), SourceKind.BOOK,
                    new Provenance("file:/x", "line:" + i, "00"),
                    new Metadata(null, null, null, null, i % 2 == 0 ? Map.of("language", "ja")
                            : Map.of("language", "ja", "charset", "UTF-8")))
                    .withSignal("char_count", i);
            if (i % 2 == 1) {
                d = d.withSignal("duration_seconds", 1.5);
            }
            writer.write(new TokenizedDocument(d, 7, null));
        }
        writer.finish();
        return tmp.resolve("shard.parquet");
    }

    private static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toString()),
                new Configuration()));
    }

    private static List<String> names(GroupType group) {
        return group.getFields().stream().map(Type::getName).toList();
    }
}
