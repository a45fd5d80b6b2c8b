/**
 * Files on any Hadoop file system: resolving inputs, the committer, the Parquet, Megatron, JSONL and search-index
 * writers, and reading them back.
 */
package org.corpusforge.jobs.io;
