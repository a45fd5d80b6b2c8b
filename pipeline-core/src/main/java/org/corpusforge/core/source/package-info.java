/**
 * Reading inputs: a file's records, lazily and bounded (decompression, charsets, record limits, quarantine), the
 * input formats (one type each, registered in META-INF/services) and the readers of the general ones (JSONL, text,
 * Aozora, Parquet, Arrow).
 */
package org.corpusforge.core.source;
