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
public record RunOptions(PipelinePlan plan, String output, boolean overwrite, int parallelism, boolean resume,
                         boolean allowEmpty) {
    public RunOptions(PipelinePlan plan, String output, boolean overwrite, int parallelism) {
        this(plan, output, overwrite, parallelism, false);
    }

    public RunOptions(PipelinePlan plan, String output, boolean overwrite, int parallelism, boolean resume) {
        this(plan, output, overwrite, parallelism, resume, false);
    }

    /** The configuration the plan was made from. */
    public CorpusConfig config() {
        return plan.config();
    }
}
