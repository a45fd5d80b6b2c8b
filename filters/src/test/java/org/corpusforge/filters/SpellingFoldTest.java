package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpellingFoldTest {
    private static final SpellingFold FOLD = SpellingFold.shipped();

    private static void same(String old, String modern) {
        assertEquals(FOLD.fold(modern), FOLD.fold(old), old + " / " + modern);
    }

    @Test
    void oldCharacterFormsFoldToModernOnes() {
        same("學校の國語", "学校の国語");
        same("氣體と聲", "気体と声");
        same("廣い樣子", "広い様子");
        // an ideographic variation selector is not part of the character
        same("葛\uDB40\uDD00城", "葛城");
    }

    @Test
    void wordsRespelledIn1956FoldToTheirNewSpelling() {
        same("理窟", "理屈");
        same("稀少な", "希少な");
        // only as words: 窟 alone stays 窟
        assertNotEquals(FOLD.fold("岩屈"), FOLD.fold("岩窟"));
    }

    @Test
    void historicalKanaUsageFoldsToModernKana() {
        same("言ふ", "言う");
        same("思はない", "思わない");
        same("ゐる", "いる");
        same("ゑがく", "えがく");
        same("てふてふ", "ちょうちょう");
        same("でせう", "でしょう");
        same("そのやうに", "そのように");
        same("さうして", "そうして");
        same("ぢやない", "じゃない");
        same("けふ", "きょう");
        same("行つて", "行って");
    }

    @Test
    void iterationMarksRepeatWhatCameBefore() {
        same("人々", "人人");
        same("こゝろ", "こころ");
        same("たゞ", "ただ");
        same("バヽ", "ババ");
        same("トヾ", "トド");
    }

    @Test
    void punctuationDoesNotCount() {
        same("雨、雪。「風」", "雨雪風");
    }

    @Test
    void wordsEditionsWriteInKanjiOrKanaFoldTogetherWithoutMorphology() {
        same("そんな事がある", "そんなことがある");
        same("そこに居る", "そこにいる");
        same("又あした", "またあした");
        same("此の人が云ふには", "この人がいうには");
        same("或は其れが", "あるいはそれが");
        same("一寸待て", "ちょっと待て");
        assertNotEquals(FOLD.fold("国語の時間"), FOLD.fold("英語の時間"));
        assertNotEquals(FOLD.fold("いる"), FOLD.fold("ある"));
    }

    @Test
    void withReadingsKanjiWordsAndTheirKanaSpellingFoldTogether() {
        assertNotEquals(FOLD.fold("そんなやつがある"), FOLD.fold("そんな奴がある"));
        assertEquals(FOLD.foldWithReadings("そんなやつがある"), FOLD.foldWithReadings("そんな奴がある"));
        assertEquals(FOLD.foldWithReadings("そんなことがある"), FOLD.foldWithReadings("そんな事がある"));
        assertEquals(FOLD.foldWithReadings("そこにいる"), FOLD.foldWithReadings("そこに居る"));
        assertEquals(FOLD.foldWithReadings("またあした"), FOLD.foldWithReadings("又あした"));
        assertNotEquals(FOLD.foldWithReadings("国語の時間"), FOLD.foldWithReadings("英語の時間"));
    }

    @Test
    void differentWordsStayDifferent() {
        assertNotEquals(FOLD.fold("国語"), FOLD.fold("英語"));
        assertNotEquals(FOLD.fold("学校"), FOLD.fold("学区"));
        assertEquals("ABC漢字", FOLD.fold("ABC漢字"));
    }

    @Test
    void aPassageInOldAndNewSpellingSharesItsShinglesOnlyWhenFolded() {
        String modern = "私はその日学校から帰ると、気の早い弟が庭で蝶々を追っているのを見た。"
                + "ちょうちょうはそのように広い畑の上をひらひらと飛んで行って、やがて見えなくなってしまった。"
                + "弟は声をあげて泣きそうになったが、私はそうして黙っているほうがいいと思わないでもなかった。"
                + "あのときの国の様子を言うならば、実に静かな春の日であったのでしょう。";
        String old = modern.replace("学", "學").replace("帰", "歸").replace("気", "氣").replace("蝶々", "蝶蝶")
                .replace("追って", "追つて").replace("ちょうちょう", "てふてふ").replace("ように", "やうに")
                .replace("広", "廣").replace("行って", "行つて").replace("しまった", "しまつた")
                .replace("声", "聲").replace("そうに", "さうに").replace("そうして", "さうして")
                .replace("黙って", "默つて").replace("いる", "ゐる").replace("思わない", "思はない")
                .replace("国", "國").replace("様", "樣").replace("言う", "言ふ").replace("実", "實")
                .replace("でしょう", "でせう").replace("、", "");
        assertNotEquals(modern, old);
        double before = jaccard(modern, old);
        double after = jaccard(FOLD.fold(modern), FOLD.fold(old));
        assertTrue(before < 0.5, "unfolded: " + before);
        assertTrue(after > 0.95, "folded: " + after + "\n" + FOLD.fold(modern) + "\n" + FOLD.fold(old));
    }

    private static double jaccard(String a, String b) {
        Set<String> x = grams(a);
        Set<String> y = grams(b);
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        Set<String> either = new HashSet<>(x);
        either.addAll(y);
        return (double) both.size() / either.size();
    }

    private static Set<String> grams(String s) {
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + 5 <= s.length(); i++) {
            grams.add(s.substring(i, i + 5));
        }
        return grams;
    }
}
