package org.corpusforge.filters;

import org.corpusforge.filters.text.JapaneseNormalizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QualityRulesTest {
    private static final QualitySignals SIGNALS = new QualitySignals();

    static Document doc(String text) {
        return new Document("d", text, SourceKind.WEB, new Provenance("file:/x", "file", null), Metadata.EMPTY);
    }

    /**
     * A real text: the second Aozora work of the bundled sample (寺田寅彦「新年雑俎」, modern prose that passes all the
     * default rules), after the aozora and normalize stages. The first, 樋口一葉「闇桜」, fails Swallow's
     * sentence-length rules, as classical prose written with 、 rather than 。 does.
     */
    private static String realText() throws IOException {
        String raw = JapaneseNormalizerTest.sampleTexts().get(1);
        return new JapaneseNormalizer().normalize(new AozoraMarkup().clean(raw).text());
    }

    /** The rules on signals this stage measures (the reader-measured ones are tested below). */
    static Stream<String> rules() throws IOException {
        Map<String, Double> measured = SIGNALS.measure(realText());
        return QualityRule.defaults().values().stream().filter(r -> measured.containsKey(r.signal()))
                .map(QualityRule::key);
    }

    @Test
    void aSignalTheReaderMeasuredIsJudgedAndADocumentWithoutItPasses() throws IOException {
        QualityStage stage = new QualityStage(List.of(QualityRule.defaults().get("max_broken_char_fraction")));
        Verdict broken = stage.apply(doc(realText()).withSignal("broken_char_fraction", 0.2));
        assertEquals(Verdict.Kind.DROP, broken.kind());
        assertEquals("max_broken_char_fraction", broken.reason());
        assertEquals(Verdict.Kind.KEEP, stage.apply(doc(realText()).withSignal("broken_char_fraction", 0.05)).kind());
        assertEquals(Verdict.Kind.KEEP, stage.apply(doc(realText())).kind());
    }

    /** Every rule, alone: a document exactly at the threshold stays; a hair beyond it is dropped by that rule. */
    @ParameterizedTest
    @MethodSource("rules")
    void eachRuleTriggersJustPastItsThresholdAndNotAtIt(String key) throws IOException {
        QualityRule rule = QualityRule.defaults().get(key);
        String text = realText();
        double value = SIGNALS.measure(text).get(rule.signal());
        double hair = Math.max(1e-9, Math.abs(value) * 1e-9);
        Verdict at = new QualityStage(List.of(rule.withThreshold(value))).apply(doc(text));
        assertEquals(Verdict.Kind.KEEP, at.kind(), key + " at " + value);
        Verdict past = new QualityStage(List.of(rule.withThreshold(rule.minimum() ? value + hair : value - hair)))
                .apply(doc(text));
        assertEquals(Verdict.Kind.DROP, past.kind(), key);
        assertEquals(key, past.reason());
        assertEquals(value, past.document().signals().get(rule.signal()));
    }

    @Test
    void theDefaultsKeepRealProseAndTheFirstBrokenRuleIsTheReason() throws IOException {
        Verdict prose = new QualityStage(List.copyOf(QualityRule.defaults().values())).apply(doc(realText()));
        assertEquals(Verdict.Kind.KEEP, prose.kind(), String.valueOf(prose.reason()));
        assertTrue(prose.document().signals().containsKey("duplicate_10gram_fraction"));
        String classical = new JapaneseNormalizer().normalize(new AozoraMarkup().clean(
                JapaneseNormalizerTest.sampleTexts().get(0)).text());
        assertEquals("max_avg_sentence_length",
                new QualityStage(List.copyOf(QualityRule.defaults().values())).apply(doc(classical)).reason());
        Verdict shortText = new QualityStage(List.copyOf(QualityRule.defaults().values())).apply(doc("短い文です。"));
        assertEquals("min_chars", shortText.reason());
    }

    @Test
    void measurementsOnSmallTexts() {
        Map<String, Double> s = SIGNALS.measure("あいう。アイ、漢字。\nあいう。アイ、漢字。\n短い\nそれで…\naaaa");
        assertEquals(34.0, s.get("char_count"));
        assertEquals(2.0 / 7, s.get("duplicate_sentence_fraction"));  // 7 sentences, 2 repeats of earlier ones
        assertEquals(1.0 / 5, s.get("duplicate_line_fraction"));
        assertEquals(4.0, s.get("max_char_run"));
        assertEquals(5.0 / 5, s.get("short_line_fraction"));  // every line has at most 10 characters
        assertEquals(1.0 / 5, s.get("ellipsis_line_fraction"));
        assertEquals(1.0 / 7, s.get("ellipsis_sentence_fraction"));
        assertEquals(1000.0 * 4 / 34, s.get("kuten_per_1000_chars"), 1e-9);
        // Japanese letters: 6+1+2 hiragana (あいう x2, それで, 短い's い), katakana 4, kanji 5, kuten 4, toten 2
        assertEquals(6.0 + 3 + 1 + 4 + 5 + 4 + 2, s.get("japanese_chars"));
        assertEquals(1.0 / 2, SIGNALS.measure("これは十一文字の行ですね\n短い").get("short_line_fraction"));
        Map<String, Double> repeated = SIGNALS.measure("ああああ");
        assertEquals(1.0, repeated.get("top_2gram_fraction"));
        assertEquals(0.0, SIGNALS.measure("").get("avg_sentence_length"));
    }

    @Test
    void kanjiBeyondTheBasicPlaneAreCountedAsJapanese() {
        assertEquals(2.0, SIGNALS.measure("𠮷野").get("japanese_chars"));
        assertEquals(2.0, SIGNALS.measure("𠮷野").get("char_count"));
    }

    @Test
    void nounShareComesFromKuromoji() {
        NounFraction nouns = new NounFraction();
        assertEquals(1.0, nouns.estimate("東京 大阪 名古屋 福岡 札幌", 0.8, 0).fraction(), 1e-9);
        double prose = nouns.estimate("吾輩は猫である。名前はまだ無い。", 0.8, 0).fraction();
        assertTrue(prose > 0.2 && prose < 0.6, "prose " + prose);
        Verdict list = new NounFractionStage(0.8).apply(doc("東京、大阪、名古屋、福岡、札幌、仙台、広島"));
        assertEquals("max_noun_fraction", list.reason());
    }
}
