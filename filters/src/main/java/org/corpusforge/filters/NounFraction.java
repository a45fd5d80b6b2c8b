package org.corpusforge.filters;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;

/**
 * The share of nouns among the words of a text, with Lucene's Kuromoji (IPADIC part-of-speech tags), symbols
 * ({@code 記号}) left out: HojiChar's "too many nouns" rule, which catches keyword lists and tag clouds. One
 * tokenizer per instance, reused for every text; not thread-safe.
 */
public final class NounFraction {
    private final JapaneseTokenizer tokenizer =
            new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
    private final PartOfSpeechAttribute pos = tokenizer.addAttribute(PartOfSpeechAttribute.class);

    public double of(String text) {
        int words = 0;
        int nouns = 0;
        try {
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                String tag = pos.getPartOfSpeech();
                if (tag == null || tag.startsWith("記号")) {
                    continue;
                }
                words++;
                if (tag.startsWith("名詞")) {
                    nouns++;
                }
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                tokenizer.close();
            } catch (IOException e) {
                // a StringReader does not fail to close
            }
        }
        return words == 0 ? 0.0 : (double) nouns / words;
    }
}
