package org.corpusforge.filters.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.Normalizer2;
import org.junit.jupiter.api.Test;

class MatchKeyTest {
    @Test
    void foldsWidthCaseAndSpacingAndKeepsDakuten() {
        assertEquals("abc123カタカナ", MatchKey.of("ＡＢＣ １２３\nｶﾀｶﾅ").folded());
        assertEquals("ガが", MatchKey.of("ｶﾞ か゛").folded());
        assertEquals("パぱ", MatchKey.of("ﾊﾟ\u3000は゜").folded());
        assertEquals("かき", MatchKey.of("か\u200Bき").folded()); // default-ignorable removed
    }

    @Test
    void everyKeyCharacterPointsBackAtItsCodePoint() {
        String text = "前 ｶﾞ𠮷㍿後";
        MatchKey key = MatchKey.of(text);
        assertEquals("前ガ𠮷株式会社後", key.folded());
        assertEquals("ｶﾞ", text.substring(key.textStart(1), key.textEnd(2)));
        assertEquals("𠮷", text.substring(key.textStart(2), key.textEnd(4)));
        assertEquals("㍿", text.substring(key.textStart(4), key.textEnd(8)));
        assertEquals("㍿後", text.substring(key.textStart(7), key.textEnd(9)));
    }

    @Test
    void textsThatGrowWhenFoldedFitTheKey() {
        String text = "ﷺ".repeat(1000) + "㍿".repeat(1000);
        // ﷺ folds to 18 chars, 3 of them spaces; ㍿ to 株式会社
        assertEquals(15 * 1000 + 4 * 1000, MatchKey.of(text).length());
        int longest = 0;
        Normalizer2 fold = Normalizer2.getNFKCCasefoldInstance();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (!Character.isSurrogate((char) cp) || cp > 0xFFFF) {
                longest = Math.max(longest, fold.normalize(new String(Character.toChars(cp))).length());
            }
        }
        assertTrue(longest <= 18, "a code point folds to " + longest + " chars");
    }
}
