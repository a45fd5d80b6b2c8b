package org.corpusforge.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer of the character index against a brute-force scan of the same texts: counts, documents, next
 * characters and longest matches, for thousands of random queries over generated corpora with empty and
 * one-character documents, line breaks, surrogate pairs, combining marks and a U+FFFF of the text's own.
 */
class TextIndexTest {
    @TempDir
    Path dir;

    /** Few distinct characters, so that long strings recur; every awkward kind of character among them. */
    private static final String[] ALPHABET = {"の", "は", "猫", "で", "あ", "る", "。", "\n", "a", "𠮷", "が\u3099",
            "\uFFFF", "ー", "、"};

    static List<String> randomTexts(long seed, int documents) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>();
        StringBuilder passage = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            passage.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        for (int d = 0; d < documents; d++) {
            int length = random.nextInt(8) == 0 ? random.nextInt(2) : random.nextInt(1, 200);
            StringBuilder doc = new StringBuilder();
            while (doc.length() < length) {
                doc.append(ALPHABET[random.nextInt(ALPHABET.length)]);
                if (random.nextInt(60) == 0) {
                    doc.append(passage);
                }
            }
            docs.add(doc.toString());
        }
        return docs;
    }

    static Path build(Path file, List<String> docs) throws IOException {
        CharIndexBuilder builder = new CharIndexBuilder();
        docs.forEach(builder::add);
        try (OutputStream out = Files.newOutputStream(file)) {
            builder.write(out);
        }
        return file;
    }

    static long bruteCount(List<String> docs, String q) {
        long n = 0;
        for (String d : docs) {
            for (int at = d.indexOf(q); at >= 0; at = d.indexOf(q, at + 1)) {
                n++;
            }
        }
        return n;
    }

    static List<TextIndex.Doc> bruteDocs(List<List<String>> shards, String q) {
        List<TextIndex.Doc> docs = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            for (int r = 0; r < shards.get(s).size(); r++) {
                if (shards.get(s).get(r).contains(q)) {
                    docs.add(new TextIndex.Doc(s, r));
                }
            }
        }
        return docs;
    }

    static Map<Integer, Long> bruteNext(List<String> docs, String q) {
        Map<Integer, Long> next = new TreeMap<>();
        for (String d : docs) {
            for (int at = d.indexOf(q); at >= 0; at = d.indexOf(q, at + 1)) {
                int after = at + q.length();
                next.merge(after >= d.length() ? CharShardIndex.END_OF_DOCUMENT : d.codePointAt(after), 1L, Long::sum);
            }
        }
        return next;
    }

    private static String randomQuery(SplittableRandom random, List<String> docs) {
        if (random.nextBoolean()) {
            String d = docs.get(random.nextInt(docs.size()));
            if (!d.isEmpty()) {
                int from = random.nextInt(d.length());
                // at document starts and ends too
                if (random.nextInt(4) == 0) {
                    from = 0;
                }
                int to = random.nextInt(4) == 0 ? d.length() : Math.min(d.length(), from + random.nextInt(1, 51));
                if (from < to) {
                    return d.substring(from, to);
                }
            }
        }
        StringBuilder q = new StringBuilder();
        for (int i = random.nextInt(1, 8); i > 0; i--) {
            q.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return q.toString();
    }

    @Test
    void countsDocumentsAndContinuationsEqualABruteForceScan() throws IOException {
        List<List<String>> shards = List.of(randomTexts(1, 300), randomTexts(2, 200), List.of("", "a", "𠮷", ""));
        List<Path> files = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            files.add(build(dir.resolve("part-" + s + ".csa"), shards.get(s)));
        }
        List<String> all = shards.stream().flatMap(List::stream).toList();
        try (TextIndex index = TextIndex.open(files)) {
            assertEquals(all.stream().mapToLong(String::length).sum(), index.units());
            assertEquals(all.size(), index.documents());
            for (CharShardIndex shard : index.shards()) {
                assertNull(shard.check(500, 7));
            }
            SplittableRandom random = new SplittableRandom(27);
            for (int trial = 0; trial < 3000; trial++) {
                String q = randomQuery(random, all);
                List<TextIndex.Doc> docs = bruteDocs(shards, q);
                TextIndex.Count c = index.count(q);
                assertEquals(bruteCount(all, q), c.occurrences(), () -> "count of " + q);
                assertEquals(c.occurrences(), index.occurrences(q), () -> "occurrences of " + q);
                assertEquals(docs.size(), c.documents(), () -> "documents of " + q);
                assertEquals(docs, index.documentsHolding(q), () -> "documents holding " + q);
                assertEquals(bruteNext(all, q), index.nextCharacters(q).next(), () -> "next of " + q);
            }
            for (int s = 0; s < shards.size(); s++) {
                for (int r = 0; r < shards.get(s).size(); r++) {
                    assertEquals(shards.get(s).get(r), index.text(new TextIndex.Doc(s, r)));
                }
            }
        }
    }

    @Test
    void longestMatchesAndMaximalSpansEqualABruteForceFinder() throws IOException {
        List<String> docs = randomTexts(3, 400);
        try (TextIndex index = TextIndex.open(List.of(build(dir.resolve("one.csa"), docs)))) {
            SplittableRandom random = new SplittableRandom(5);
            for (int trial = 0; trial < 40; trial++) {
                // a model's output: stretches copied from documents between invented ones
                StringBuilder output = new StringBuilder();
                while (output.length() < 300) {
                    output.append(random.nextBoolean() ? randomQuery(random, docs) : "x".repeat(random.nextInt(1, 4)));
                }
                String text = output.toString();
                int[] longest = index.longestMatches(text);
                for (int i = 0; i < text.length(); i++) {
                    int brute = 0;
                    while (i + brute < text.length() && bruteCount(docs, text.substring(i, i + brute + 1)) > 0) {
                        brute++;
                    }
                    int at = i;
                    assertEquals(brute, longest[i], () -> "longest match at " + at + " of " + text);
                }
            }
        }
    }

    @Test
    void theSameTextsGiveTheSameBytes() throws IOException {
        List<String> docs = randomTexts(9, 100);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(build(dir.resolve("a.csa"), docs)),
                Files.readAllBytes(build(dir.resolve("b.csa"), docs))));
    }
}
