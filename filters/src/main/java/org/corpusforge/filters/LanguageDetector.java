package org.corpusforge.filters;

import org.corpusforge.filters.text.ScriptCounts;
import java.util.Locale;
import java.util.Set;

/**
 * Tells Japanese from everything else by script, which works on old spellings, kanji-heavy prose and technical
 * text alike (a character n-gram detector split kanji-heavy Japanese between Japanese and Chinese; see
 * peer-lessons.md). Letters are counted by script; the Japanese score is the share of kana and kanji among the
 * letters, scaled down when kana make up less than a tenth of them, so that Chinese (kanji without kana) scores 0.
 * A document is {@code ja} when its score reaches a threshold, or when kana alone make up a minimum share of its
 * letters: Japanese technical text full of commands and English names (Debian's documentation) has a low score
 * but unmistakable kana, which neither Chinese nor English text has. Other text is labelled by its main script:
 * {@code zh} (kanji without kana), {@code cjk} (kanji with too few kana to call), {@code ko}, {@code cyrl}; Latin
 * script is {@code en} when common English function words make up at least 15 % of its words, else
 * {@code latn}; no letters at all is {@code und}.
 */
public final class LanguageDetector {
    /** Every label {@link #detect} gives, in the order the README lists them. */
    public static final java.util.List<String> LABELS = java.util.List.of("ja", "zh", "cjk", "ko", "cyrl", "en", "latn",
            "und");

    private static final double KANA_FOR_FULL_SCORE = 0.10;
    private static final double ENGLISH_FUNCTION_WORDS = 0.15;
    private static final Set<String> ENGLISH = Set.of("the", "of", "and", "to", "a", "in", "is", "it", "that", "for",
            "was", "on", "are", "as", "with", "be", "at", "by", "this", "have", "from", "or", "an", "but", "not",
            "they", "which", "you", "we", "he", "she", "his", "her", "has", "had", "were", "can", "will", "would",
            "there", "their", "what", "all", "if", "so", "do", "no", "one", "about", "i", "my", "me", "been", "more");

    private final int quickChars;
    private final double minJapaneseScore;
    private final double minKanaFraction;

    /**
     * @param quickChars       how many leading characters the quick check (kana present?) looks at
     * @param minJapaneseScore the score from which a document is Japanese
     * @param minKanaFraction  the share of kana among the letters from which a document is Japanese whatever its score
     */
    public LanguageDetector(int quickChars, double minJapaneseScore, double minKanaFraction) {
        this.quickChars = quickChars;
        this.minJapaneseScore = minJapaneseScore;
        this.minKanaFraction = minKanaFraction;
    }

    /** The decision and the measurements behind it. */
    public record Result(String language, double japaneseScore, double kanaFraction, double hanFraction,
                         boolean kanaInFirstChars) {}

    public Result detect(String text) {
        int letters = 0;
        int kana = 0;
        int han = 0;
        int hangul = 0;
        int latin = 0;
        int cyrillic = 0;
        boolean quick = false;
        int seen = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (seen++ < quickChars && ((cp >= 'ぁ' && cp <= 'ん') || (cp >= 'ァ' && cp <= 'ン'))) {
                quick = true;
            }
            if (!Character.isLetter(cp) && cp != 'ー' && cp != '々') {
                continue;
            }
            letters++;
            if ((cp >= 0x3041 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9F)) {
                kana++;
            } else if (ScriptCounts.isKanji(cp)) {
                han++;
            } else {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.HANGUL) {
                    hangul++;
                } else if (script == Character.UnicodeScript.LATIN) {
                    latin++;
                } else if (script == Character.UnicodeScript.CYRILLIC) {
                    cyrillic++;
                }
            }
        }
        if (letters == 0) {
            return new Result("und", 0.0, 0.0, 0.0, quick);
        }
        double kanaFraction = (double) kana / letters;
        double hanFraction = (double) han / letters;
        double score = (kanaFraction + hanFraction) * Math.min(1.0, kanaFraction / KANA_FOR_FULL_SCORE);
        String language = kanaFraction >= minKanaFraction ? "ja" : label(score, kana, han, hangul, latin, cyrillic, text);
        return new Result(language, score, kanaFraction, hanFraction, quick);
    }

    private String label(double score, int kana, int han, int hangul, int latin, int cyrillic, String text) {
        if (score >= minJapaneseScore) {
            return "ja";
        }
        int top = Math.max(Math.max(kana + han, hangul), Math.max(latin, cyrillic));
        if (top == kana + han) {
            return kana == 0 ? "zh" : "cjk";
        }
        if (top == hangul) {
            return "ko";
        }
        if (top == cyrillic) {
            return "cyrl";
        }
        return isEnglish(text) ? "en" : "latn";
    }

    private static boolean isEnglish(String text) {
        int words = 0;
        int function = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            if (!word.isEmpty()) {
                words++;
                if (ENGLISH.contains(word)) {
                    function++;
                }
            }
        }
        return words > 0 && (double) function / words >= ENGLISH_FUNCTION_WORDS;
    }
}
