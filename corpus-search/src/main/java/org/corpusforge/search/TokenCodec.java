package org.corpusforge.search;

/** Text to the token ids the index holds, and back: the corpus's own tokenizer, as queries need it. */
public interface TokenCodec {
    /** The ids of the text as it would be tokenised inside a document (not as a document's first words). */
    int[] encode(String text);

    /** The text of a run of ids. */
    String decode(int[] ids);
}
