package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    private final LanguageDetector detector = new LanguageDetector(100, 0.5, 0.05);

    @Test
    void japaneseProseOldOrNewAndKanjiHeavyIsJapanese() throws IOException {
        assertEquals("ja", detector.detect("吾輩は猫である。名前はまだ無い。").language());
        assertEquals("ja", detector.detect("夫レ天地ハ萬物ノ逆旅ニシテ光陰ハ百代ノ過客ナリ").language(), "kanbun-style katakana");
        for (String text : JapaneseNormalizerTest.sampleTexts()) {
            LanguageDetector.Result r = detector.detect(text);
            assertEquals("ja", r.language(), text.substring(0, Math.min(60, text.length())));
        }
    }

    @Test
    void japaneseTechnicalTextFullOfCommandsIsStillJapanese() {
        String text = "dpkg-reconfigure locales を実行し、ja_JP.UTF-8 を選びます。apt-get install task-japanese "
                + "と apt-get install fonts-noto-cjk も使えます。";
        LanguageDetector.Result r = detector.detect(text);
        assertTrue(r.japaneseScore() < 0.5, "score " + r.japaneseScore());
        assertEquals("ja", r.language());
    }

    @Test
    void otherLanguagesAreLabelledByScriptAndEnglishAsEnglish() {
        assertEquals("en", detector.detect("The quick brown fox jumps over the lazy dog, and it is not the first time.")
                .language());
        assertEquals("latn", detector.detect("Der schnelle braune Fuchs springt über den faulen Hund.").language());
        assertEquals("zh", detector.detect("我国卫生与健康领域有了基本法，这是一部重要的法律。").language());
        assertEquals("ko", detector.detect("대한민국은 민주공화국이다.").language());
        assertEquals("cyrl", detector.detect("Москва — столица России.").language());
        assertEquals("und", detector.detect("12345 !!! ...").language());
        LanguageDetector.Result zh = detector.detect("中华人民共和国");
        assertEquals(0.0, zh.japaneseScore());
    }

    @Test
    void theScoreDropsWithTheShareOfKana() {
        double prose = detector.detect("これは日本語の文章です。").japaneseScore();
        double fewKana = detector.detect("東京都千代田区霞が関一丁目").japaneseScore();
        assertEquals(1.0, prose, 1e-9);
        assertTrue(fewKana < 0.9 && fewKana > 0, "score " + fewKana);
        assertTrue(detector.detect("ABC これは").kanaInFirstChars());
        assertTrue(!new LanguageDetector(3, 0.5, 0.05).detect("ABC これは").kanaInFirstChars(), "only the first 3 chars");
    }

    @Test
    void routingKeepsOrDropsByLanguage() {
        var doc = new org.corpusforge.core.model.Document("d", "The cat sat on the mat and it was happy.",
                org.corpusforge.core.model.SourceKind.WEB,
                new org.corpusforge.core.model.Provenance("file:/x", "line:1", null), null);
        var drop = new LanguageStage(detector, java.util.Set.of("ja")).apply(doc);
        assertEquals("language", drop.reason());
        assertEquals("en", drop.document().metadata().attributes().get("language"));
        var keep = new LanguageStage(detector, java.util.Set.of("all")).apply(doc);
        assertEquals(org.corpusforge.core.stage.Verdict.Kind.KEEP, keep.kind());
        assertEquals(List.of("en"), List.of(keep.document().metadata().attributes().get("language")));
    }
}
