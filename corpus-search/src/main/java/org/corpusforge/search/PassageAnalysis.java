package org.corpusforge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How passages and queries are cut into terms: Lucene's {@link JapaneseAnalyzer} as it comes (Kuromoji in search
 * mode, which also splits long compounds; base forms; particles, auxiliaries and punctuation left out by its part of
 * speech stop tags; full-width letters and half-width kana folded; katakana long vowels stemmed; lower case). Text
 * reaching it is already normalised as the run normalised the corpus.
 */
public final class PassageAnalysis {
    /** The indexed field. */
    public static final String FIELD = "text";
    /** What the manifest records as the analysis, so that a later version can tell an index it would cut otherwise. */
    public static final String DESCRIPTION = "lucene " + org.apache.lucene.util.Version.LATEST
            + " JapaneseAnalyzer (Kuromoji search mode, default stop words and stop tags), BM25 k1=1.2 b=0.75";

    private PassageAnalysis() {}

    public static Analyzer analyzer() {
        return new JapaneseAnalyzer();
    }

    /** The terms of a text, in order, as the index holds them. */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
