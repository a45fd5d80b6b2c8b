package org.corpusforge.filters.tokenize;

/**
 * Text to the token ids a model will be trained on. Implementations are thread-safe: one instance serves every
 * task of an executor ({@link SubwordTokenizers#shared}), never one per document.
 */
public interface SubwordTokenizer {
    /** The ids of the whole text, with no special tokens added. */
    int[] encode(String text);

    /** The text of a run of ids (SentencePiece drops the word-boundary mark at its start). */
    String decode(int[] ids);

    /**
     * A tokenizer of the same model that tokenises a text as it would be tokenised inside a longer one, for search
     * queries. SentencePiece models that add a word-boundary mark at the start of every text (add_dummy_prefix)
     * would otherwise give 食べた as ▁食べ/た where a document has 食べ/た; other models are returned as they are.
     */
    default SubwordTokenizer inText() {
        return this;
    }

    /** The number of entries in the vocabulary; decides the width of Megatron's token type. */
    int vocabularySize();

    /** The id of a piece or special token, or -1 when the vocabulary has no such entry. */
    int idOf(String piece);

    /** The model's end-of-sequence token, or null when the model does not name one. */
    String endOfSequence();

    TokenizerModel model();
}
