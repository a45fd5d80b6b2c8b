package org.corpusforge.filters;

import org.corpusforge.filters.text.MorphTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of nouns among the words of a text ({@link MorphTokenizer}, IPADIC tags), symbols ({@code 記号}) and
 * whitespace left out: HojiChar's "too many nouns" rule, which catches keyword lists and tag clouds.
 *
 * <p>Morphology is the slowest step of the chain, and a threshold decision rarely needs the whole text: {@link
 * #estimate} measures sentences in an order spread over the whole text (bit-reversed: the middle, the quarters, the
 * eighths, ...) and stops as soon as the share so far is more than {@code z} standard errors from the threshold. The
 * standard error is the ratio estimator's over the sentences measured (cluster sampling without replacement, with
 * the finite-population correction, so it is 0 once every sentence is measured). With z = 4 a decision differs from
 * the whole text's only when the sample is off by more than 4 standard errors: about 6 in 100,000 documents under a
 * normal approximation; BENCHMARKS section 10 measures the agreement on real documents.
 */
public final class NounFraction {
    /** No decision on fewer sentences or words than these: the standard error of a handful is not trustworthy. */
    static final int MIN_SENTENCES = 20;
    static final int MIN_WORDS = 200;
    /** Longer runs without a sentence end (keyword lists, tag clouds) are measured in pieces of about this length. */
    static final int MAX_PIECE_CHARS = 200;

    /** The share of nouns, how many words it was measured on, and whether every sentence was measured. */
    public record Estimate(double fraction, long words, boolean complete) {}

    /**
     * The share of nouns, measured on as few sentences as it takes to tell, at {@code z} standard errors, whether it
     * is above {@code threshold}; {@code z} 0 or below measures every sentence.
     */
    public Estimate estimate(String text, double threshold, double z) {
        List<int[]> pieces = pieces(text);
        int total = pieces.size();
        MorphTokenizer morph = MorphTokenizer.forCurrentThread();
        long words = 0;
        long nouns = 0;
        double ww = 0;
        double nw = 0;
        double nn = 0;
        int measured = 0;
        for (int index : spreadOrder(total)) {
            int[] piece = pieces.get(index);
            long w = 0;
            long n = 0;
            for (MorphTokenizer.Token t : morph.tokenize(text.substring(piece[0], piece[1]))) {
                if (isWord(t)) {
                    w++;
                    n += isNoun(t) ? 1 : 0;
                }
            }
            measured++;
            words += w;
            nouns += n;
            ww += (double) w * w;
            nw += (double) n * w;
            nn += (double) n * n;
            if (z > 0 && measured < total && measured >= MIN_SENTENCES && words >= MIN_WORDS) {
                double p = (double) nouns / words;
                // sum over sentences of (n_i - p w_i)^2, expanded
                double residual = Math.max(0, nn - 2 * p * nw + p * p * ww);
                double variance = (1.0 - (double) measured / total) * measured / (measured - 1.0)
                        * residual / ((double) words * words);
                if (Math.abs(p - threshold) > z * Math.sqrt(variance)) {
                    return new Estimate(p, words, false);
                }
            }
        }
        return new Estimate(words == 0 ? 0.0 : (double) nouns / words, words, true);
    }

    private static boolean isWord(MorphTokenizer.Token t) {
        return !t.partOfSpeech().isEmpty() && !t.partOfSpeech().startsWith("記号") && !t.surface().isBlank();
    }

    private static boolean isNoun(MorphTokenizer.Token t) {
        return t.partOfSpeech().startsWith("名詞");
    }

    /**
     * The text cut after every sentence end (。！？!? and line breaks), and runs longer than {@link #MAX_PIECE_CHARS}
     * cut again after a comma or space near that length (or at it, never inside a surrogate pair).
     */
    static List<int[]> pieces(String text) {
        List<int[]> pieces = new ArrayList<>();
        int start = 0;
        int lastSoftBreak = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = c == '。' || c == '！' || c == '？' || c == '!' || c == '?' || c == '\n';
            if (c == '、' || c == ',' || c == ' ' || c == '　') {
                lastSoftBreak = i;
            }
            int cut = -1;
            if (end) {
                cut = i + 1;
            } else if (i + 1 - start >= MAX_PIECE_CHARS) {
                cut = lastSoftBreak >= start ? lastSoftBreak + 1
                        : Character.isHighSurrogate(c) ? i : i + 1;
            }
            if (cut > start) {
                pieces.add(new int[] {start, cut});
                start = cut;
            }
        }
        if (start < text.length()) {
            pieces.add(new int[] {start, text.length()});
        }
        return pieces;
    }

    /** 0 .. count-1 in bit-reversed order (the first half's midpoint, then the quarters, ...): a spread-out sample. */
    static int[] spreadOrder(int count) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, count - 1));
        int[] order = new int[count];
        int filled = 0;
        for (int i = 0; filled < count; i++) {
            int reversed = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            if (reversed < count) {
                order[filled++] = reversed;
            }
        }
        return order;
    }
}
