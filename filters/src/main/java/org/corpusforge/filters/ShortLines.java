package org.corpusforge.filters;

import java.util.regex.Pattern;

/**
 * Which short lines may be a site's template (次のページ, 前へ, ページトップへ, トップ) rather than prose: a short line
 * of a book or an article is a sentence or a line of dialogue (it ends in 。！？、 or a closing bracket, or opens
 * with one), a section number or a diary's date (一, 第三章, 2., Ⅳ, 五月×日) or a decoration without letters (＊　＊　＊); a template's links and labels
 * are none of these. Only lines that pass this and repeat across a site's pages are removed ({@link
 * BoilerplateLines}), so a short line that is prose stays however often it repeats.
 */
public final class ShortLines {
    private static final String CLOSING = "。．.！？!?…‥、，,―—」』）)】〉》〕］]｝}\"'”’〟";
    private static final String OPENING = "―—「『（(【〈《〔［[｛{\"'“‘〝";
    /** Section numbers: digits, kanji, roman; optionally 第 before and a counter, の-numbering or a stop after. */
    private static final Pattern NUMBERING = Pattern.compile(
            "(第|その|其の|[上中下前後続]の)?[0-9０-９〇一二三四五六七八九十百千万零壱弐参拾ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫivxlcIVXLC]+"
                    + "([章節回話部編幕場巻号条篇段項夜日景齣]|の[0-9０-９〇一二三四五六七八九十]+)?[.．、,，:：)）]?"
                    // a diary's dates: 五月×日, 十一月××日, 1999年5月12日
                    + "|([0-9０-９〇一二三四五六七八九十百千×]+年)?[0-9０-９〇一二三四五六七八九十×]+月"
                    + "([0-9０-９〇一二三四五六七八九十×]+日)?.{0,3}");

    private ShortLines() {}

    /** True when a stripped line of fewer than the long-line minimum may be template, not prose. */
    public static boolean mayBeTemplate(String stripped) {
        int chars = stripped.codePointCount(0, stripped.length());
        if (chars < 2) {
            return false; // a lone character is a heading (上, 序) or a mark far more often than a link
        }
        if (CLOSING.indexOf(stripped.charAt(stripped.length() - 1)) >= 0 || OPENING.indexOf(stripped.charAt(0)) >= 0) {
            return false;
        }
        if (stripped.codePoints().noneMatch(Character::isLetter)) {
            return false;
        }
        // bounded: a short line is at most min_line_chars long
        return !NUMBERING.matcher(stripped).matches();
    }
}
