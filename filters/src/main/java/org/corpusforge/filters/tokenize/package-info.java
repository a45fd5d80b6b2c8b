/**
 * Subword tokenizers (SentencePiece and tokenizers through DJL), one instance per JVM.
 */
package org.corpusforge.filters.tokenize;
