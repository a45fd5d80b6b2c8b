package org.corpusforge.filters;

import org.corpusforge.filters.text.JapaneseNormalizer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NounFractionTest {
    private static final NounFraction NOUNS = new NounFraction();

    @Test
    void sentencesAreMeasuredMiddleFirstThenTheQuartersAndSoOn() {
        assertArrayEquals(new int[] {0, 4, 2, 6, 1, 5, 3, 7}, NounFraction.spreadOrder(8));
        assertArrayEquals(new int[] {0, 4, 2, 1, 3}, NounFraction.spreadOrder(5));
        assertArrayEquals(new int[] {0}, NounFraction.spreadOrder(1));
        assertArrayEquals(new int[0], NounFraction.spreadOrder(0));
    }

    @Test
    void textIsCutAfterSentenceEndsAndLongRunsAtACommaNeverInsideAPair() {
        assertEquals(List.of("吾輩は猫である。", "名前はまだ無い。", "\n", "どこで生れたか"),
                texts("吾輩は猫である。名前はまだ無い。\nどこで生れたか"));
        String list = "東京、".repeat(100);
        List<String> pieces = texts(list);
        assertEquals(list, String.join("", pieces));
        assertTrue(pieces.stream().allMatch(p -> p.length() <= NounFraction.MAX_PIECE_CHARS && p.endsWith("、")),
                pieces.toString());
        String supplementary = "𠮷".repeat(150);
        pieces = texts(supplementary);
        assertEquals(supplementary, String.join("", pieces));
        assertTrue(pieces.stream().noneMatch(p -> Character.isHighSurrogate(p.charAt(p.length() - 1))));
    }

    @Test
    void aLongWorkIsDecidedOnAFewOfItsSentencesAsTheWholeWorkWouldBe() throws IOException {
        List<String> works = JapaneseNormalizerTest.sampleTexts().stream().filter(t -> t.length() > 5_000)
                .map(t -> new JapaneseNormalizer().normalize(new AozoraMarkup().clean(t).text())).toList();
        assertTrue(works.size() >= 20, "sample works: " + works.size());
        long measured = 0;
        long all = 0;
        int decisions = 0;
        for (String work : works) {
            NounFraction.Estimate whole = NOUNS.estimate(work, 0.8, 0);
            assertTrue(whole.complete());
            all += whole.words();
            for (double threshold : new double[] {0.3, 0.35, 0.4, 0.45, 0.5, 0.8}) {
                NounFraction.Estimate sampled = NOUNS.estimate(work, threshold, NounFractionStage.DEFAULT_Z);
                if (threshold == 0.8) {
                    measured += sampled.words();
                }
                if (Math.abs(whole.fraction() - threshold) > 0.01) {
                    decisions++;
                    assertEquals(whole.fraction() > threshold, sampled.fraction() > threshold,
                            "threshold " + threshold + ": whole " + whole + ", sampled " + sampled);
                }
            }
        }
        assertTrue(decisions > 100, "decisions " + decisions);
        // at the default threshold, prose is told apart from keyword lists on a small part of its words
        assertTrue(measured * 10 < all, measured + " words measured of " + all);
    }

    @Test
    void aKeywordListIsDroppedAndEveryShareIsKeptAsASignal() {
        String list = "東京 大阪 名古屋 福岡 札幌 仙台 広島 京都 神戸 横浜 千葉 埼玉\n".repeat(60);
        NounFraction.Estimate estimate = NOUNS.estimate(list, 0.8, NounFractionStage.DEFAULT_Z);
        assertFalse(estimate.complete(), estimate.toString());
        assertEquals(1.0, estimate.fraction(), 1e-9);
        var verdict = new NounFractionStage(0.8).apply(QualityRulesTest.doc(list));
        assertEquals("max_noun_fraction", verdict.reason());
        assertEquals(1.0, verdict.document().signals().get("noun_fraction"), 1e-9);
        assertTrue(verdict.document().signals().get("noun_fraction_words") < 720);
    }

    @Test
    void zeroZMeasuresEverySentence() {
        String prose = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。".repeat(30);
        NounFraction.Estimate estimate = NOUNS.estimate(prose, 0.8, 0);
        assertTrue(estimate.complete());
        NounFraction.Estimate once = NOUNS.estimate("吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。", 0.8, 0);
        assertEquals(once.words() * 30, estimate.words());
        assertEquals(once.fraction(), estimate.fraction(), 1e-12);
    }

    private static List<String> texts(String text) {
        return NounFraction.pieces(text).stream().map(p -> text.substring(p[0], p[1])).collect(Collectors.toList());
    }
}
