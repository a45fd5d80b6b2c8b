package org.corpusforge.filters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One threshold on one signal: {@code min_*} rules drop a document whose signal is below the threshold,
 * {@code max_*} rules one whose signal is above it; a document exactly at the threshold stays. The rule's key
 * is also the drop reason the manifest counts.
 */
public record QualityRule(String key, String signal, boolean minimum, double threshold) {

    /** The least a threshold may be: every signal is a count or a share, never negative. */
    public double lowestThreshold() {
        return 0.0;
    }

    /** The most a threshold may be: 1 for a fraction, a bound far above any text for counts and ratios. */
    public double highestThreshold() {
        return signal.endsWith("fraction") ? 1.0 : signal.equals("compression_ratio") ? 10.0 : 1e12;
    }

    public boolean violatedBy(double value) {
        return minimum ? value < threshold : value > threshold;
    }

    /**
     * Every rule with its default threshold, in the order they are checked: Swallow's quality filter first (in its
     * order), then the HojiChar rules that add something.
     */
    public static Map<String, QualityRule> defaults() {
        Map<String, QualityRule> rules = new LinkedHashMap<>();
        add(rules, "min_chars", "char_count", 400);
        add(rules, "min_japanese_chars", "japanese_chars", 400);
        add(rules, "min_hiragana_fraction", "hiragana_fraction", 0.2);
        add(rules, "max_katakana_fraction", "katakana_fraction", 0.5);
        add(rules, "min_japanese_fraction", "japanese_fraction", 0.5);
        add(rules, "min_avg_sentence_length", "avg_sentence_length", 20);
        add(rules, "max_avg_sentence_length", "avg_sentence_length", 90);
        add(rules, "max_sentence_length", "max_sentence_length", 200);
        add(rules, "max_ellipsis_sentence_fraction", "ellipsis_sentence_fraction", 0.2);
        add(rules, "max_duplicate_line_fraction", "duplicate_line_fraction", 0.30);
        add(rules, "max_duplicate_sentence_fraction", "duplicate_sentence_fraction", 0.30);
        add(rules, "max_duplicate_line_char_fraction", "duplicate_line_char_fraction", 0.20);
        add(rules, "max_duplicate_sentence_char_fraction", "duplicate_sentence_char_fraction", 0.20);
        double[] top = {0.20, 0.18, 0.16};
        for (int n = 2; n <= 4; n++) {
            add(rules, "max_top_" + n + "gram_fraction", "top_" + n + "gram_fraction", top[n - 2]);
        }
        double[] dup = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};
        for (int n = 5; n <= 10; n++) {
            add(rules, "max_duplicate_" + n + "gram_fraction", "duplicate_" + n + "gram_fraction", dup[n - 5]);
        }
        add(rules, "min_kuten_per_1000_chars", "kuten_per_1000_chars", 10);
        add(rules, "max_ellipsis_line_fraction", "ellipsis_line_fraction", 0.7);
        add(rules, "max_short_line_fraction", "short_line_fraction", 0.5);
        add(rules, "max_special_char_fraction", "special_char_fraction", 0.4);
        add(rules, "max_char_run", "max_char_run", 199);
        add(rules, "min_compression_ratio", "compression_ratio", 0.30);
        add(rules, "max_compression_ratio", "compression_ratio", 0.70);
        // a signal the reader measured (PDF: characters a broken text layer leaves); documents without it pass
        add(rules, "max_broken_char_fraction", "broken_char_fraction", 0.05);
        return rules;
    }

    private static void add(Map<String, QualityRule> rules, String key, String signal, double threshold) {
        rules.put(key, new QualityRule(key, signal, key.startsWith("min_"), threshold));
    }

    public QualityRule withThreshold(double value) {
        return new QualityRule(key, signal, minimum, value);
    }
}
