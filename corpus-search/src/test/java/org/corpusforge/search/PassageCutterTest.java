package org.corpusforge.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassageCutterTest {
    @Test
    void passagesCoverTheDocumentAndEndAtSentences() throws Exception {
        for (String text : PassageIndexTest.sampleTexts()) {
            List<PassageCutter.Span> passages = PassageCutter.cut(text);
            int at = 0;
            for (PassageCutter.Span p : passages) {
                assertEquals(at, p.start(), "contiguous");
                assertTrue(p.end() > p.start(), "not empty");
                assertTrue(p.end() - p.start() <= PassageCutter.MAX_CHARS, "at most a passage long");
                // a passage ends at a sentence's end, a line break or a cut inside one over-long sentence
                at = p.end();
                assertFalse(Character.isHighSurrogate(text.charAt(at - 1)), "never inside a surrogate pair");
            }
            assertEquals(text.length(), at, "the whole document");
        }
    }

    @Test
    void sentencesArePackedWholeWithTheirClosingBrackets() {
        String a = "「吾輩は猫である。」";
        String b = "名前はまだ無い！？";
        String c = "どこで生れたかとんと見当がつかぬ。";
        List<PassageCutter.Span> spans = PassageCutter.cut(a + b + c, a.length() + b.length());
        assertEquals(List.of(new PassageCutter.Span(0, a.length() + b.length()),
                new PassageCutter.Span(a.length() + b.length(), a.length() + b.length() + c.length())), spans);
    }

    @Test
    void aLongSentenceIsCutAtACommaOrTheLimit() {
        String clause = "あいうえおかきくけこ、";  // 11 characters
        String sentence = clause.repeat(5) + "さしすせそ。";
        List<PassageCutter.Span> spans = PassageCutter.cut(sentence, 30);
        assertEquals(new PassageCutter.Span(0, 22), spans.get(0), "after the last comma within the limit");
        String noCommas = "あ".repeat(70);
        assertEquals(List.of(new PassageCutter.Span(0, 30), new PassageCutter.Span(30, 60), new PassageCutter.Span(60, 70)),
                PassageCutter.cut(noCommas, 30));
        String surrogates = "𠮷".repeat(40);  // 80 code units; a cut at 30 falls between two of them
        for (PassageCutter.Span s : PassageCutter.cut(surrogates, 31)) {
            assertEquals(0, s.start() % 2, "a pair is never split");
        }
    }

    @Test
    void lineBreaksEndSentences() {
        assertEquals(List.of(new PassageCutter.Span(0, 4), new PassageCutter.Span(4, 7)),
                PassageCutter.cut("第一章\n本文だ", 5));
    }
}
