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
        Manifest manifest = withStages("""
                [{"name": "quality", "kind": "quality", "in": 2, "kept": 2, "settings": {"rules": {"min_chars": 400}}},
                 {"name": "dedup", "kind": "dedup", "in": 2, "kept": 2},
                 {"name": "boilerplate", "kind": "boilerplate", "in": 2, "kept": 2}]""", "{}");
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
                lines.base64(), null, List.of(new ReportData.Example("quality", "min_chars", "doc<1>", "file:/in.jsonl", "line:3",
                        null)));
        String html = RunReport.html(manifest, data, StageKinds.REGISTERED);
        assertEquals(html, RunReport.html(manifest, data, StageKinds.REGISTERED), "the same data gives the same bytes");
        int copyright = html.indexOf("Copyright &lt;b&gt;example&lt;/b&gt; &amp; co.");
        int home = html.indexOf("ホームへ戻る");
        assertTrue(copyright > 0 && home > copyright, "both lines, the more frequent first");
        assertTrue(html.contains("<td class=\"n\">50</td>"), html);
        assertTrue(html.contains("doc&lt;1&gt;"));
        assertTrue(!html.contains("<b>example</b>"), "quoted text is escaped");
        assertTrue(html.contains("size 3"), "cluster sizes");
        assertTrue(!html.contains("<script"), "no script");
        assertTrue(!html.contains("http://") && !html.contains("https://"), "nothing fetched");
        assertTrue(html.contains("<line class=\"threshold\""), "quality's min_chars on char_count");
    }

    /**
     * The report asks each stage's kind, never a stage by name: a pii stage under an id of its own shows what it
     * masked (it said "No pii stage." when the report asked for the details of "pii"), and each section is the stage's.
     */
    @Test
    void aStageUnderAnIdOfItsOwnShowsWhatItsKindShows() throws Exception {
        Manifest manifest = withStages("""
                [{"name": "pii-strict", "kind": "pii", "in": 2, "kept": 2, "settings": {"max_density": 0.2}}]""", """
                {"pii-strict": {"masked_in_kept_documents": {"email": 3, "phone": 1}}}""");
        Histogram density = new Histogram();
        density.add(0.1);
        ReportData data = new ReportData(ReportData.VERSION,
                Map.of("pii_density", new ReportData.SignalSketch(density.encode(), density.encode())), Map.of(), 0,
                Map.of(), Map.of(), null, null, List.of());
        String html = RunReport.html(manifest, data, StageKinds.REGISTERED);
        int section = html.indexOf("<h2 id=\"stage-pii-strict\">pii-strict (pii)</h2>");
        assertTrue(section > 0, html);
        assertTrue(html.indexOf("3 spans", section) > 0 && html.indexOf("email", section) > 0, html);
        assertTrue(!html.contains("No pii stage"), html);
        assertTrue(html.contains("<line class=\"threshold\""), "max_density marked on pii_density");
    }

    /** The test corpus's manifest with these stages after its own (counts to match) and these details. */
    private static Manifest withStages(String stages, String details) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Files.readAllBytes(Runs.repo().resolve("pipeline-jobs/src/test/resources/corpus-v2/manifest.json")));
        for (com.fasterxml.jackson.databind.JsonNode stage : json.readTree(stages)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) stage).putObject("dropped");
            ((com.fasterxml.jackson.databind.node.ObjectNode) stage).putObject("quarantine_reasons");
            ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("stages")).add(stage);
        }
        m.set("stage_details", json.readTree(details));
        return ManifestJson.fromBytes(json.writeValueAsBytes(m));
    }
}
