/**
 * Transcripts: TSV, JSONL segments, SRT and WebVTT.
 */
package org.corpusforge.core.source.transcript;
