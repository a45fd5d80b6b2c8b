package org.corpusforge.filters.text;

/**
 * Swallow's punctuation rule: when a document writes the Western comma {@code ，} more often than {@code 、} (or the
 * Western full stop {@code ．} more often than {@code 。}) after Japanese text, all of that Western form becomes the
 * Japanese one, except after a full-width digit or Latin letter ({@code ３．１４} stays). Must run before NFKC, which
 * turns {@code ，．} into ASCII.
 */
public final class KutotenNormalizer {

    public String normalize(String text) {
        int toten = 0;
        int comma = 0;
        int kuten = 0;
        int period = 0;
        for (int i = 1; i < text.length(); i++) {
            if (!afterJapanese(text.charAt(i - 1))) {
                continue;
            }
            switch (text.charAt(i)) {
                case '、' -> toten++;
                case '，' -> comma++;
                case '。' -> kuten++;
                case '．' -> period++;
                default -> { }
            }
        }
        boolean commas = comma > toten;
        boolean periods = period > kuten;
        if (!commas && !periods) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean afterAlnum = i > 0 && isFullWidthAlnum(text.charAt(i - 1));
            if (commas && c == '，' && !afterAlnum) {
                out.append('、');
            } else if (periods && c == '．' && !afterAlnum) {
                out.append('。');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Kana, kanji or a closing bracket: where Japanese punctuation is expected. */
    private static boolean afterJapanese(char c) {
        return (c >= 'ぁ' && c <= 'ヿ') || (c >= '一' && c <= '鿿') || (c >= '㐀' && c <= '䶿') || c == '々'
                || "）」』］〕】〉》".indexOf(c) >= 0;
    }

    private static boolean isFullWidthAlnum(char c) {
        return (c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ');
    }
}
