package org.corpusforge.filters;

import org.corpusforge.filters.text.ScriptCounts;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Measures a text the way the Swallow corpus quality filter and HojiChar do (japanese-corpus-practice.md), as
 * named numbers. Definitions:
 * <ul>
 *   <li>lines: the text split on line breaks, blank lines left out (Swallow counts them; they are not content);</li>
 *   <li>sentences: {@code [^。．！？!?]+[。．！？!?]?} within each line;</li>
 *   <li>Japanese letters (Swallow): hiragana U+3041–3096, katakana U+30A1–30FA, kanji (extensions beyond the BMP
 *       included), kuten {@code 。．！？} and toten {@code 、，};</li>
 *   <li>duplicate line / sentence fractions: repeats of an earlier line / sentence, by count and by characters;</li>
 *   <li>top n-gram fraction (n = 2..4): occurrences of the most frequent character n-gram / all n-gram
 *       occurrences; duplicate n-gram fraction (n = 5..10): distinct n-grams occurring more than once / distinct
 *       n-grams (Swallow's code, not its README);</li>
 *   <li>HojiChar: kuten per 1,000 characters (rare-kuten rule), lines ending in an ellipsis, lines of at most 10
 *       characters, share of special characters (punctuation, symbols, whitespace, emoji), the longest run of one
 *       character, and the zlib compression ratio of the UTF-8 bytes (level 6 by default, see the constructor).</li>
 * </ul>
 * All counts are of code points. Not thread-safe: one instance per task.
 */
public final class QualitySignals {
    private final NgramStats ngrams = new NgramStats();
    private final Deflater deflater;
    private final boolean ngramSignals;
    private byte[] compressBuffer = new byte[1 << 16];

    /**
     * @param compressionLevel zlib level for the compression ratio. LLM-jp calibrated its thresholds at 9; level 6
     *                         is 1.8x faster and differed by at most 0.0062 in ratio on the bundled Aozora sample
     */
    public QualitySignals(int compressionLevel) {
        this(compressionLevel, true, true);
    }

    /**
     * @param ngramSignals      whether to measure the character n-gram signals (the costliest part but one)
     * @param compressionSignal whether to measure the compression ratio (the costliest part)
     */
    public QualitySignals(int compressionLevel, boolean ngramSignals, boolean compressionSignal) {
        this.deflater = compressionSignal ? new Deflater(compressionLevel) : null;
        this.ngramSignals = ngramSignals;
    }

    public QualitySignals() {
        this(6);
    }

    public Map<String, Double> measure(String text) {
        Map<String, Double> s = new LinkedHashMap<>();
        int[] cps = text.codePoints().toArray();
        int chars = cps.length;
        int hira = 0;
        int kata = 0;
        int kanji = 0;
        int kuten = 0;
        int toten = 0;
        int maru = 0;
        int special = 0;
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < chars; i++) {
            int c = cps[i];
            run = i > 0 && cps[i - 1] == c ? run + 1 : 1;
            longestRun = Math.max(longestRun, run);
            if (c >= 0x3041 && c <= 0x3096) {
                hira++;
            } else if (c >= 0x30A1 && c <= 0x30FA) {
                kata++;
            } else if (ScriptCounts.isKanji(c)) {
                kanji++;
            } else if (c == '。' || c == '．' || c == '！' || c == '？') {
                kuten++;
                maru += c == '。' ? 1 : 0;
            } else if (c == '、' || c == '，') {
                toten++;
            }
            if (isSpecial(c)) {
                special++;
            }
        }
        int japanese = hira + kata + kanji + kuten + toten;
        s.put("char_count", (double) chars);
        s.put("japanese_chars", (double) japanese);
        s.put("hiragana_fraction", share(hira, japanese));
        s.put("katakana_fraction", share(kata, japanese));
        s.put("japanese_fraction", share(japanese, chars));
        lineAndSentenceSignals(text, s);
        if (ngramSignals) {
            long[][] grams = ngrams.measure(cps);
            for (int n = 2; n <= 4; n++) {
                s.put("top_" + n + "gram_fraction", share(grams[n][0], grams[n][1]));
            }
            for (int n = 5; n <= 10; n++) {
                s.put("duplicate_" + n + "gram_fraction", share(grams[n][3], grams[n][2]));
            }
        }
        s.put("kuten_per_1000_chars", chars == 0 ? 0.0 : 1000.0 * maru / chars);
        s.put("special_char_fraction", share(special, chars));
        s.put("max_char_run", (double) longestRun);
        if (deflater != null) {
            s.put("compression_ratio", compressionRatio(text));
        }
        return s;
    }

    private static void lineAndSentenceSignals(String text, Map<String, Double> s) {
        int lines = 0;
        int lineChars = 0;
        int duplicateLines = 0;
        int duplicateLineChars = 0;
        int shortLines = 0;
        int ellipsisLines = 0;
        int sentences = 0;
        int sentenceChars = 0;
        int longestSentence = 0;
        int ellipsisSentences = 0;
        int duplicateSentences = 0;
        int duplicateSentenceChars = 0;
        Set<String> seenLines = new HashSet<>();
        Set<String> seenSentences = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int length = line.codePointCount(0, line.length());
            lines++;
            lineChars += length;
            if (!seenLines.add(line)) {
                duplicateLines++;
                duplicateLineChars += length;
            }
            if (length <= 10) {
                shortLines++;
            }
            String trimmed = line.stripTrailing();
            if (trimmed.endsWith("…") || trimmed.endsWith("...")) {
                ellipsisLines++;
            }
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                boolean end = i == line.length();
                boolean stop = !end && "。．！？!?".indexOf(line.charAt(i)) >= 0;
                if (stop || end) {
                    int to = stop ? i + 1 : i;
                    if (to > start && !(to - start == 1 && stop)) {
                        String sentence = line.substring(start, to);
                        int n = sentence.codePointCount(0, sentence.length());
                        sentences++;
                        sentenceChars += n;
                        longestSentence = Math.max(longestSentence, n);
                        char last = sentence.charAt(sentence.length() - 1);
                        if (last == '…' || last == '・') {
                            ellipsisSentences++;
                        }
                        if (!seenSentences.add(sentence)) {
                            duplicateSentences++;
                            duplicateSentenceChars += n;
                        }
                    }
                    start = to;
                }
            }
        }
        s.put("avg_sentence_length", sentences == 0 ? 0.0 : (double) sentenceChars / sentences);
        s.put("max_sentence_length", (double) longestSentence);
        s.put("ellipsis_sentence_fraction", share(ellipsisSentences, sentences));
        s.put("duplicate_line_fraction", share(duplicateLines, lines));
        s.put("duplicate_sentence_fraction", share(duplicateSentences, sentences));
        s.put("duplicate_line_char_fraction", share(duplicateLineChars, lineChars));
        s.put("duplicate_sentence_char_fraction", share(duplicateSentenceChars, sentenceChars));
        s.put("ellipsis_line_fraction", share(ellipsisLines, lines));
        s.put("short_line_fraction", share(shortLines, lines));
    }

    private double compressionRatio(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return 0.0;
        }
        deflater.reset();
        deflater.setInput(bytes);
        deflater.finish();
        long compressed = 0;
        while (!deflater.finished()) {
            compressed += deflater.deflate(compressBuffer);
        }
        return (double) compressed / bytes.length;
    }

    /** Punctuation, symbols, whitespace and emoji, as HojiChar's special-token rule counts them. */
    private static boolean isSpecial(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION || type == Character.MATH_SYMBOL
                || type == Character.CURRENCY_SYMBOL || type == Character.MODIFIER_SYMBOL
                || type == Character.OTHER_SYMBOL;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
