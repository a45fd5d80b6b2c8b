package org.corpusforge.filters;

import org.corpusforge.filters.text.ScriptCounts;
import org.corpusforge.filters.text.JapaneseNormalizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class JapaneseNormalizerTest {
    private final JapaneseNormalizer normalizer = new JapaneseNormalizer();

    @Test
    void nfkcFoldsWidthsAndComposesHalfWidthVoicedKana() {
        assertEquals("ABC 123 カタカナ ガギグ パピプ", normalizer.normalize("ＡＢＣ　１２３　ｶﾀｶﾅ　ｶﾞｷﾞｸﾞ　ﾊﾟﾋﾟﾌﾟ"));
    }

    @Test
    void dakutenAndHandakutenAreNeverStrippedOrDetached() {
        assertEquals("がぎぐげご ぱぴぷぺぽ ヴ", normalizer.normalize("がぎぐげご ぱぴぷぺぽ ヴ"));
        // combining marks after their kana compose into the precomposed letter
        assertEquals("が パ", normalizer.normalize("か\u3099 ハ\u309A"));
        // the spacing marks stay as they are (NFKC alone would give a space and a combining mark)
        assertEquals("か゛ ゜", normalizer.normalize("か゛ ゜"));
    }

    @Test
    void ellipsesStayJapanese() {
        assertEquals("そうか……。‥", normalizer.normalize("そうか……。‥"));
    }

    @Test
    void invisibleAndControlCharactersAreRemoved() {
        assertEquals("ゼロ幅空白", normalizer.normalize("ゼロ\u200B幅\u200D空\uFEFF白\u0007"));
        assertEquals("私用", normalizer.normalize("私\uE000用\uDB80\uDC00"));
        assertEquals("私\uE000用", new JapaneseNormalizer(true, false, false).normalize("私\uE000用"));
    }

    @Test
    void westernCommasAndStopsBecomeJapaneseOnlyWhereTheDocumentPrefersThem() {
        JapaneseNormalizer swallow = new JapaneseNormalizer(true, true, true);
        assertEquals("今日は、晴れ。円周率は3.14です。", swallow.normalize("今日は，晴れ．円周率は３．１４です．"));
        // 、 outnumbers ， here, so the document's one ， is left to NFKC, which makes it ASCII
        assertEquals("今日は、晴れ、明日は,雨。", swallow.normalize("今日は、晴れ、明日は，雨。"));
        assertEquals("今日は,晴れ.", normalizer.normalize("今日は，晴れ．"), "off by default");
    }

    @Test
    void lineBreaksAreUnifiedAndBlankRunsCollapsed() {
        assertEquals("一行目\n二行目\n\n三行目 と 空白", normalizer.normalize(
                "\r\n  一行目\r\n二行目\r\r\r\n\u2028\n三行目\t\t と\u3000\u3000空白  \n\n"));
    }

    @Test
    void noKanaIsLostAndNormalisingTwiceChangesNothingOnTheBundledSample() throws IOException {
        List<String> texts = sampleTexts();
        assertTrue(texts.size() > 50);
        for (String text : texts) {
            String once = normalizer.normalize(text);
            assertEquals(once, normalizer.normalize(once), "not idempotent");
            ScriptCounts before = ScriptCounts.of(text);
            ScriptCounts after = ScriptCounts.of(once);
            // half-width katakana may become full-width, never the reverse; hiragana and kanji are never lost
            assertEquals(before.hiragana(), after.hiragana());
            assertTrue(after.katakana() >= before.katakana());
            assertTrue(after.kanji() >= before.kanji() - count(text, 0xF900, 0xFAFF));
            assertEquals(countVoiced(text), countVoiced(once), "voiced kana count changed");
        }
    }

    /**
     * The same properties on a corpus outside the repository, for evaluation only (scripts/eval-quality.py):
     * {@code -Dcorpusforge.normalizer.corpus=DIR} with Aozora JSONL shards; skipped when the property is not set.
     */
    @Test
    void propertiesHoldOnAnExternalCorpus() throws IOException {
        String dir = System.getProperty("corpusforge.normalizer.corpus");
        if (dir == null || dir.isBlank()) {
            // surefire keeps an abort's reason in its XML only: say it on the console too
            System.err.println("SKIPPED: JapaneseNormalizerTest.propertiesHoldOnAnExternalCorpus: no external corpus "
                    + "given (-Dcorpusforge.normalizer.corpus=DIR; scripts/eval-quality.py runs it)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null && !dir.isBlank(), "no external corpus given");
        ObjectMapper json = new ObjectMapper();
        long docs = 0;
        long chars = 0;
        List<Path> shards;
        try (var files = Files.list(Path.of(dir))) {
            shards = files.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
        }
        for (Path shard : shards) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(shard)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String text = new AozoraMarkup().clean(json.readTree(line).get("text").asText()).text();
                    String once = normalizer.normalize(text);
                    assertEquals(once, normalizer.normalize(once), "not idempotent");
                    assertEquals(ScriptCounts.of(text).hiragana(), ScriptCounts.of(once).hiragana());
                    assertTrue(ScriptCounts.of(once).katakana() >= ScriptCounts.of(text).katakana());
                    assertEquals(countVoiced(text), countVoiced(once), "voiced kana count changed");
                    docs++;
                    chars += once.length();
                }
            }
        }
        System.out.println("normalizer-properties: " + docs + " documents, " + chars
                + " characters: idempotent, hiragana and voiced kana kept, katakana never fewer");
    }

    private static long count(String text, int from, int to) {
        return text.codePoints().filter(c -> c >= from && c <= to).count();
    }

    /** Precomposed kana with dakuten or handakuten. */
    private static long countVoiced(String text) {
        return text.codePoints().filter(c -> "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ"
                .indexOf(c) >= 0).count();
    }

    static List<String> sampleTexts() throws IOException {
        Path repo = Path.of(System.getProperty("corpusforge.repo", "..")).toAbsolutePath();
        Path sample = repo.resolve("sample/aozora/aozora_pd_sample.jsonl.gz");
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(sample)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode node = json.readTree(line);
                texts.add(node.get("text").asText());
            }
        }
        for (String line : Files.readAllLines(repo.resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            texts.add(line);
        }
        return texts;
    }
}
