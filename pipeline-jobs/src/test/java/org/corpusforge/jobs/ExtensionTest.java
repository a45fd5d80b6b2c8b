package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A per-document stage and a global stage added as one class each plus one line in {@code META-INF/services}
 * (both in this test tree: {@link ThrowAwayStages}): the help, the configuration's checks, the run, the manifest, the
 * report and the card know them, and no other file names them.
 */
class ExtensionTest {
    @Test
    void aNewStageGlobalStageFormatAndQueryAreKnownEverywhereFromTheirOwnClassAndOneLine(@TempDir Path tmp) throws Exception {
        Runs.Cli help = Runs.cli("run", "--help");
        assertTrue(help.out().contains("exclamations") && help.out().contains("marker-drop"), help.out());

        assertTrue(help.out().contains("tabdocs"), "the new format among --input's");
        Path in = tmp.resolve("in.tabdocs");
        Files.writeString(in, "loud\t今日は晴れです！！！本当に！\nplain\t今日は静かな一日でした。\nmarked\tこの文には■が入っています。");
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "inputs: [{path: " + in + "}]\n"
                + "stages:\n  - {name: exclamations, max_exclamations: 2}\n"
                + "global_stages:\n  - {name: marker-drop, marker: \"■\"}\n"
                + "output: {search_index: {enabled: true, passages: false}}\n");
        // its settings are checked like any stage's, by the stage
        Runs.Cli misspelt = Runs.cli("run", "--config", config.toString(), "--output", tmp.resolve("x").toString(),
                "--set", "stages[0].max_exclamation=2");
        assertEquals(2, misspelt.exit(), misspelt.err());
        assertTrue(misspelt.err().contains("max_exclamation"), misspelt.err());

        Path out = tmp.resolve("out");
        Runs.Cli run = Runs.cli("run", "--config", config.toString(), "--output", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(), Runs.problems(out));
        Manifest m = ManifestJson.fromBytes(Files.readAllBytes(out.resolve("manifest.json")));
        assertEquals(3, m.inputs().get(0).records(), "read by the new format, known by its file name");
        assertEquals(Map.of("book", 1L), m.composition().stream().collect(java.util.stream.Collectors.toMap(
                Manifest.Composition::source, Manifest.Composition::documents)), "the source kind it implies");
        Manifest.StageEntry loud = stage(m, "exclamations");
        assertEquals("exclamations", loud.kind());
        assertEquals(Map.of("too-loud", 1L), loud.dropped());
        assertEquals(2, loud.settings().get("max_exclamations").asInt());
        Manifest.StageEntry marker = stage(m, "marker-drop");
        assertEquals(Map.of("marked", 1L), marker.dropped());
        assertEquals("■", marker.settings().get("marker").asText());
        assertEquals(Map.of("marker", "■"), m.stageDetails().get("marker-drop"));

        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<h2 id=\"stage-marker-drop\">marker-drop</h2>"), report);
        int signal = report.indexOf("<h3>exclamation_count</h3>");
        assertTrue(signal > 0 && report.indexOf("class=\"threshold\"", signal) > 0, "its threshold on its signal");
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.contains("### marker-drop\n\nDocuments holding `■` were dropped."), card);
        assertTrue(card.contains("| exclamations | 3 | 2 | too-loud: 1 | 0 | `{\"enabled\":true,\"max_exclamations\":2,"),
                card);

        // and a query: the CLI and the server answer it, with the parameter's one default
        Runs.Cli search = Runs.cli("search", "--help");
        assertTrue(search.out().contains("at-least TEXT") && search.out().contains("at-least, count"), search.out());
        Runs.Cli atLeast = Runs.cli("search", out.toString(), "at-least", "静か", "--limit", "2");
        assertEquals(0, atLeast.exit(), atLeast.err());
        assertEquals("{\"at_least\":false,\"count\":1}", atLeast.out().strip());
        try (SearchableCorpus corpus = SearchableCorpus.open(out.toString(), new org.apache.hadoop.conf.Configuration());
             org.corpusforge.search.http.SearchServer server = new org.corpusforge.search.http.SearchServer(
                     corpus.search(), corpus.info(), "127.0.0.1", 0)) {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                            + "/api/at-least?q=%E9%9D%99%E3%81%8B")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"at_least\":false,\"count\":1}", answer.body());
        }
    }

    /** No reader of a finished corpus (report, card, verify, search) names a stage: they ask the registered kinds. */
    @Test
    void noReaderOfACorpusNamesAStage() throws Exception {
        List<String> names = new java.util.ArrayList<>(org.corpusforge.filters.StageCatalog.names());
        names.addAll(org.corpusforge.jobs.global.GlobalStages.sections().keySet());
        assertTrue(names.containsAll(List.of("pii", "quality", "dedup", "substring-dedup", "decontaminate")), names.toString());
        Path repo = Runs.repo();
        List<Path> readers = new java.util.ArrayList<>();
        for (String dir : List.of("pipeline-jobs/src/main/java/org/corpusforge/jobs/report", "corpus-search/src/main/java")) {
            try (var files = Files.walk(repo.resolve(dir))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(readers::add);
            }
        }
        for (String file : List.of("pipeline-core/src/main/java/org/corpusforge/core/report/DatasetCard.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/RunReports.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/CorpusVerifier.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/SearchableCorpus.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/cli/ReportCommand.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/cli/VerifyCommand.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/cli/SearchCommand.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/cli/ServeCommand.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/cli/ShowCommand.java",
                "pipeline-jobs/src/main/java/org/corpusforge/jobs/cli/StatsCommand.java")) {
            readers.add(repo.resolve(file));
        }
        List<String> found = new java.util.ArrayList<>();
        for (Path reader : readers) {
            String source = Files.readString(reader);
            for (String name : names) {
                if (source.contains("\"" + name + "\"")) {
                    found.add(repo.relativize(reader) + " names \"" + name + "\"");
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static Manifest.StageEntry stage(Manifest m, String name) {
        return m.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
