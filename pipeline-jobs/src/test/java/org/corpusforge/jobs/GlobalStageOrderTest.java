package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Global stages run in the order {@code global_stages:} lists them, and the manifest's stage list follows: a page
 * that holds a benchmark item and has an exact copy loses one copy to dedup and the other to decontamination when
 * dedup runs first, and both to decontamination when it runs first. A configuration in the old form (one section per
 * stage) and the list in the old order give the same bytes.
 */
@ExtendWith(SharedSpark.class)
class GlobalStageOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ITEM = "霧ヶ丘町では毎年秋になると石段の両側に紙の灯籠が千個並べられる。";

    private static Path input(Path tmp) throws Exception {
        List<String> sentences = Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))
                .stream().map(l -> l.split(":", 2)[1].split(",", 2)[0]).toList();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            String text = String.join("\n", sentences.subList(3 * i, 3 * i + 3));
            jsonl.append(JSON.createObjectNode().put("id", "clean-" + i).put("text", text)).append('\n');
        }
        String contaminated = sentences.get(30) + "\n" + ITEM + "\n" + sentences.get(31);
        jsonl.append(JSON.createObjectNode().put("id", "copy-a").put("text", contaminated)).append('\n');
        jsonl.append(JSON.createObjectNode().put("id", "copy-b").put("text", contaminated)).append('\n');
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(dir.resolve("docs.jsonl"), jsonl);
        Files.writeString(tmp.resolve("bench.jsonl"), JSON.createObjectNode().put("id", "q1")
                .put("question", ITEM) + "\n");
        return dir;
    }

    private static String config(Path in, Path tmp, String globalStages) {
        return "inputs: [{path: " + in + "}]\nstages: [{name: normalize}]\n" + globalStages.formatted(
                tmp.resolve("bench.jsonl"));
    }

    private static final String DEDUP = "{name: dedup, exact: true, near: true}";
    private static final String DECONTAMINATE = "{name: decontaminate, benchmarks: [{path: %1$s, name: b, fields: "
            + "[question], id_field: id}]}";

    private static long dropped(Manifest m, String stage) {
        return m.stages().stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow().dropped().values()
                .stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void globalStagesRunInTheListedOrder(@TempDir Path tmp) throws Exception {
        Path in = input(tmp);
        Manifest dedupFirst = Runs.run(config(in, tmp, "global_stages: [" + DEDUP + ", " + DECONTAMINATE + "]\n"),
                tmp.resolve("dedup-first"), 2);
        Manifest decontaminateFirst = Runs.run(config(in, tmp, "global_stages: [" + DECONTAMINATE + ", " + DEDUP
                + "]\n"), tmp.resolve("decontaminate-first"), 2);

        assertEquals(List.of("read", "normalize", "dedup", "decontaminate"),
                dedupFirst.stages().stream().map(Manifest.StageEntry::name).toList());
        assertEquals(List.of("read", "normalize", "decontaminate", "dedup"),
                decontaminateFirst.stages().stream().map(Manifest.StageEntry::name).toList());
        assertEquals(1, dropped(dedupFirst, "dedup"));
        assertEquals(1, dropped(dedupFirst, "decontaminate"));
        assertEquals(2, dropped(decontaminateFirst, "decontaminate"));
        assertEquals(0, dropped(decontaminateFirst, "dedup"));
        // both keep the six clean pages; the accounting adds up either way
        for (Manifest m : List.of(dedupFirst, decontaminateFirst)) {
            assertEquals(6, m.totals().kept());
            assertEquals(List.of(), Runs.problems(Path.of(m == dedupFirst ? tmp.resolve("dedup-first").toString()
                    : tmp.resolve("decontaminate-first").toString())));
        }
    }

    @Test
    void theOldSectionsAndTheListInTheirOrderGiveTheSameCorpus(@TempDir Path tmp) throws Exception {
        Path in = input(tmp);
        String sections = """
                dedup: {exact: true, near: true}
                boilerplate: {enabled: true, max_documents_per_line: 1}
                decontamination: {benchmarks: [{path: %1$s, name: b, fields: [question], id_field: id}]}
                """;
        String list = "global_stages: [" + DEDUP + ", {name: boilerplate, max_documents_per_line: 1}, "
                + DECONTAMINATE + "]\n";
        Manifest old = Runs.run(config(in, tmp, sections), tmp.resolve("old"), 3);
        Manifest listed = Runs.run(config(in, tmp, list), tmp.resolve("listed"), 1);
        // the same accounting; the settings differ only by the enabled: true a listed entry is read with
        assertEquals(old.stages().stream().map(GlobalStageOrderTest::counts).toList(),
                listed.stages().stream().map(GlobalStageOrderTest::counts).toList());
        assertEquals(old.stageDetails(), listed.stageDetails());
        for (Manifest.FileEntry shard : old.shards()) {
            assertArrayEquals(Runs.bytes(tmp.resolve("old").resolve(shard.path())),
                    Runs.bytes(tmp.resolve("listed").resolve(shard.path())), shard.path());
        }
        assertEquals(old.shards(), listed.shards());
    }

    @Test
    void aListThatContradictsItselfOrTheSectionsIsOneError(@TempDir Path tmp) throws Exception {
        Path in = input(tmp);
        ConfigException both = assertThrows(ConfigException.class, () -> PipelinePlan.parse(config(in, tmp,
                "global_stages: [" + DEDUP + "]\ndedup: {exact: true}\n")));
        assertEquals("global_stages: the global stages are listed here and given as the dedup section too; move the "
                + "settings into the list's entries", both.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> PipelinePlan.parse(config(in, tmp,
                "global_stages: [" + DEDUP + ", " + DEDUP + "]\n")));
        assertEquals("global_stages[1]: dedup is listed twice", twice.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> PipelinePlan.parse(config(in, tmp,
                "global_stages: [{name: dedupe}]\n")));
        // (this test tree registers one global stage more, marker-drop: ExtensionTest)
        assertTrue(unknown.getMessage().startsWith("global_stages[0].name: unknown global stage \"dedupe\" (known: ")
                && unknown.getMessage().endsWith("dedup, boilerplate, substring-dedup, decontaminate)"),
                unknown.getMessage());
        ConfigException idle = assertThrows(ConfigException.class, () -> PipelinePlan.parse(config(in, tmp,
                "global_stages: [{name: dedup}]\n")));
        assertTrue(idle.getMessage().startsWith("global_stages[0]: dedup removes nothing"), idle.getMessage());
        ConfigException key = assertThrows(ConfigException.class, () -> PipelinePlan.parse(config(in, tmp,
                "global_stages: [{name: boilerplate, max_documents_per_lines: 3}]\n")));
        assertTrue(key.getMessage().startsWith("global_stages[0] (boilerplate): unknown key 'max_documents_per_lines' (did you mean max_documents_per_line?)"),
                key.getMessage());
        // --set reaches a listed stage by its name
        PipelinePlan set = PipelinePlan.parse(config(in, tmp, "global_stages: [" + DEDUP + "]\n"), List.of(),
                java.util.Map.of("global_stages.dedup.min_jaccard", "0.8"));
        assertTrue(set.config().effectiveJson().contains("\"min_jaccard\":0.8"), set.config().effectiveJson());
        // off in the list: validated, not run
        assertEquals(List.of(), PipelinePlan.parse(config(in, tmp,
                "global_stages: [{name: dedup, enabled: false}]\n")).globalStageNames());
    }

    private static Manifest.StageEntry counts(Manifest.StageEntry s) {
        return new Manifest.StageEntry(s.name(), s.kind(), s.in(), s.kept(), s.dropped(), s.quarantined(),
                s.quarantineReasons(), null);
    }
}
