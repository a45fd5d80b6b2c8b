package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.corpusforge.filters.pii.PiiMasker;
import org.junit.jupiter.api.Test;

/**
 * Every pattern family that meets record text, fed 1 MB built to make it backtrack or recurse (issue 27). The
 * patterns are {@link org.corpusforge.core.text.BoundedPattern}s, which count their character reads: a pattern
 * that turned quadratic would throw {@code Exceeded} here, deterministically, instead of making the suite slow.
 */
class PatternsUnderAttackTest {
    private static final int MB = 1 << 20;

    private static String fill(String unit) {
        return unit.repeat(MB / unit.length());
    }

    @Test
    void aozoraMarkupOnUnterminatedAndDeeplyNestedAnnotations() {
        AozoraMarkup aozora = new AozoraMarkup();
        String body = "吾輩は猫である。";
        for (String attack : List.of(fill("［＃"), "［＃" + fill("あ"), fill("［＃あ［"), fill("［＃") + fill("］"),
                fill("｜漢"), fill("｜") + "《", fill("《あ"), fill("※［＃"), "［＃" + fill("［x］"))) {
            String text = aozora.clean("題\n著者\n\n" + body + attack + "\n" + body).text();
            assertTrue(text.startsWith(body) && text.endsWith(body), () -> text.substring(0, 20));
        }
        // nested a quarter of a million deep: removed whole, in one pass
        assertEquals(body + body, aozora.clean("題\n著者\n\n" + body + fill("［＃") + fill("］").substring(0,
                fill("［＃").length() / 2) + body).text());
    }

    @Test
    void annotationsAreRemovedAsTheInnermostFirstFixpointRemovesThem() {
        Random random = new Random(27);
        String alphabet = "［］＃a\n";
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(14); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertEquals(innermostFirst(text), AozoraMarkup.removeAnnotations(text), () -> "on " + text.replace("\n", "\\n"));
        }
    }

    /**
     * Brute force: close the innermost bracket pair of a line again and again; annotations (an opening bracket
     * followed by ＃ in the text as written) go, other pairs stay.
     */
    private static String innermostFirst(String text) {
        Pattern innermost = Pattern.compile("([［\uE002])([^［］\uE002\n]*)］");
        String s = text.replace("［＃", "\uE002＃");
        while (true) {
            java.util.regex.Matcher m = innermost.matcher(s);
            if (!m.find()) {
                break;
            }
            String replacement = m.group(1).equals("\uE002") ? "" : "\uE000" + m.group(2) + "\uE001";
            s = s.substring(0, m.start()) + replacement + s.substring(m.end());
        }
        return s.replace('\uE000', '［').replace('\uE001', '］').replace('\uE002', '［');
    }

    @Test
    void piiPatternsOnRunsThatOnceOverflowedOrBacktracked() {
        PiiMasker masker = new PiiMasker(PiiMasker.TYPES, Map.of());
        for (String attack : List.of(fill("a:"), "1:" + fill("a:"), fill("1:"), "a@" + fill("b.") + "c1",
                fill("a.") + "@" + fill("b."), fill("a@"), "東京都千代田区" + fill("1-"), fill("東京都千代田区1-"),
                fill("1234 "), fill("(0"), fill("+81 "), fill("0"), fill("〒"), fill("1.2."), fill("255."))) {
            masker.mask(attack);
        }
        // and it still masks what it should next to such a run
        assertTrue(masker.mask(fill("1:") + " 連絡先 taro@example.co.jp").text().endsWith("連絡先 <EMAIL>"));
    }

    @Test
    void transcriptNotesOnUnclosedBrackets() {
        TranscriptCleaner cleaner = new TranscriptCleaner(true);
        for (String attack : List.of(fill("♪あ"), fill("（笑"), fill("［"), fill("えー"), fill("ー"), fill("  "))) {
            cleaner.clean("はい" + attack + "\nどうも");
        }
        assertEquals("はい\nどうも", cleaner.clean("はい（笑）\n♪音楽♪どうも"));
    }
}
