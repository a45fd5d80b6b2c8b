/**
 * The corpus's search over its characters and passages: the suffix-array index of each shard's texts (built, laid
 * out, opened), the passage index (Lucene, Kuromoji, vectors), and TextSearch, which answers counts,
 * continuations, documents, traces and passages over them. No Spark.
 */
package org.corpusforge.search;
