/**
 * The run on Spark, and the readers of a finished corpus: the plan, the run's phases (CorpusJob), the per-document
 * pass and its checkpoint, the shards, the output directory and its commit, verify, search over a corpus, the
 * training schedule and the report.
 */
package org.corpusforge.jobs;
