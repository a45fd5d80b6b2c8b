package org.corpusforge.filters;

import org.corpusforge.core.text.BoundedPattern;

/**
 * Cleans the text of speech transcripts: removes bracketed sound and event notes ({@code （笑）}, {@code ［音楽］},
 * {@code [拍手]}, {@code ♪…♪}) and, when asked, fillers (えー, えっと, あのー, うーん, ...). Square brackets in
 * transcripts are always notes, so their content goes whatever it is; round brackets only when they hold a known
 * sound word, since {@code （東京）} is text. Fillers are matched only in their drawn-out or comma-set forms, so
 * the determiner あの in あの人 stays.
 */
public final class TranscriptCleaner {
    private static final String SOUNDS = "(?:笑|笑い|爆笑|苦笑|拍手|音楽|歓声|咳|咳払い|息|ため息|雑音|ノイズ|BGM|効果音|沈黙|"
            + "無音|間|泣|泣き|不明瞭|聞き取れず|聴取不能|会場笑い|一同笑い|チャイム|SE)";
    private static final BoundedPattern SQUARE = BoundedPattern.compile("note", "［[^［］\\n]{0,30}］|\\[[^\\[\\]\\n]{0,30}]");
    private static final BoundedPattern ROUND = BoundedPattern.compile("note",
            "[（(【〈]\\s*" + SOUNDS + "[^（）()【】〈〉\\n]{0,8}[）)】〉]");
    private static final BoundedPattern MUSIC = BoundedPattern.compile("music", "♪[^♪\\n]*+♪|[♪♫♬]");
    private static final BoundedPattern FILLERS = BoundedPattern.compile("filler",
            "(?:えー+と?|ええ+と|えっと|えと、|あのー+|あの、|そのー+|うー+ん|んー+|まー+|あー+|えー+)[、，,。]?\\s*");
    private static final BoundedPattern SPACES = BoundedPattern.compile("spaces", "[ \\t\\u3000]{2,}");

    private final boolean removeFillers;

    public TranscriptCleaner(boolean removeFillers) {
        this.removeFillers = removeFillers;
    }

    public String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            String s = SQUARE.matcher(line).replaceAll("");
            s = ROUND.matcher(s).replaceAll("");
            s = MUSIC.matcher(s).replaceAll("");
            if (removeFillers) {
                s = FILLERS.matcher(s).replaceAll("");
            }
            s = SPACES.matcher(s).replaceAll(" ").strip();
            if (!s.isEmpty()) {
                out.append(s).append('\n');
            }
        }
        return out.toString().strip();
    }
}
