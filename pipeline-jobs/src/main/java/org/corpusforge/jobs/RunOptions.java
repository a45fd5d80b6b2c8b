package org.corpusforge.jobs;

import org.corpusforge.core.config.CorpusConfig;

/**
 * What one run is asked to do.
 *
 * @param parallelism partitions for the shuffles; 0 takes Spark's default parallelism. The output never
 *                    depends on it.
 * @param resume      continue from the per-document checkpoint of an interrupted run in {@code output}, if any
 * @param allowEmpty  inputs that hold no file make an empty corpus instead of an error
 */
public record RunOptions(CorpusConfig config, String output, boolean overwrite, int parallelism, boolean resume,
                         boolean allowEmpty) {
    public RunOptions(CorpusConfig config, String output, boolean overwrite, int parallelism) {
        this(config, output, overwrite, parallelism, false);
    }

    public RunOptions(CorpusConfig config, String output, boolean overwrite, int parallelism, boolean resume) {
        this(config, output, overwrite, parallelism, resume, false);
    }
}
