package org.corpusforge.jobs;

import org.corpusforge.core.config.CorpusConfig;

/**
 * What one run is asked to do.
 *
 * @param parallelism partitions for the shuffles; 0 takes Spark's default parallelism. The output never
 *                    depends on it.
 * @param resume      continue from the per-document checkpoint of an interrupted run in {@code output}, if any
 */
public record RunOptions(CorpusConfig config, String output, boolean overwrite, int parallelism, boolean resume) {
    public RunOptions(CorpusConfig config, String output, boolean overwrite, int parallelism) {
        this(config, output, overwrite, parallelism, false);
    }
}
