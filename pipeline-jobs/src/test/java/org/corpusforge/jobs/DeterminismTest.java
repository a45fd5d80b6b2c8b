package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.corpusforge.core.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same input and config give byte-identical shards and Megatron files, whatever the number of partitions. */
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
            tokenizer:
              model: conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model
            output:
              shard_target_tokens: 100000
              dp_size: 4
              shuffle_seed: SEED
              megatron: {enabled: true}
            """;

    @Test
    void shardsAreByteIdenticalForOneAndFivePartitions(@TempDir Path tmp) throws Exception {
        Manifest one = Runs.run(config(7), tmp.resolve("p1"), 1);
        Manifest five = Runs.run(config(7), tmp.resolve("p5"), 5);
        assertTrue(one.shards().size() >= 4, "enough shards to notice a difference: " + one.shards().size());
        assertEquals(one.shards(), five.shards());
        assertEquals(one.megatron(), five.megatron());
        assertEquals(one.stages(), five.stages());
        assertEquals(one.configSha256(), five.configSha256());
        // the report's data too: its histograms merge the same whatever the partitions (KLL sketches did not)
        assertArrayEquals(Runs.bytes(tmp.resolve("p1").resolve("report.json")),
                Runs.bytes(tmp.resolve("p5").resolve("report.json")), "report.json");
        for (String dir : List.of("shards", "megatron")) {
            List<Path> a = Runs.files(tmp.resolve("p1").resolve(dir));
            List<Path> b = Runs.files(tmp.resolve("p5").resolve(dir));
            assertEquals(a.stream().map(Path::getFileName).toList(), b.stream().map(Path::getFileName).toList());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(Runs.bytes(a.get(i)), Runs.bytes(b.get(i)), a.get(i).getFileName().toString());
            }
        }
    }

    @Test
    void shardsAreBalancedByTokensInMultiplesOfTheDataParallelSize(@TempDir Path tmp) {
        Manifest m = Runs.run(config(7), tmp.resolve("out"), 3);
        List<Manifest.FileEntry> shards = m.shards();
        long total = m.totals().tokens();
        assertEquals(0, shards.size() % 4, shards.size() + " shards");
        assertEquals(Math.round(total / 100000.0 / 4) * 4, shards.size(), shards.size() + " shards for " + total);
        long smallest = shards.stream().mapToLong(Manifest.FileEntry::tokens).min().orElseThrow();
        long largest = shards.stream().mapToLong(Manifest.FileEntry::tokens).max().orElseThrow();
        assertTrue(largest <= smallest * 1.02, smallest + " .. " + largest);
        assertEquals((double) largest / smallest - 1, m.shardPlan().spread(), 1e-12);
        assertEquals(total, shards.stream().mapToLong(Manifest.FileEntry::tokens).sum());
        assertEquals(List.of(), Runs.problems(tmp.resolve("out")));
    }

    @Test
    void anotherSeedShufflesDifferentlyWithTheSameTotals(@TempDir Path tmp) {
        Manifest seven = Runs.run(config(7), tmp.resolve("seven"), 2);
        Manifest eight = Runs.run(config(8), tmp.resolve("eight"), 2);
        assertEquals(seven.totals().tokens(), eight.totals().tokens());
        assertEquals(seven.shards().size(), eight.shards().size());
        assertNotEquals(seven.shards().get(0).sha256(), eight.shards().get(0).sha256());
    }

    private static String config(long seed) {
        return CONFIG.replace("SEED", String.valueOf(seed));
    }
}
