package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which short lines may be a site's template, and how they are counted: within the site and across the corpus. */
class ShortLinesTest {
    @Test
    void linksAndLabelsMayBeTemplateProseDialogueNumbersAndDatesMayNot() {
        for (String template : new String[] {"次のページ", "前へ", "ページトップへ", "トップ", "作品一覧", "Home", "入力:門田裕志"}) {
            assertTrue(ShortLines.mayBeTemplate(template), template);
        }
        for (String prose : new String[] {"はい。", "「はい」", "『蒲団』", "ええ、", "だが――", "――幕――", "(上)", "と、いった。",
                "一", "二", "第三章", "2.", "Ⅳ", "其の一", "上の二", "五月×日", "十一月××日", "1999年5月12日", "＊　＊　＊",
                "上", "……"}) {
            assertFalse(ShortLines.mayBeTemplate(prose), prose);
        }
    }

    @Test
    void shortLinesCountOnlyInDocumentsOfASiteWithinItAndAcrossTheCorpus() {
        BoilerplateLines lines = new BoilerplateLines(10);
        String page = "本文の段落がここにあります。長い行です。\n次のページ\n「はい」";
        assertEquals(1, lines.distinctHashes(page).length, "no site: only the long line");
        long[] hashes = lines.distinctHashes(page, "example.jp");
        assertEquals(3, hashes.length, "the long line, and the pager line within the site and across the corpus");
        long[] other = lines.distinctHashes(page, "other.jp");
        long site = only(hashes, BoilerplateLines.SITE);
        long corpus = only(hashes, BoilerplateLines.CORPUS_SHORT);
        assertTrue(java.util.Arrays.stream(other).noneMatch(h -> h == site), "another site counts apart");
        assertTrue(java.util.Arrays.stream(other).anyMatch(h -> h == corpus), "the corpus counts them together");
        assertEquals("本文の段落がここにあります。長い行です。\n「はい」",
                lines.remove(page, Set.of(site), "example.jp").text());
        assertEquals(page, lines.remove(page, Set.of(site), "other.jp").text(), "another site's count");
        assertEquals(page, lines.remove(page, Set.of(site, corpus), null).text(), "no site: short lines stay");
        assertArrayEquals(lines.distinctHashes(page, "example.jp"), hashes, "stable");
    }

    private static long only(long[] hashes, int kind) {
        return java.util.Arrays.stream(hashes).filter(h -> BoilerplateLines.kindOf(h) == kind).findFirst().orElseThrow();
    }
}
