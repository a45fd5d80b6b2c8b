package org.corpusforge.jobs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.model.TokenizedDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shard bytes must not depend on the order in which parquet-mr's HashSet hands out encodings. */
class ParquetFootersTest {

    @Test
    void footersThatDifferOnlyInEncodingOrderBecomeIdentical(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("a.parquet");
        ParquetShardWriter writer = new ParquetShardWriter(tmp.toString(), "a.parquet", true, true,
                new Manifest.ShardSchema(DocumentSchema.VERSION, java.util.List.of("n"), java.util.List.of("k")),
                new Configuration());
        for (int i = 0; i < 50; i++) {
            Document d = new Document("d" + i, "本文" + i, SourceKind.BOOK, new Provenance("file:/x", "line:" + i, "00"),
                    new Metadata("題" + i, null, null, null, Map.of("k", "v"))).withSignal("n", i);
            writer.write(new TokenizedDocument(d, 2, new int[] {i, i + 1}));
        }
        Manifest.FileEntry entry = writer.finish();
        assertEquals(100L, entry.tokens());
        byte[] written = Files.readAllBytes(file);
        assertEquals(entry.bytes(), written.length);

        byte[] reordered = withReversedEncodings(written);
        assertFalse(Arrays.equals(written, reordered), "the test must actually reorder something");
        ParquetFooters.canonicalize(reordered, reordered.length);
        assertArrayEquals(written, reordered);
    }

    @Test
    void somethingThatIsNotAParquetTailIsRefused() {
        byte[] junk = "not parquet at all".getBytes();
        assertThrows(IOException.class, () -> ParquetFooters.canonicalize(junk, junk.length));
        byte[] tooLong = {0, 0, 0, 0x7f, 'P', 'A', 'R', '1'};
        assertThrows(IOException.class, () -> ParquetFooters.canonicalize(tooLong, tooLong.length));
    }

    private static byte[] withReversedEncodings(byte[] file) throws IOException {
        int n = file.length;
        int footerLength = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16
                | (file[n - 5] & 0xff) << 24;
        int start = n - 8 - footerLength;
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(file, start, footerLength));
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                Collections.reverse(chunk.getMeta_data().getEncodings());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, out);
        byte[] copy = file.clone();
        System.arraycopy(out.toByteArray(), 0, copy, start, footerLength);
        return copy;
    }
}
