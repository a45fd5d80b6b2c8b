package org.corpusforge.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.decontam.ContaminationIndex;
import org.corpusforge.jobs.report.LineSketch;

/**
 * A corpus-wide stage, after the per-document ones: it sees every outcome at once (dedup, boilerplate,
 * decontamination), keeps, drops or changes kept documents, and says what the manifest should record of it. The job
 * folds the configured ones over the outcomes in order, owns their accounting (each stage's in, kept and dropped are
 * counted from the outcomes, as for the per-document stages) and persists each stage's result, releasing what a
 * stage held once the run is done.
 */
interface GlobalStage {
    /** The stage's name in the manifest, its drop reasons' prefix, and its phase on the console. */
    String name();

    /** The stage applied, lazily; {@link Applied#release()} frees what it cached once its output is persisted. */
    Applied apply(JavaRDD<Outcome> outcomes, Run run);

    /** What a stage may need of the run: its parallelism, and where and under which id it writes its own files. */
    record Run(int parallelism, String output, String runId) {}

    /**
     * A stage's output (the very RDD it was given when it changed nothing, which the job then neither copies nor
     * persists again), what the manifest records under {@code stage_details} (or null), the files it wrote (listed
     * under {@code stage_files}, verified like every other file), and what to free after.
     */
    record Applied(JavaRDD<Outcome> outcomes, Map<String, Object> details, List<Manifest.FileEntry> files,
                   Runnable release) {}

    /**
     * The configured global stages, in the order they run.
     * @param benchmarks decontamination's index, built before Spark started (null when not configured)
     */
    static List<GlobalStage> configured(CorpusConfig config, LineSketch removedLines, ContaminationIndex benchmarks) {
        List<GlobalStage> stages = new ArrayList<>();
        if (config.dedup().enabled()) {
            stages.add(named(Deduplication.STAGE, (outcomes, run) -> {
                Deduplication.Result result = Deduplication.apply(outcomes, config.dedup(), run.parallelism());
                return new Applied(result.outcomes(), result.details(), List.of(), result::release);
            }));
        }
        if (config.boilerplate().enabled()) {
            stages.add(named(BoilerplateRemoval.STAGE, (outcomes, run) -> {
                BoilerplateRemoval.Applied applied = BoilerplateRemoval.apply(outcomes, config.boilerplate(),
                        run.parallelism(), removedLines);
                return new Applied(applied.outcomes(), null, List.of(), applied.release());
            }));
        }
        if (config.decontamination().enabled()) {
            stages.add(named(Decontamination.STAGE,
                    (outcomes, run) -> Decontamination.apply(outcomes, config.decontamination(), benchmarks, run)));
        }
        return stages;
    }

    private static GlobalStage named(String name, BiFunction<JavaRDD<Outcome>, Run, Applied> apply) {
        return new GlobalStage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Applied apply(JavaRDD<Outcome> outcomes, Run run) {
                return apply.apply(outcomes, run);
            }
        };
    }
}
