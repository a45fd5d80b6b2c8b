/**
 * Sentence embeddings for the passages' vectors (ONNX Runtime).
 */
package org.corpusforge.filters.embed;
