package org.corpusforge.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every answer of the index against a brute-force scan of the same documents. */
class ShardIndexTest {
    @TempDir
    Path dir;

    /** Random documents over a small vocabulary, with repeated passages so that long n-grams recur. */
    static List<int[]> randomDocuments(long seed, int documents, int vocabulary) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> docs = new ArrayList<>();
        int[] passage = random.ints(40, 0, vocabulary).toArray();
        for (int d = 0; d < documents; d++) {
            int length = random.nextInt(10) == 0 ? 0 : random.nextInt(1, 300);
            int[] doc = random.ints(length, 0, vocabulary).toArray();
            if (length > 60 && random.nextBoolean()) {
                System.arraycopy(passage, 0, doc, random.nextInt(length - 40), 40);
            }
            docs.add(doc);
        }
        return docs;
    }

    static Path build(Path file, List<int[]> docs, int vocabulary) throws IOException {
        SuffixIndexBuilder builder = new SuffixIndexBuilder(vocabulary);
        docs.forEach(builder::add);
        try (OutputStream out = Files.newOutputStream(file)) {
            builder.write(out);
        }
        return file;
    }

    static long bruteCount(List<int[]> docs, int[] pattern) {
        long count = 0;
        for (int[] doc : docs) {
            count += occurrences(doc, pattern).size();
        }
        return count;
    }

    static List<Integer> occurrences(int[] doc, int[] pattern) {
        List<Integer> at = new ArrayList<>();
        outer:
        for (int i = 0; i + pattern.length <= doc.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (doc[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            at.add(i);
        }
        return at;
    }

    @Test
    void countsDocumentsContinuationsAndRowsEqualABruteForceScan() throws IOException {
        for (int vocabulary : new int[] {5, 300, 100_000}) {
            List<int[]> docs = randomDocuments(vocabulary, 400, vocabulary);
            ShardIndex index = ShardIndex.open(build(dir.resolve("v" + vocabulary + ".sfx"), docs, vocabulary));
            assertEquals(docs.size(), index.documents());
            assertEquals(docs.stream().mapToLong(d -> d.length).sum(), index.tokens());
            assertNull(index.check(1000, 1));
            SplittableRandom random = new SplittableRandom(7);
            for (int q = 0; q < 2000; q++) {
                int n = random.nextInt(1, 31);
                int[] pattern;
                int[] doc = docs.get(random.nextInt(docs.size()));
                if (q % 4 != 3 && doc.length >= n) {
                    int start = random.nextInt(doc.length - n + 1);
                    pattern = java.util.Arrays.copyOfRange(doc, start, start + n);
                } else {
                    pattern = random.ints(n, 0, vocabulary).toArray();
                }
                long[] range = index.range(pattern);
                assertEquals(bruteCount(docs, pattern), range[1] - range[0], "count of " + java.util.Arrays.toString(pattern));
                TreeMap<Long, Long> rows = new TreeMap<>();
                Map<Long, Long> next = new TreeMap<>();
                for (int row = 0; row < docs.size(); row++) {
                    for (int at : occurrences(docs.get(row), pattern)) {
                        rows.merge((long) row, index.rowStart(row) + at, Math::min);
                        int after = at + pattern.length;
                        next.merge(after < docs.get(row).length ? docs.get(row)[after] : ShardIndex.END_OF_DOCUMENT, 1L, Long::sum);
                    }
                }
                assertEquals(rows.size(), index.documents(range[0], range[1]));
                assertEquals(next, index.continuations(pattern.length, range[0], range[1]));
                List<long[]> first = index.firstRows(range[0], range[1], 5);
                List<Long> expected = new ArrayList<>(rows.keySet()).subList(0, Math.min(5, rows.size()));
                assertEquals(expected, first.stream().map(r -> r[0]).toList());
                for (long[] r : first) {
                    assertEquals(rows.get(r[0]), r[1], "first position in row " + r[0]);
                }
            }
        }
    }

    @Test
    void noMatchCrossesADocumentBoundary() throws IOException {
        List<int[]> docs = List.of(new int[] {1, 2, 3}, new int[] {4, 5}, new int[] {}, new int[] {3, 4});
        ShardIndex index = ShardIndex.open(build(dir.resolve("b.sfx"), docs, 10));
        assertEquals(0, count(index, 3, 4, 5));
        assertEquals(0, count(index, 2, 3, 4));
        assertEquals(1, count(index, 3, 4));
        assertEquals(2, count(index, 3));
        assertEquals(1, index.rowOf(index.rowStart(1)));
        assertEquals(3, index.rowOf(index.rowStart(3) + 1));
        assertEquals(Map.of(ShardIndex.END_OF_DOCUMENT, 1L, 4L, 1L), index.continuations(1, index.range(new int[] {3})[0],
                index.range(new int[] {3})[1]));
        assertArrayEquals(new int[] {4, 5}, index.tokens(index.rowStart(1), index.rowEnd(1)));
        // ids outside the vocabulary (the separator among them) match nothing
        assertEquals(0, count(index, 10));
        assertEquals(0, count(index, -1));
    }

    @Test
    void theSameDocumentsGiveTheSameBytesAndWidthsFollowTheValues() throws IOException {
        List<int[]> docs = randomDocuments(3, 50, 70_000);
        assertArrayEquals(bytes(docs, 70_000), bytes(docs, 70_000));
        SuffixIndexLayout.Header small = SuffixIndexLayout.Header.of(255, 1000, 10);
        assertEquals(1, small.tokenWidth());
        assertEquals(2, small.pointerWidth());
        SuffixIndexLayout.Header large = SuffixIndexLayout.Header.of(99_487, 20_000_000, 10);
        assertEquals(3, large.tokenWidth());
        assertEquals(4, large.pointerWidth());
        assertEquals(3, SuffixIndexLayout.bytesFor(16_777_215));
        assertEquals(4, SuffixIndexLayout.bytesFor(16_777_216));
    }

    @Test
    void anEmptyShardAndAnIndexOfOneDocumentAnswer() throws IOException {
        ShardIndex empty = ShardIndex.open(build(dir.resolve("e.sfx"), List.of(), 10));
        assertEquals(0, empty.tokens());
        assertEquals(0, count(empty, 1));
        assertNull(empty.check(10, 1));
        ShardIndex one = ShardIndex.open(build(dir.resolve("o.sfx"), List.<int[]>of(new int[] {7}), 10));
        assertEquals(1, count(one, 7));
        assertNull(one.check(10, 1));
    }

    @Test
    void aDamagedIndexIsFound() throws IOException {
        List<int[]> docs = randomDocuments(11, 200, 50);
        Path file = build(dir.resolve("d.sfx"), docs, 50);
        byte[] good = Files.readAllBytes(file);
        ShardIndex index = ShardIndex.open(file);
        SuffixIndexLayout.Header h = index.header();
        // two neighbouring suffix pointers swapped: out of order
        byte[] swapped = good.clone();
        int w = h.pointerWidth();
        int at = (int) (h.suffixOffset() + w * (h.tokens() / 2));
        for (int b = 0; b < w; b++) {
            byte t = swapped[at + b];
            swapped[at + b] = swapped[at + w + b];
            swapped[at + w + b] = t;
        }
        Files.write(dir.resolve("s.sfx"), swapped);
        // seeded samples, four per suffix: the swapped pair is among them
        String problem = ShardIndex.open(dir.resolve("s.sfx")).check((int) h.tokens() * 4, 1);
        assertNotNull(problem);
        assertTrue(problem.contains("out of order"), problem);
        Files.write(dir.resolve("t.sfx"), java.util.Arrays.copyOf(good, good.length - 8));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> ShardIndex.open(dir.resolve("t.sfx")));
        assertTrue(cut.getMessage().contains("the file has"), cut.getMessage());
        byte[] notIndex = good.clone();
        notIndex[0] = 'X';
        Files.write(dir.resolve("m.sfx"), notIndex);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardIndex.open(dir.resolve("m.sfx")))
                .getMessage().contains("not a corpusforge search index"));
    }

    @Test
    void tokenIdsOutsideTheVocabularyAreRefusedWhenBuilding() {
        SuffixIndexBuilder builder = new SuffixIndexBuilder(10);
        assertThrows(IllegalArgumentException.class, () -> builder.add(new int[] {10}));
        assertThrows(IllegalArgumentException.class, () -> builder.add(new int[] {-1}));
    }

    private static long count(ShardIndex index, int... pattern) {
        long[] r = index.range(pattern);
        return r[1] - r[0];
    }

    private static byte[] bytes(List<int[]> docs, int vocabulary) throws IOException {
        SuffixIndexBuilder builder = new SuffixIndexBuilder(vocabulary);
        docs.forEach(builder::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder.write(out);
        return out.toByteArray();
    }

    static TreeSet<Long> rowsHolding(List<int[]> docs, int[] pattern) {
        TreeSet<Long> rows = new TreeSet<>();
        for (int row = 0; row < docs.size(); row++) {
            if (!occurrences(docs.get(row), pattern).isEmpty()) {
                rows.add((long) row);
            }
        }
        return rows;
    }
}
