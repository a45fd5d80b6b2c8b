package org.corpusforge.jobs;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.report.DroppedExamples;
import org.corpusforge.jobs.report.LineSketch;
import org.corpusforge.jobs.report.OutcomeSketches;
import org.corpusforge.jobs.report.ReportData;

/**
 * Gathers what the run report is drawn from (the tasks' merged sketches, the corpus profile, dropped examples), and
 * draws the report of a finished corpus again ({@code report DIR}).
 */
public final class RunReports {
    private RunReports() {}

    static ReportData data(OutcomeSketches measured, LineSketch removedLines, boolean boilerplate, CorpusProfile profile,
                           JavaRDD<Outcome> outcomes, long seed, int parallelism) {
        Map<String, ReportData.SignalSketch> signals = new TreeMap<>();
        measured.signals().forEach((name, pair) ->
                signals.put(name, new ReportData.SignalSketch(pair[0].base64(), pair[1].base64())));
        Map<String, Long> droppedChars = new TreeMap<>(measured.chars());
        Long keptChars = droppedChars.remove("");
        Map<String, ReportData.LengthSketch> lengths = new TreeMap<>();
        profile.lengths().forEach((source, kll) -> lengths.put(source, new ReportData.LengthSketch(kll[0].base64(),
                kll[1].count() == 0 ? null : kll[1].base64())));
        return new ReportData(ReportData.VERSION, signals, droppedChars, keptChars == null ? 0 : keptChars, lengths,
                new TreeMap<>(profile.clusterSizes()), boilerplate ? removedLines.base64() : null,
                DroppedExamples.of(outcomes, seed, parallelism));
    }

    /**
     * Draws {@code report.html} of a finished corpus again from its manifest and {@code report.json}, under the
     * corpus's lock; when the page differs from the one listed (a newer corpusforge draws it otherwise), writes it,
     * then the card and the manifest. Returns the page's path.
     */
    public static String rebuild(String dir, org.apache.hadoop.conf.Configuration conf) {
        String root = CorpusVerifier.strip(dir);
        org.corpusforge.core.manifest.Manifest manifest = CorpusVerifier.readManifest(root, conf);
        if (manifest.report() == null) {
            throw new UserError(root + " has no report.json (it was written by a corpusforge without run reports): "
                    + "run the corpus again to get one");
        }
        try {
            ReportData data = org.corpusforge.core.manifest.ManifestJson.fromBytes(
                    org.corpusforge.jobs.io.HadoopFiles.readAll(root + "/" + org.corpusforge.jobs.report.RunReport.DATA, conf),
                    ReportData.class);
            byte[] html = org.corpusforge.jobs.report.RunReport.html(manifest, data)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String sha = org.corpusforge.core.model.Hashing.sha256Hex(html);
            org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root);
            try (OutputLock lock = OutputLock.acquire(rootPath, rootPath.getFileSystem(conf),
                    "report-" + java.util.UUID.randomUUID().toString().substring(0, 8), root)) {
                boolean listed = manifest.report().stream().anyMatch(f ->
                        f.path().equals(org.corpusforge.jobs.report.RunReport.FILE) && f.sha256().equals(sha));
                org.corpusforge.jobs.io.HadoopFiles.writeAtomically(root + "/" + org.corpusforge.jobs.report.RunReport.FILE,
                        html, conf);
                if (!listed) {
                    java.util.List<org.corpusforge.core.manifest.Manifest.FileEntry> files = new java.util.ArrayList<>();
                    for (org.corpusforge.core.manifest.Manifest.FileEntry f : manifest.report()) {
                        files.add(!f.path().equals(org.corpusforge.jobs.report.RunReport.FILE) ? f
                                : new org.corpusforge.core.manifest.Manifest.FileEntry(f.path(), 0, html.length, sha, 0, null));
                    }
                    CorpusJob.commit(root, manifest.withReport(files), conf);
                }
            }
            return root + "/" + org.corpusforge.jobs.report.RunReport.FILE;
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(root + "/" + org.corpusforge.jobs.report.RunReport.DATA + " not found");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
