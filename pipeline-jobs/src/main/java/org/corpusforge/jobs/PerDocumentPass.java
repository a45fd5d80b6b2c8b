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
 * The run's first pass: the inputs' checksums, then every record read and judged by the per-document stages, saved as
 * it goes in the checkpoint's units. With {@code --resume} and a checkpoint made from the same config, build and input
 * bytes, the files its complete units hold are not read again: their outcomes come from the units.
 */
final class PerDocumentPass {
    private PerDocumentPass() {}

    /** The per-document stages' output, with the inputs' checksums, and what was reused when resumed. */
    record Result(List<InputFile> inputs, JavaRDD<Outcome> outcomes, Manifest.ResumedFrom resumedFrom) {}

    /**
     * Reads and processes every input not done already (saving the outcomes in the checkpoint's units as they come),
     * and with {@code --resume} takes the rest from the checkpoint. Either way the outcomes are persisted.
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
        Configuration hadoopConf = jsc.hadoopConfiguration();
        String tool = CorpusJob.toolLabel();
        try {
            PerDocumentCheckpoint.Marker marker = options.resume()
                    ? resumable(out, config, tool, checkedFiles, hadoopConf, progress) : null;
            PerDocumentCheckpoint.Found reused = marker == null ? new PerDocumentCheckpoint.Found(List.of(), List.of())
                    : PerDocumentCheckpoint.units(jsc, out, marker);
            if (marker == null && config.output().checkpoint()) {
                marker = PerDocumentCheckpoint.start(out, runId, config.effectiveSha256(), tool, checkedFiles, hadoopConf);
            }
            java.util.Set<String> done = new java.util.HashSet<>(reused.files());
            List<InputFile> toRead = checkedFiles.stream().filter(f -> !done.contains(f.uri())).toList();
            if (options.resume() && marker != null) {
                progress.note("resume: " + done.size() + " of " + checkedFiles.size() + " input files are done ("
                        + reused.complete().size() + " units of the checkpoint of run " + marker.runId() + ", "
                        + String.format("%,d", reused.records()) + " records); reading the other " + toRead.size()
                        + (reused.damaged().isEmpty() ? "" : "; " + reused.damaged().size()
                                + " units were damaged and are done again (" + reused.damaged().get(0) + ")"));
            }
            progress.begin("read and per-document stages", toRead.stream().mapToLong(InputFile::bytes).sum());
            JavaRDD<Outcome> outcomes = null;
            if (!reused.complete().isEmpty()) {
                // each unit holds what its outcomes measured while whole, for the report
                outcomes = PerDocumentCheckpoint.read(jsc, out, reused.complete(), measured);
            }
            if (!toRead.isEmpty() || outcomes == null) {
                List<List<InputFile>> groups = InputPacking.pack(toRead, jsc.defaultParallelism());
                JavaRDD<Outcome> read = jsc.parallelize(groups, Math.max(1, groups.size()))
                        .mapPartitions(new ReadAndProcess(options.plan().recipe(), conf, models)
                                .counting(progress.documents(), progress.inputBytes())
                                .measuring(measured)
                                .savingUnits(config.output().checkpoint()
                                        ? new PerDocumentCheckpoint.Units(out, hadoopConf.getLong(
                                                PerDocumentCheckpoint.UNIT_BYTES_KEY, PerDocumentCheckpoint.UNIT_BYTES)) : null));
                outcomes = outcomes == null ? read : outcomes.union(read);
            }
            outcomes = outcomes.persist(Persisted.LEVEL);
            if (config.output().checkpoint()) {
                // the pass runs here, committing its units as it goes, rather than inside the first global stage
                outcomes.count();
                clock.lap("read_stages_checkpoint");
                TaskFaults.driverPoint(conf.value(), "checkpoint");
            }
            Manifest.ResumedFrom resumedFrom = reused.complete().isEmpty() ? null
                    : new Manifest.ResumedFrom(out.resolve(PerDocumentCheckpoint.DIRECTORY), marker.runId(),
                            marker.createdAt(), reused.records(), reused.complete().stream()
                            .map(u -> new Manifest.ResumedUnit(u.part().path(),
                                    u.inputs().stream().map(Manifest.InputEntry::uri).toList(), u.records()))
                            .toList(), null);
            return new Result(checkedFiles, outcomes, resumedFrom);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The checkpoint's marker this run can continue from, or null when there is none (said in one line: the run
     * starts from the inputs). Another config, build or inputs are refused.
     */
    private static PerDocumentCheckpoint.Marker resumable(CorpusDirectory out, CorpusConfig config, String tool,
                                                          List<InputFile> files, Configuration conf, RunPhases progress) {
        PerDocumentCheckpoint.Marker marker = PerDocumentCheckpoint.find(out, conf);
        if (marker == null) {
            progress.note("resume: no checkpoint in " + out + "; starting from the inputs");
            return null;
        }
        String mismatch = PerDocumentCheckpoint.mismatch(marker, config.effectiveSha256(), tool, files);
        if (mismatch != null) {
            throw new UserError("--resume: the checkpoint in " + out + " cannot be used: " + mismatch
                    + "; run without --resume (with --overwrite) to start again");
        }
        return marker;
    }
}
