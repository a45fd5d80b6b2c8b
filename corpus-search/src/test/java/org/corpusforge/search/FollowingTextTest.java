package org.corpusforge.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What follows a string is read from every occurrence while the corpus holds no more than the cap, however its
 * occurrences fall among the shards (issue 45: the cap was split evenly per shard, so 24 shards read 833 each and a
 * string with 8,407 occurrences, most in a few shards, was estimated).
 */
class FollowingTextTest {
    @TempDir
    Path dir;

    @Test
    void everyOccurrenceIsReadUpToTheCapCorpusWide() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int shard = 0; shard < 6; shard++) {
            CharIndexBuilder builder = new CharIndexBuilder();
            // shard 0 holds 9 occurrences of 猫は, the others one or none
            int n = shard == 0 ? 9 : shard % 2;
            for (int i = 0; i < n; i++) {
                builder.add("猫は" + (char) ('あ' + i) + "。");
            }
            builder.add("犬。");
            Path file = dir.resolve(String.format("part-%05d.csa", shard));
            try (OutputStream out = Files.newOutputStream(file)) {
                builder.write(out);
            }
            files.add(file);
        }
        try (TextIndex index = TextIndex.open(files)) {
            List<TextIndex.FollowingText> all = index.following("猫は", 1, 12);
            assertEquals(12, all.size(), "9 + 3 occurrences, each read");
            assertEquals(12, all.stream().mapToLong(TextIndex.FollowingText::weight).sum());
            assertEquals(1, all.stream().mapToLong(TextIndex.FollowingText::weight).max().orElseThrow());
            // past the cap: the cap's worth, standing for every occurrence
            List<TextIndex.FollowingText> sampled = index.following("猫は", 1, 6);
            assertEquals(6, sampled.size());
            assertEquals(12, sampled.stream().mapToLong(TextIndex.FollowingText::weight).sum());
        }
    }

    @Test
    void theCapIsSharedInProportionToEachShardsOccurrences() {
        assertArrayEquals(new long[] {9, 0, 1}, TextIndex.shares(new long[] {9, 0, 1}, 10));
        assertArrayEquals(new long[] {4, 0, 1, 1}, TextIndex.shares(new long[] {90, 0, 5, 5}, 6));
        assertArrayEquals(new long[] {834, 833, 833}, TextIndex.shares(new long[] {5000, 5000, 5000}, 2500));
        assertEquals(20_000, java.util.Arrays.stream(TextIndex.shares(new long[] {19_957, 3, 8_407, 1, 0, 44},
                20_000)).sum());
    }
}
