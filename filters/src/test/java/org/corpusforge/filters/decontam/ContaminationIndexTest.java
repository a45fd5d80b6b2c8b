package org.corpusforge.filters.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.corpusforge.filters.text.JapaneseNormalizer;
import org.junit.jupiter.api.Test;

/** Made-up items planted into made-up documents: what is found, where, and what is not. */
class ContaminationIndexTest {
    private static final String CONTEXT = "霧ヶ丘町は、川沿いの坂道に古い石段が続く小さな町で、毎年秋になると石段の両側に紙の灯籠が"
            + "千個並べられ、町の人々は夜通しその灯りの下で歌を歌う。";
    private static final String QUESTION = "霧ヶ丘町で秋に石段の両側に並べられるものは何か。";
    private static final String PROSE = "今日は朝から雨が降っていたので、駅まで歩くのをやめてバスに乗った。車内は混んでいて、"
            + "窓の外の景色はほとんど見えなかったけれど";

    private static ContaminationIndex index(int ngram, int minItemChars) {
        UnaryOperator<String> normalize = new JapaneseNormalizer()::normalize;
        return new ContaminationIndex.Builder(ngram, minItemChars, normalize)
                .add("reading", "r1", List.of(QUESTION, CONTEXT))
                .add("choice", "c1", List.of("雨の日に外を歩くとき、手に持つものは？", "傘", "鍋", "枕", "切手", "鍵盤"))
                .add("choice", "c2", List.of("冬は？", "暑い", "寒い", "青い", "重い", "甘い"))
                .add("choice", "c3", List.of("春は？", "花"))
                .build();
    }

    private static List<ContaminationIndex.Found> find(ContaminationIndex index, String text) {
        return index.find(MatchKey.of(text), 0);
    }

    @Test
    void findsAVerbatimCopyAndSaysWhere() {
        String doc = PROSE + CONTEXT + PROSE;
        List<ContaminationIndex.Found> found = find(index(20, 10), doc);
        assertEquals(1, found.size());
        ContaminationIndex.Found f = found.get(0);
        assertEquals(List.of(new ContaminationIndex.Span(PROSE.length(), PROSE.length() + CONTEXT.length())),
                f.spans());
        assertEquals("reading", index(20, 10).benchmark(f.item()));
        assertEquals("r1", index(20, 10).itemId(f.item()));
    }

    @Test
    void findsWidthVariantsAndInsertedSpacing() {
        String halfWidth = "ｶﾞｲﾄﾞﾌﾞｯｸ（第２版）によると、" + CONTEXT.replace("、", "、 \n") + "ＡＢＣＤＥＦＧ";
        ContaminationIndex index = new ContaminationIndex.Builder(20, 10, UnaryOperator.identity())
                .add("b", "x", List.of("ガイドブック(第2版)によると、" + CONTEXT, "abcdefg")).build();
        List<ContaminationIndex.Found> found = find(index, PROSE + halfWidth);
        assertEquals(1, found.size());
        // the span starts at the first half-width katakana and ends after the full-width G: nothing of it is left
        assertEquals(new ContaminationIndex.Span(PROSE.length(), PROSE.length() + halfWidth.length()),
                found.get(0).spans().get(0));
        assertEquals(1.0, found.get(0).share(), 1e-9);
    }

    @Test
    void keepsDakutenWhenComposingTheSpacingMark() {
        assertEquals("ガギ", MatchKey.of("ｶﾞか゛").folded().substring(0, 1) + MatchKey.of("ギ").folded());
        assertEquals("ガが", MatchKey.of("ｶﾞか゛").folded());
        assertTrue(!MatchKey.of("かき").folded().equals(MatchKey.of("がき").folded()));
    }

    @Test
    void findsAnItemLaidOutAsItsFieldsThoughNoFieldIsLongEnough() {
        String laidOut = "雨の日に外を歩くとき、手に持つものは？\n傘\n鍋\n枕\n切手\n鍵盤\n";
        List<ContaminationIndex.Found> found = find(index(20, 10), PROSE + laidOut);
        assertEquals(List.of("c1"), found.stream().map(f -> index(20, 10).itemId(f.item())).toList());
        // a question of 3 characters: the n-gram that starts with it and runs into the choices
        ContaminationIndex shortQuestion = new ContaminationIndex.Builder(20, 10, UnaryOperator.identity())
                .add("choice", "c4", List.of("冬は？", "寒い", "果てしない", "冷蔵庫", "クリスマス", "冷たい")).build();
        assertEquals(1, shortQuestion.postings());
        assertEquals(1, find(shortQuestion, "冬は？\n寒い\n果てしない\n冷蔵庫\nクリスマス\n冷たい").size());
        // the question alone is 19 characters: shorter than an n-gram, and not an item on its own
        assertEquals(List.of(), find(index(20, 10), PROSE + "雨の日に外を歩くとき、手に持つものは？" + PROSE));
    }

    @Test
    void shortItemsAreMatchedWholeAndTooShortOnesNotAtAll() {
        ContaminationIndex index = index(20, 10);
        assertEquals(List.of("c2"), find(index, "問題：冬は？ 暑い 寒い 青い 重い 甘い。").stream()
                .map(f -> index.itemId(f.item())).toList());
        assertEquals(List.of(), find(index, "冬は？ 暑い 寒い 青い 重い")); // not the whole item
        // c3 is 4 characters: never matched, counted
        assertEquals(List.of(), find(index, "春は？花が咲く。春は？花"));
        assertEquals(1, index.counts().get("choice")[1]);
        assertEquals(3, index.counts().get("choice")[0]);
        assertEquals(3, index.items());
    }

    @Test
    void aPartOfTheContextIsFoundAndItsShareMeasured() {
        ContaminationIndex index = index(20, 10);
        String part = CONTEXT.substring(10, 50);
        List<ContaminationIndex.Found> found = find(index, PROSE + part + PROSE);
        assertEquals(1, found.size());
        // 21 of the item's n-grams: those inside 40 characters of the context
        double share = found.get(0).share();
        assertTrue(share > 0.1 && share < 0.4, "share " + share);
        assertEquals(List.of(), index.find(MatchKey.of(PROSE + part), 0.5));
        assertEquals(1, index.find(MatchKey.of(PROSE + CONTEXT), 0.5).size());
    }

    @Test
    void untouchedProseAndNearMissesAreNotFlagged() {
        ContaminationIndex index = index(20, 10);
        assertEquals(List.of(), find(index, PROSE + PROSE));
        // 19 characters of the context: one short of an n-gram
        assertEquals(List.of(), find(index, PROSE + CONTEXT.substring(0, 19) + PROSE));
        // one character changed every 15: no 20 characters in a row survive
        StringBuilder changed = new StringBuilder(CONTEXT);
        for (int i = 7; i < changed.length(); i += 15) {
            changed.setCharAt(i, '＊');
        }
        assertEquals(List.of(), find(index, changed.toString()));
        assertEquals(List.of(), find(index, ""));
    }

    @Test
    void sharedPassagesAreIndexedOnceAndReportEveryQuestion() {
        ContaminationIndex shared = new ContaminationIndex.Builder(20, 10, UnaryOperator.identity())
                .add("reading", "q1", List.of("一つ目の問い", CONTEXT))
                .add("reading", "q2", List.of("二つ目の問い", CONTEXT)).build();
        ContaminationIndex single = new ContaminationIndex.Builder(20, 10, UnaryOperator.identity())
                .add("reading", "q1", List.of("一つ目の問い", CONTEXT)).build();
        assertEquals(List.of("q1", "q2"), find(shared, CONTEXT).stream().map(f -> shared.itemId(f.item())).toList());
        // the second question adds only the n-grams that start in it and end in the passage, with 5 characters
        // (a quarter of 20) or more on either side: starting at its first or second character
        assertEquals(single.postings() + 2, shared.postings());
    }
}
