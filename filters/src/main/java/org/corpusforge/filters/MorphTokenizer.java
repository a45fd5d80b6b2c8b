package org.corpusforge.filters;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Lucene's Kuromoji (IPADIC, normal mode) as a list of words with their offsets and part-of-speech tags, for the
 * stages that need morphology. One tokenizer per instance, reused for every text (Kuromoji's dictionary loads once
 * per JVM); not thread-safe, so one instance per task.
 */
public final class MorphTokenizer {
    /** A word: {@code text[start, end)} and its tag, e.g. {@code 名詞-固有名詞-人名-姓}. */
    public record Token(String surface, int start, int end, String partOfSpeech) {}

    private final JapaneseTokenizer tokenizer = new JapaneseTokenizer(null, false, JapaneseTokenizer.Mode.NORMAL);
    private final CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
    private final PartOfSpeechAttribute pos = tokenizer.addAttribute(PartOfSpeechAttribute.class);

    public List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        try {
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                String tag = pos.getPartOfSpeech();
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset(), tag == null ? "" : tag));
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
        return tokens;
    }
}
