package org.corpusforge.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.report.LineSketch;

/**
 * A corpus-wide stage, after the per-document ones: it sees every outcome at once (dedup, boilerplate), keeps, drops
 * or changes kept documents, and says what the manifest should record of it. The job folds the configured ones over
 * the outcomes in order, owns their accounting (each stage's in, kept and dropped are counted from the outcomes, as
 * for the per-document stages) and persists each stage's result, releasing what a stage held once the run is done.
 */
interface GlobalStage {
    /** The stage's name in the manifest, its drop reasons' prefix, and its phase on the console. */
    String name();

    /** The stage applied, lazily; {@link Applied#release()} frees what it cached once its output is persisted. */
    Applied apply(JavaRDD<Outcome> outcomes, int parallelism);

    /** A stage's output, what the manifest records under {@code stage_details} (or null), and what to free after. */
    record Applied(JavaRDD<Outcome> outcomes, Map<String, Object> details, Runnable release) {}

    /** The configured global stages, in the order they run. */
    static List<GlobalStage> configured(CorpusConfig config, LineSketch removedLines) {
        List<GlobalStage> stages = new ArrayList<>();
        if (config.dedup().enabled()) {
            stages.add(named(Deduplication.STAGE, (outcomes, parallelism) -> {
                Deduplication.Result result = Deduplication.apply(outcomes, config.dedup(), parallelism);
                return new Applied(result.outcomes(), result.details(), result::release);
            }));
        }
        if (config.boilerplate().enabled()) {
            stages.add(named(BoilerplateRemoval.STAGE, (outcomes, parallelism) -> {
                BoilerplateRemoval.Applied applied = BoilerplateRemoval.apply(outcomes, config.boilerplate(),
                        parallelism, removedLines);
                return new Applied(applied.outcomes(), null, applied.release());
            }));
        }
        return stages;
    }

    private static GlobalStage named(String name, BiFunction<JavaRDD<Outcome>, Integer, Applied> apply) {
        return new GlobalStage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Applied apply(JavaRDD<Outcome> outcomes, int parallelism) {
                return apply.apply(outcomes, parallelism);
            }
        };
    }
}
