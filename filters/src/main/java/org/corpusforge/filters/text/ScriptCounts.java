package org.corpusforge.filters.text;

/**
 * Counts the characters (code points, never bytes or UTF-16 units) of a text by Japanese script.
 * <ul>
 *   <li>hiragana: U+3041–U+309F (including ゝ ゞ and the voicing marks);</li>
 *   <li>katakana: U+30A0–U+30FF (including ・ and ー), U+31F0–U+31FF, half-width U+FF66–U+FF9F;</li>
 *   <li>kanji: CJK unified ideographs and extensions A to H, compatibility ideographs, 々 〆 〇 〻;</li>
 *   <li>Japanese punctuation: U+3001–U+303F (、。「」『』〜 …) and full-width ！，．：；？.</li>
 * </ul>
 * Japanese characters are the sum of the four; whitespace is counted apart and left out of ratios.
 */
public final class ScriptCounts {
    private int total;
    private int whitespace;
    private int hiragana;
    private int katakana;
    private int kanji;
    private int punctuation;

    private ScriptCounts() {}

    public static ScriptCounts of(CharSequence text) {
        ScriptCounts c = new ScriptCounts();
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            c.total++;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                c.whitespace++;
            } else if (cp >= 0x3041 && cp <= 0x309F) {
                c.hiragana++;
            } else if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF)
                    || (cp >= 0xFF66 && cp <= 0xFF9F)) {
                c.katakana++;
            } else if (isKanji(cp)) {
                c.kanji++;
            } else if ((cp >= 0x3001 && cp <= 0x303F) || cp == 0xFF01 || cp == 0xFF0C || cp == 0xFF0E
                    || cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF1F) {
                c.punctuation++;
            }
        }
        return c;
    }

    public static boolean isKanji(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)       // unified ideographs
                || (cp >= 0x3400 && cp <= 0x4DBF)    // extension A
                || (cp >= 0x20000 && cp <= 0x323AF)  // extensions B to H
                || (cp >= 0xF900 && cp <= 0xFAFF)    // compatibility ideographs
                || (cp >= 0x2F800 && cp <= 0x2FA1F)  // compatibility supplement
                || cp == 0x3005 || cp == 0x3006 || cp == 0x3007 || cp == 0x303B;
    }

    /** All code points. */
    public int chars() { return total; }

    /** Code points that are not whitespace. */
    public int visibleChars() { return total - whitespace; }

    public int hiragana() { return hiragana; }

    public int katakana() { return katakana; }

    public int kanji() { return kanji; }

    public int japanese() { return hiragana + katakana + kanji + punctuation; }

    /** Japanese characters as a share of the visible ones; 0 for a text with none. */
    public double japaneseRatio() {
        return share(japanese());
    }

    public double share(int count) {
        int visible = visibleChars();
        return visible == 0 ? 0.0 : (double) count / visible;
    }
}
