package org.corpusforge.filters.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.ja.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Lucene's Kuromoji (IPADIC, normal mode) as a list of words with their offsets and part-of-speech tags, for the
 * stages that need morphology. Kuromoji's dictionary loads once per JVM; a tokenizer is not thread-safe, so there is
 * one per thread ({@link #forCurrentThread()}), reused by every task and stage that runs on it, never one per
 * document.
 */
public final class MorphTokenizer {
    private static final ThreadLocal<MorphTokenizer> PER_THREAD = ThreadLocal.withInitial(MorphTokenizer::new);

    /**
     * A word: {@code text[start, end)}, its tag, e.g. {@code 名詞-固有名詞-人名-姓}, and its reading in katakana
     * (null for a word the dictionary does not know).
     */
    public record Token(String surface, int start, int end, String partOfSpeech, String reading) {}

    private MorphTokenizer() {}

    /** This thread's tokenizer (an executor's task threads are reused, so this is a small pool per executor). */
    public static MorphTokenizer forCurrentThread() {
        return PER_THREAD.get();
    }

    private final JapaneseTokenizer tokenizer = new JapaneseTokenizer(null, false, JapaneseTokenizer.Mode.NORMAL);
    private final CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
    private final PartOfSpeechAttribute pos = tokenizer.addAttribute(PartOfSpeechAttribute.class);
    private final ReadingAttribute reading = tokenizer.addAttribute(ReadingAttribute.class);

    public List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        try {
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                String tag = pos.getPartOfSpeech();
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset(), tag == null ? "" : tag,
                        reading.getReading()));
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
