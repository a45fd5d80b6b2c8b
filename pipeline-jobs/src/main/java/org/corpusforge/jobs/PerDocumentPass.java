package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.base.TaskFaults;
import org.corpusforge.jobs.base.Persisted;
import org.corpusforge.jobs.base.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.classify.ClassifierModels;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.report.OutcomeSketches;

/**
 * The run's first pass: the inputs' checksums, then every record read and judged by the per-document stages (saved
 * as the run's checkpoint), or, with {@code --resume} and a checkpoint made from the same config and input bytes,
 * the checkpoint read back instead.
 */
final class PerDocumentPass {
    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(PerDocumentPass.class);

    private PerDocumentPass() {}

    /** The per-document stages' output, with the inputs' checksums, and where it came from when resumed. */
    record Result(List<InputFile> inputs, JavaRDD<Outcome> outcomes, Manifest.ResumedFrom resumedFrom) {}

    /**
     * Reads and processes every input (then saves the result as the run's checkpoint), or, with {@code --resume}
     * and a complete checkpoint, reads the checkpoint instead. Either way the outcomes are persisted.
     */
    static Result run(JavaSparkContext jsc, RunOptions options, CorpusDirectory out, String runId, List<InputFile> files,
                      SerializableConfiguration conf, PhaseClock clock, RunPhases progress, OutcomeSketches measured,
                      Broadcast<HashMap<String, ClassifierModels.Bytes>> models) {
        CorpusConfig config = options.config();
        // the checksums come first also on --resume: a checkpoint serves only inputs whose bytes it was made from
        progress.begin("checksums", -1);
        List<List<InputFile>> tasks = InputPacking.pack(files, jsc.defaultParallelism());
        List<List<InputFile>> checked = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                // an ArrayList: Kryo cannot rebuild the JDK's immutable lists
                .map(group -> (List<InputFile>) new ArrayList<>(group.stream().map(f -> HadoopFiles.checksummed(f, conf.value())).toList()))
                .collect();
        List<InputFile> checkedFiles = checked.stream().flatMap(List::stream)
                .sorted(java.util.Comparator.comparing(InputFile::uri)).toList();
        clock.lap("checksums");
        PerDocumentCheckpoint.Marker resumable = options.resume() ? resumable(jsc, out, config, checkedFiles) : null;
        if (resumable != null) {
            progress.begin("resume from the checkpoint", -1);
            JavaRDD<Outcome> outcomes = PerDocumentCheckpoint.read(jsc, out, resumable)
                    // the checkpoint keeps only the kept documents' signals: the report measures those
                    .map(o -> {
                        measured.add(o);
                        return o;
                    })
                    .persist(Persisted.LEVEL);
            clock.lap("resume");
            return new Result(checkedFiles, outcomes,
                    new Manifest.ResumedFrom(out.resolve(PerDocumentCheckpoint.DIRECTORY), resumable.runId(),
                            resumable.createdAt(), resumable.records()));
        }
        progress.begin("read and per-document stages", checkedFiles.stream().mapToLong(InputFile::bytes).sum());
        JavaRDD<Outcome> outcomes = jsc.parallelize(checked, Math.max(1, checked.size()))
                .mapPartitions(new ReadAndProcess(options.plan().recipe(), conf, progress.documents(),
                        progress.inputBytes(), models))
                // only kept documents need their text from here on; quarantine records keep their excerpt; the
                // report's sketches see every document first, while the dropped ones still have their signals
                .map(o -> {
                    measured.add(o);
                    return o.status() == Outcome.Status.KEPT ? o : o.withoutText();
                })
                .persist(Persisted.LEVEL);
        if (config.output().checkpoint()) {
            try {
                PerDocumentCheckpoint.write(outcomes, out, runId, config.effectiveSha256(), checkedFiles);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            clock.lap("read_stages_checkpoint");
            TaskFaults.driverPoint(conf.value(), "checkpoint");
        }
        return new Result(checkedFiles, outcomes, null);
    }

    /**
     * The checkpoint this run can continue from, or null: none complete, or damaged (a part missing, cut short or
     * replaced; said in one line), and the run starts from the inputs. Another config or other inputs are refused.
     */
    private static PerDocumentCheckpoint.Marker resumable(JavaSparkContext jsc, CorpusDirectory out, CorpusConfig config,
                                                          List<InputFile> files) {
        Configuration conf = jsc.hadoopConfiguration();
        PerDocumentCheckpoint.Marker marker = PerDocumentCheckpoint.find(out, conf);
        if (marker == null) {
            LOG.warn("--resume: no complete checkpoint in {}; starting from the inputs", out);
            return null;
        }
        String mismatch = PerDocumentCheckpoint.mismatch(marker, config.effectiveSha256(), files);
        if (mismatch != null) {
            throw new UserError("--resume: the checkpoint in " + out + " cannot be used: " + mismatch
                    + "; run without --resume (with --overwrite) to start again");
        }
        String damage = PerDocumentCheckpoint.damage(jsc, out, marker);
        if (damage != null) {
            LOG.warn("--resume: the checkpoint in {} is damaged ({}); starting from the inputs", out, damage);
            try {
                PerDocumentCheckpoint.discard(out, conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
        return marker;
    }
}
