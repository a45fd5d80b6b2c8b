package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.base.UserError;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.report.DroppedExamples;
import org.corpusforge.jobs.report.OutcomeSketches;
import org.corpusforge.jobs.report.ReportData;
import org.corpusforge.jobs.report.RunReport;

/**
 * Gathers what the run report is drawn from (the tasks' merged sketches, the corpus profile, dropped examples), and
 * draws the report of a finished corpus again ({@code report DIR}).
 */
public final class RunReports {
    private RunReports() {}

    /** The report's data of a run; the global stages add their own sections ({@code GlobalStage#report}). */
    static ReportData data(OutcomeSketches measured, CorpusProfile profile, DroppedExamples dropped) {
        Map<String, ReportData.SignalSketch> signals = new TreeMap<>();
        measured.signals().forEach((name, pair) ->
                signals.put(name, new ReportData.SignalSketch(pair[0].encode(), pair[1].encode())));
        Map<String, Long> droppedChars = new TreeMap<>(measured.chars());
        Long keptChars = droppedChars.remove("");
        Map<String, ReportData.LengthSketch> lengths = new TreeMap<>();
        profile.lengths().forEach((source, kll) -> lengths.put(source, new ReportData.LengthSketch(kll[0].encode(),
                kll[1].count() == 0 ? null : kll[1].encode())));
        return new ReportData(ReportData.VERSION, signals, droppedChars, keptChars == null ? 0 : keptChars, lengths,
                new TreeMap<>(profile.clusterSizes()), null, null, dropped.examples());
    }

    /** Writes {@code report.json} and the {@code report.html} drawn from it and the manifest; returns their entries. */
    static List<Manifest.FileEntry> write(CorpusDirectory out, Manifest manifest, ReportData data, Configuration conf)
            throws IOException {
        byte[] json = ManifestJson.toBytes(data);
        byte[] html = RunReport.html(manifest, data, StageKinds.REGISTERED).getBytes(StandardCharsets.UTF_8);
        HadoopFiles.writeAtomically(out.resolve(RunReport.DATA), json, conf);
        HadoopFiles.writeAtomically(out.resolve(RunReport.FILE), html, conf);
        return List.of(new Manifest.FileEntry(RunReport.DATA, 0, json.length, Hashing.sha256Hex(json), 0, null),
                new Manifest.FileEntry(RunReport.FILE, 0, html.length, Hashing.sha256Hex(html), 0, null));
    }

    /**
     * Draws {@code report.html} of a finished corpus again from its manifest and {@code report.json}, under the
     * corpus's lock; when the page differs from the one listed (a newer corpusforge draws it otherwise), writes it,
     * then the card and the manifest. Returns the page's path.
     */
    public static String rebuild(String dir, Configuration conf) {
        CorpusDirectory root = CorpusDirectory.of(dir);
        Manifest manifest = OutputDirectory.readManifest(root, conf);
        if (manifest.report() == null) {
            throw new UserError(root + " has no report.json (it was written by a corpusforge without run reports): "
                    + "run the corpus again to get one");
        }
        try {
            byte[] stored = HadoopFiles.readAll(root.resolve(RunReport.DATA), conf);
            String storedSha = Hashing.sha256Hex(stored);
            if (manifest.report().stream().anyMatch(f -> f.path().equals(RunReport.DATA)
                    && !f.sha256().equals(storedSha))) {
                throw new UserError(root.resolve(RunReport.DATA + " is not the one the manifest lists (its SHA-256 "
                        + "differs): changed or damaged after the run; run the corpus again to get it back"));
            }
            ReportData data;
            try {
                data = ManifestJson.fromBytes(stored, ReportData.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                var at = e.getLocation();
                throw new UserError(root.resolve(RunReport.DATA + " is not a report this version reads"
                        + (at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")));
            }
            byte[] html = RunReport.html(manifest, data, StageKinds.REGISTERED).getBytes(StandardCharsets.UTF_8);
            String sha = Hashing.sha256Hex(html);
            Path rootPath = new Path(root.uri());
            try (OutputLock lock = OutputLock.acquire(rootPath, rootPath.getFileSystem(conf),
                    "report-" + UUID.randomUUID().toString().substring(0, 8), root.uri())) {
                boolean listed = manifest.report().stream().anyMatch(f ->
                        f.path().equals(RunReport.FILE) && f.sha256().equals(sha));
                HadoopFiles.writeAtomically(root.resolve(RunReport.FILE), html, conf);
                if (!listed) {
                    List<Manifest.FileEntry> files = new ArrayList<>();
                    for (Manifest.FileEntry f : manifest.report()) {
                        files.add(!f.path().equals(RunReport.FILE) ? f
                                : new Manifest.FileEntry(f.path(), 0, html.length, sha, 0, null));
                    }
                    OutputDirectory.commit(root, manifest.withReport(files), conf);
                }
            }
            return root.resolve(RunReport.FILE);
        } catch (FileNotFoundException e) {
            throw new UserError(root.resolve(RunReport.DATA + " not found"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
