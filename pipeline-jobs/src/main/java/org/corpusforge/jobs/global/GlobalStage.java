package org.corpusforge.jobs.global;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.report.ReportData;

/**
 * A corpus-wide stage, after the per-document ones: it sees every outcome at once (dedup, boilerplate,
 * decontamination), keeps, drops or changes kept documents, and says what the manifest should record of it. The job
 * folds the configured ones over the outcomes in the order the configuration lists them, owns their accounting (each
 * stage's in, kept and dropped are counted from the outcomes, as for the per-document stages) and persists each
 * stage's result, releasing what a stage held once the run is done.
 *
 * <p>A stage is made from its settings by the factory registered in {@link GlobalStages}; what it needs from outside
 * the corpus (benchmark files) it reads in {@link #prepare}, before Spark starts, so that a bad file is one line;
 * what it gathers for the run report it registers in {@link #register} and adds in {@link #report}.
 */
public interface GlobalStage {
    /** The stage's name in the manifest, its drop reasons' prefix, and its phase on the console. */
    String name();

    /** Reads and checks what the stage needs before Spark starts (nothing, by default). */
    default void prepare(Preparation preparation) {}

    /** Registers what the stage gathers while it runs (an accumulator), once the SparkContext exists. */
    default void register(JavaSparkContext jsc) {}

    /** The stage applied, lazily; {@link Result#release()} frees what it cached once its output is persisted. */
    Result apply(JavaRDD<Outcome> outcomes, Run run);

    /** The run report's data with this stage's section added, once the corpus has been counted. */
    default ReportData report(ReportData data) {
        return data;
    }

    /**
     * The per-document work the stage does in its tasks, so that {@code bench-stages} can time it against the
     * per-document stages (none, by default).
     */
    default List<Kernel> kernels() {
        return List.of();
    }

    /** A named piece of per-document work; its result is read so that the JIT cannot drop it. */
    record Kernel(String name, java.util.function.ToLongFunction<org.corpusforge.core.model.Document> work) {}

    /**
     * What a stage may need before Spark: the run's Hadoop settings (for files on any file system) and what the
     * per-document stages do to the corpus's text (so that side texts, benchmark items, are compared with documents
     * as the stages leave them: normalised, personal data masked).
     */
    record Preparation(Configuration hadoopConf, UnaryOperator<String> sideTextRedaction) {}

    /** What a stage may need of the run: its parallelism, and where and under which id it writes its own files. */
    record Run(int parallelism, org.corpusforge.jobs.base.CorpusDirectory output, String runId) {}

    /**
     * A stage's output (the very RDD it was given when it changed nothing, which the job then neither copies nor
     * persists again), what the manifest records under {@code stage_details} (or null; a list under
     * {@code warnings} is printed after the run's summary line, one line each), the files it wrote (listed
     * under {@code stage_files}, verified like every other file), and what to free after.
     */
    record Result(JavaRDD<Outcome> outcomes, Map<String, Object> details, List<Manifest.FileEntry> files,
                  Runnable release) {}
}
