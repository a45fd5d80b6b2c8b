package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.corpusforge.core.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same input and config give byte-identical shards, whatever the number of partitions. */
@ExtendWith(SharedSpark.class)
class DeterminismTest {
    private static final String CONFIG = """
            input_defaults: {source: book}
            inputs:
              - path: sample/aozora/*.jsonl.gz
                name: aozora
              - path: sample/ita/recitation_transcript_utf8.txt
                name: ita
                text: {unit: line, line_pattern: '^(?<id>[^:]+):(?<text>[^,]+),'}
            stages:
              - name: normalize
              - name: length-ratio
                min_chars: 10
                min_japanese_ratio: 0.5
            output:
              shard_target_text_bytes: 300000
            """;

    @Test
    void shardsAreByteIdenticalForOneAndFivePartitions(@TempDir Path tmp) throws Exception {
        Manifest one = Runs.run(CONFIG, tmp.resolve("p1"), 1);
        Manifest five = Runs.run(CONFIG, tmp.resolve("p5"), 5);
        assertTrue(one.shards().size() >= 5, "enough shards to notice a difference: " + one.shards().size());
        assertEquals(one.shards(), five.shards());
        assertEquals(one.stages(), five.stages());
        assertEquals(one.configSha256(), five.configSha256());
        List<Path> a = Runs.files(tmp.resolve("p1/shards"));
        List<Path> b = Runs.files(tmp.resolve("p5/shards"));
        assertEquals(a.stream().map(Path::getFileName).toList(), b.stream().map(Path::getFileName).toList());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Runs.bytes(a.get(i)), Runs.bytes(b.get(i)), a.get(i).getFileName().toString());
        }
    }

    @Test
    void shardSizesFollowTheTarget(@TempDir Path tmp) {
        Manifest m = Runs.run(CONFIG, tmp.resolve("out"), 3);
        long total = m.totals().textBytes();
        List<Manifest.FileEntry> shards = m.shards();
        // a shard runs from the document covering one 300,000-byte mark to the one covering the next, so it
        // exceeds the target by at most its first document (the sample's are at most 400,000 bytes; the planner
        // counts one more byte per document)
        for (Manifest.FileEntry s : shards) {
            assertTrue(s.textBytes() + s.rows() <= 300_000 + 400_001, s.toString());
        }
        assertEquals(total, shards.stream().mapToLong(Manifest.FileEntry::textBytes).sum());
        assertTrue(shards.size() >= total / 300_000 - 1 && shards.size() <= total / 300_000 + 1,
                shards.size() + " shards for " + total + " bytes");
    }
}
