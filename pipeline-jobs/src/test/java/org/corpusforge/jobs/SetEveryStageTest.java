package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.filters.StageCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set} reaches every stage's settings by the stage's name, and a wrong one is named as the {@code --set}
 * that gave it, for every stage the catalog has and every global stage.
 */
class SetEveryStageTest {
    /** What a stage needs to be built at all (the classifier its model). */
    private static final Map<String, String> REQUIRED = Map.of("classifier", ", kind: onnx, model: "
            + Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert.onnx") + ", tokenizer: "
            + Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert-tokenizer.json")
            + ", labels: [clean, toxic]");

    @Test
    void everyStagesSettingsAreReachedByItsNameAndAWrongOneIsNamedAsTheSet(@TempDir Path tmp) throws Exception {
        for (String name : StageCatalog.names()) {
            Path config = Files.writeString(tmp.resolve(name + ".yaml"), "inputs: [{path: x}]\nstages:\n"
                    + "  - {name: normalize, id: first}\n  - {name: " + name + REQUIRED.getOrDefault(name, "") + "}\n");
            PipelinePlan on = PipelinePlan.load(config, List.of(), Map.of(), Map.of());
            assertTrue(on.chain().names().contains(name), name);
            Map<String, String> off = Map.of("stages." + name + ".enabled", "false");
            assertEquals(List.of("first"), PipelinePlan.load(config, List.of(), off, off).chain().names(), name);
            Map<String, String> wrong = Map.of("stages." + name + ".no_such_setting", "1");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> PipelinePlan.load(config, List.of(), wrong, wrong), name);
            assertTrue(e.getMessage().startsWith("--set stages." + name + ".no_such_setting=1: stages[1] (" + name + "): unknown key "
                    + "'no_such_setting'"), e.getMessage());
        }
        for (String name : List.of("dedup", "boilerplate", "decontaminate")) {
            Path config = Files.writeString(tmp.resolve(name + ".yaml"), "inputs: [{path: x}]\n"
                    + "global_stages: [{name: " + name + (name.equals("dedup") ? ", exact: true" : "")
                    + (name.equals("decontaminate") ? ", benchmarks: [{path: b.jsonl}]" : "") + "}]\n");
            Map<String, String> off = Map.of("global_stages." + name + ".enabled", "false");
            assertEquals(List.of(), PipelinePlan.load(config, List.of(), off, off).globalStageNames(), name);
            Map<String, String> wrong = Map.of("global_stages." + name + ".no_such_setting", "1");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> PipelinePlan.load(config, List.of(), wrong, wrong), name);
            assertTrue(e.getMessage().startsWith("--set global_stages." + name + ".no_such_setting=1: "
                    + "global_stages[0] (" + name + "): unknown key 'no_such_setting'"), e.getMessage());
        }
    }
}
