package org.corpusforge.filters;

/**
 * The share of nouns among the words of a text ({@link MorphTokenizer}, IPADIC tags), symbols ({@code 記号}) and
 * whitespace left out: HojiChar's "too many nouns" rule, which catches keyword lists and tag clouds.
 */
public final class NounFraction {

    public double of(String text) {
        int words = 0;
        int nouns = 0;
        for (MorphTokenizer.Token t : MorphTokenizer.forCurrentThread().tokenize(text)) {
            if (t.partOfSpeech().isEmpty() || t.partOfSpeech().startsWith("記号") || t.surface().isBlank()) {
                continue;
            }
            words++;
            if (t.partOfSpeech().startsWith("名詞")) {
                nouns++;
            }
        }
        return words == 0 ? 0.0 : (double) nouns / words;
    }
}
