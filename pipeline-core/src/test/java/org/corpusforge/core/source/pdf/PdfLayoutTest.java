package org.corpusforge.core.source.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout on glyphs placed by hand: lines, columns, joins, and a page's furniture. */
class PdfLayoutTest {
    /** A horizontal line of 10-point glyphs from (x, y), one glyph per character (a space is a drawn space). */
    private static List<PdfGlyph> row(String text, double x, double y) {
        List<PdfGlyph> glyphs = new ArrayList<>();
        double at = x;
        for (int cp : text.codePoints().toArray()) {
            double w = cp < 0x3000 ? 5 : 10;
            glyphs.add(new PdfGlyph(new String(Character.toChars(cp)), at, y, w, 10));
            at += w;
        }
        return glyphs;
    }

    /** A column of vertical writing from its top at (x, y). */
    private static List<PdfGlyph> column(String text, double x, double y) {
        List<PdfGlyph> glyphs = new ArrayList<>();
        double at = y;
        for (int cp : text.codePoints().toArray()) {
            glyphs.add(new PdfGlyph(new String(Character.toChars(cp)), x, at, 10, 10));
            at += 10;
        }
        return glyphs;
    }

    private static String text(List<PdfGlyph> glyphs) {
        return PdfLayout.join(List.of(PdfLayout.lines(glyphs))).text();
    }

    @Test
    void japaneseLineBreaksJoinWithoutASpaceLatinWithOneAndHyphensAreUndone() {
        List<PdfGlyph> page = new ArrayList<>();
        page.addAll(row("吾輩は猫で", 0, 0));
        page.addAll(row("ある。名前は", 0, 14));
        page.addAll(row("The quick brown", 0, 40));
        page.addAll(row("fox jumps over a ham-", 0, 54));
        page.addAll(row("mock.", 0, 68));
        assertEquals("吾輩は猫である。名前は\nThe quick brown fox jumps over a hammock.", text(page));
    }

    @Test
    void columnsOfVerticalWritingReadTopToBottomRightToLeft() {
        List<PdfGlyph> page = new ArrayList<>();
        page.addAll(column("吾輩は猫で", 200, 0));
        page.addAll(column("ある。", 186, 0));
        page.addAll(column("名前はまだ", 160, 0)); // a wider gap: a new paragraph
        assertEquals("吾輩は猫である。\n名前はまだ", text(page));
    }

    @Test
    void runningHeadsAndPageNumbersGoTextAtTheEdgeThatDoesNotRepeatStays() {
        List<RunningText.Page> pages = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            List<PdfGlyph> glyphs = new ArrayList<>();
            glyphs.addAll(row("吾輩は猫である　第" + p + "章", 50, 5));
            glyphs.addAll(row("本文の" + p + "頁目、その一行目です。", 50, 100));
            glyphs.addAll(row("二行目。", 50, 114));
            glyphs.addAll(row("- " + p + " -", 140, 290));
            pages.add(new RunningText.Page(300, 300, PdfLayout.lines(glyphs)));
        }
        // the only line near the edge on one page and unlike the others stays
        List<PdfGlyph> single = new ArrayList<>(row("注記", 50, 292));
        pages.add(new RunningText.Page(300, 300, PdfLayout.lines(single)));
        RunningText.Result result = RunningText.remove(pages);
        assertEquals(6, result.removed());
        assertEquals("本文の1頁目、その一行目です。二行目。\n本文の2頁目、その一行目です。二行目。\n"
                + "本文の3頁目、その一行目です。二行目。\n注記",
                PdfLayout.join(result.pages()).text());
    }

    @Test
    void aParagraphThatFillsThePageGoesOnOverThePageBreak() {
        List<PdfLine> first = PdfLayout.lines(row("吾輩は猫である。名前は", 0, 0));
        List<PdfLine> second = PdfLayout.lines(new ArrayList<>(row("まだ無い。", 0, 0)));
        List<PdfLine> third = PdfLayout.lines(row("どこで生れたか", 0, 0));
        assertEquals("吾輩は猫である。名前はまだ無い。\nどこで生れたか",
                PdfLayout.join(List.of(first, second, third)).text());
        assertEquals(List.of(0, 11, 17), PdfLayout.join(List.of(first, second, third)).pageStarts());
    }

    @Test
    void brokenCharactersAreCounted() {
        assertEquals(0.0, PdfFileReader.brokenFraction("吾輩は猫である。\n名前はまだ無い。"));
        assertEquals(0.5, PdfFileReader.brokenFraction("吾\uFFFD輩\uE000"));
    }
}
