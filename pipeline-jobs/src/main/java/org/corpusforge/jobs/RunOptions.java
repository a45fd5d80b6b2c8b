package org.corpusforge.jobs;

import org.corpusforge.core.config.CorpusConfig;

/**
 * What one run is asked to do.
 *
 * @param parallelism partitions for the shuffles; 0 takes Spark's default parallelism. The output never
 *                    depends on it.
 */
public record RunOptions(CorpusConfig config, String output, boolean overwrite, int parallelism) {}
