package org.corpusforge.jobs.cli;

import java.util.concurrent.Callable;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.TrainingSchedule;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.search.training.TrainingSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Records when a Megatron-LM GPT training reads each document of a corpus: the training's data "
                + "settings (as its own command line gives them) are turned into megatron-core's sample order "
                + "(GPTDataset and BlendedDataset indices, tested equal to megatron-core 0.20's code), and every "
                + "document gets the iterations that read it (training/iterations.bin, listed in the manifest). "
                + "search and serve then show them beside every hit. No Spark, no Python.",
                "A --data-path entry is a corpus's prefix when it is under a --corpus PATH (the path below it, or its "
                        + "file name, names the prefix), when it is a local file with the same content as the "
                        + "corpus's .idx, or, without --corpus, when its last path component is one of DIR's prefixes. "
                        + "Prefixes of other corpora in the blend need only their weights; two entries that come to "
                        + "one prefix are refused. The schedule is written into DIR and every --corpus DIR."})
final class ScheduleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run with Megatron files.")
    String dir;

    @Option(names = "--data-path", required = true, paramLabel = "BLEND",
            description = "As Megatron's --data-path: PREFIX, or \"W1 PREFIX1 W2 PREFIX2 ...\".")
    String dataPath;

    @Option(names = "--corpus", paramLabel = "PATH=DIR", description = "A blend's path (a prefix, or a directory "
            + "above a corpus's prefixes, as the training names them) and the corpus directory it is (repeatable).")
    java.util.Map<String, String> corpora = new java.util.LinkedHashMap<>();

    @Option(names = "--split", paramLabel = "A,B,C", defaultValue = TrainingSettings.DEFAULT_SPLIT,
            description = "Megatron's --split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--seq-length", required = true, paramLabel = "N", description = "Megatron's --seq-length.")
    int seqLength;

    @Option(names = "--global-batch-size", required = true, paramLabel = "N", description = "Megatron's --global-batch-size.")
    int globalBatchSize;

    @Option(names = "--train-iters", required = true, paramLabel = "N", description = "Megatron's --train-iters.")
    long trainIters;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainingSettings.DEFAULT_SEED,
            description = "Megatron's --seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--mid-level-dataset-surplus", paramLabel = "F", defaultValue = "" + TrainingSettings.DEFAULT_SURPLUS,
            description = "megatron-core's mid_level_dataset_surplus (default: ${DEFAULT-VALUE}).")
    double surplus;

    @Option(names = "--no-extra-token", description = "The training set add_extra_token_to_sequence to False.")
    boolean noExtraToken;

    @Override
    public Integer call() {
        TrainingSettings settings;
        try {
            TrainingSettings.DataPath blend = TrainingSettings.parseDataPath(dataPath);
            settings = new TrainingSettings(blend.prefixes(), blend.weights(), split, seqLength,
                    globalBatchSize, trainIters, seed, surplus, !noExtraToken);
        } catch (IllegalArgumentException e) {
            throw new UserError("schedule: " + e.getMessage());
        }
        long started = System.nanoTime();
        java.util.Map<String, Manifest> written = TrainingSchedule.build(dir, corpora, settings,
                new org.apache.hadoop.conf.Configuration());
        double seconds = (System.nanoTime() - started) / 1e9;
        written.forEach((root, m) -> {
            Manifest.Training t = m.training();
            long documents = m.shards().stream().mapToLong(Manifest.FileEntry::rows).sum();
            spec.commandLine().getOut().printf("corpusforge: %d of %d documents are read by %d training iterations "
                            + "(%s) -> %s/%s%n", t.documentsRead(), documents, t.trainIterations(),
                    String.join(", ", t.prefixes().values()), root, TrainingSchedule.ITERATIONS);
        });
        spec.commandLine().getOut().printf("corpusforge: scheduled in %.1f s%n", seconds);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
