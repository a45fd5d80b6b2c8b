package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.jobs.report.Histogram;
import org.corpusforge.jobs.report.LineSketch;
import org.corpusforge.jobs.report.ReportData;
import org.corpusforge.jobs.report.RunReport;
import org.junit.jupiter.api.Test;

/** The report drawn from known data: the most frequent boilerplate lines, thresholds, escaping, stable bytes. */
class RunReportTest {
    @Test
    void drawsFrequentLinesThresholdsAndEscapesWhatItQuotes() throws Exception {
        Manifest manifest = ManifestJson.fromBytes(Files.readAllBytes(
                Runs.repo().resolve("pipeline-jobs/src/test/resources/corpus-v2/manifest.json")));
        LineSketch lines = new LineSketch();
        for (int i = 0; i < 50; i++) {
            lines.add("Copyright <b>example</b> & co.");
        }
        for (int i = 0; i < 7; i++) {
            lines.add("ホームへ戻る");
        }
        Histogram chars = new Histogram();
        Histogram kept = new Histogram();
        for (int i = 1; i <= 1000; i++) {
            chars.add(i);
            if (i >= 400) {
                kept.add(i);
            }
        }
        ReportData data = new ReportData(ReportData.VERSION,
                Map.of("char_count", new ReportData.SignalSketch(chars.encode(), kept.encode())), Map.of("quality", 79_800L),
                500_500L, Map.of("book", new ReportData.LengthSketch(chars.encode(), null)), Map.of(1L, 10L, 3L, 2L),
                lines.base64(), List.of(new ReportData.Example("quality", "min_chars", "doc<1>", "file:/in.jsonl", "line:3",
                        null)));
        String html = RunReport.html(manifest, data);
        assertEquals(html, RunReport.html(manifest, data), "the same data gives the same bytes");
        int copyright = html.indexOf("Copyright &lt;b&gt;example&lt;/b&gt; &amp; co.");
        int home = html.indexOf("ホームへ戻る");
        assertTrue(copyright > 0 && home > copyright, "both lines, the more frequent first");
        assertTrue(html.contains("<td class=\"n\">50</td>"), html);
        assertTrue(html.contains("doc&lt;1&gt;"));
        assertTrue(!html.contains("<b>example</b>"), "quoted text is escaped");
        assertTrue(html.contains("size 3"), "cluster sizes");
        assertTrue(!html.contains("<script"), "no script");
        assertTrue(!html.contains("http://") && !html.contains("https://"), "nothing fetched");
    }
}
