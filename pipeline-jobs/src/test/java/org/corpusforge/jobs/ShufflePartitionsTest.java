package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.corpusforge.core.source.InputFile;
import org.junit.jupiter.api.Test;

/** The shuffles' partitions without --parallelism: the cores, or one per 256 MiB of stored input when that is more. */
class ShufflePartitionsTest {
    private static final long MIB = 1L << 20;

    @Test
    void theCoresUntilTheInputNeedsMore() {
        assertEquals(2, CorpusJob.shufflePartitions(2, List.of()));
        assertEquals(2, CorpusJob.shufflePartitions(2, files(83 * MIB, 1)));          // 20,000 pages
        assertEquals(2, CorpusJob.shufflePartitions(2, files(512 * MIB, 2)));         // exactly two parts' worth
        assertEquals(3, CorpusJob.shufflePartitions(2, files(512 * MIB + 1, 3)));
        assertEquals(6, CorpusJob.shufflePartitions(2, files(1462 * MIB, 128)));      // 320,000 pages
        assertEquals(16, CorpusJob.shufflePartitions(16, files(1462 * MIB, 128)));    // many cores: the cores
        assertEquals(3_907, CorpusJob.shufflePartitions(8, files(1_000_000 * MIB, 1_000))); // 3,906.25 parts
    }

    /** {@code count} files holding {@code total} bytes between them. */
    private static List<InputFile> files(long total, int count) {
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long bytes = total / count + (i < total % count ? 1 : 0);
            files.add(new InputFile("file:/in/" + i + ".warc.gz", i + ".warc.gz",
                    null, bytes, "00", "warc", null));
        }
        return files;
    }
}
