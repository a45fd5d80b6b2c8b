package org.corpusforge.filters;

import org.corpusforge.filters.text.ScriptCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Verdict;
import org.junit.jupiter.api.Test;

class LengthRatioFilterTest {
    private static Document doc(String text) {
        return new Document("t", text, SourceKind.WEB, new Provenance("file:/t", "line:1", null), Metadata.EMPTY);
    }

    @Test
    void lengthIsCountedInCharactersNotBytesAtTheThresholdsExactly() {
        LengthRatioFilter filter = new LengthRatioFilter(5, 6, 0.0);
        assertEquals(Verdict.Kind.DROP, filter.apply(doc("あいうえ")).kind());   // 4 chars, 12 bytes
        assertEquals("too-short", filter.apply(doc("あいうえ")).reason());
        assertEquals(Verdict.Kind.KEEP, filter.apply(doc("あいうえお")).kind());
        assertEquals(Verdict.Kind.KEEP, filter.apply(doc("𠮷野家の牛丼")).kind()); // 6 code points, 7 UTF-16 units
        assertEquals("too-long", filter.apply(doc("あいうえおかき")).reason());
    }

    @Test
    void japaneseRatioDropsBelowTheMinimumAndKeepsAtIt() {
        LengthRatioFilter filter = new LengthRatioFilter(1, 100, 0.5);
        Verdict half = filter.apply(doc("日本ab"));
        assertEquals(Verdict.Kind.KEEP, half.kind());
        assertEquals(0.5, half.document().signals().get(LengthRatioFilter.JAPANESE_RATIO));
        Verdict below = filter.apply(doc("日本abc"));
        assertEquals("low-japanese-ratio", below.reason());
        assertEquals(5.0, below.document().signals().get(LengthRatioFilter.CHAR_COUNT));
        assertEquals("low-japanese-ratio", filter.apply(doc("This is English text.")).reason());
    }

    @Test
    void whitespaceIsLeftOutOfTheRatio() {
        ScriptCounts c = ScriptCounts.of("日本 語\n\nab");
        assertEquals(8, c.chars());
        assertEquals(5, c.visibleChars());
        assertEquals(0.6, c.japaneseRatio(), 1e-12);
    }
}
