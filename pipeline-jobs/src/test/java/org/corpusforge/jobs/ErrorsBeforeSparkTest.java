package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corpusforge.jobs.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every mistake that can be found without Spark is one line naming what was wrong and where it came from, exit 2,
 * and no Spark session is asked for: the command never gets that far.
 */
class ErrorsBeforeSparkTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int sessions = SparkSessions.requested();
        int exit = cl.execute(args);
        assertEquals(sessions, SparkSessions.requested(), "a Spark session was asked for: " + err);
        return new Result(exit, err.toString());
    }

    private void assertOneLine(String expected, String... args) {
        List<String> base = List.of("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString());
        String[] all = java.util.stream.Stream.concat(base.stream(), java.util.Arrays.stream(args)).toArray(String[]::new);
        Result r = run(all);
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), "expected \"" + expected + "\" in: " + r.err());
    }

    @Test
    void mistakesInTheCommandLineConfigInputsOutputAndModelComeBeforeSpark() throws IOException {
        String out = tmp.resolve("out").toString();
        assertOneLine("--input jsonx:sample/mixed: unknown format \"jsonx\"", "--output", out, "--input", "jsonx:sample/mixed");
        assertOneLine("--set output.shufle_seed=3: output: unknown key 'shufle_seed'", "--output", out,
                "--set", "output.shufle_seed=3");
        assertOneLine("--set output.dp_size=zero: output.dp_size: expected", "--output", out, "--set", "output.dp_size=zero");
        // a stage's setting, by the stage's name: named as the --set's, not the config file's
        assertOneLine("--set stages.length-ratio.min_char=10: stages[", "--output", out,
                "--set", "stages.length-ratio.min_char=10");
        assertOneLine("--set stages.quality.rules.min_hiragana_fraction=2: stages[", "--output", out,
                "--set", "stages.quality.rules.min_hiragana_fraction=2");
        assertOneLine("input not found: " + tmp.resolve("nothing"), "--output", out, "--input", tmp.resolve("nothing").toString());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertOneLine("hold no file to read (run --allow-empty", "--output", out, "--input", empty.toString());
        assertOneLine("tokenizer.model " + tmp.resolve("no.model") + ": no such file", "--output", out,
                "--set", "tokenizer.model=" + tmp.resolve("no.model"));
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("something.txt"), "x");
        assertOneLine("already exists and is not empty", "--output", full.toString());
        assertOneLine("unknown option '--nonsense'", "--output", out, "--nonsense");
        // a --set without '=' (issue 47: picocli said "Value for option option '--set' (KEY=VALUE) should be ...")
        assertOneLine("--set dedup.near: expected KEY=VALUE, such as --set dedup.near=VALUE", "--output", out,
                "--set", "dedup.near");
        assertOneLine("decontamination.benchmarks: " + tmp.resolve("no.jsonl") + ": cannot be read", "--output", out,
                "--set", "decontamination.benchmarks=[{path: " + tmp.resolve("no.jsonl") + "}]");
        assertOneLine(".model: cannot use \"" + tmp.resolve("no.bin") + "\"", "--output", out,
                "--set", "stages=[{name: classifier, model: " + tmp.resolve("no.bin") + "}]");
        String onnx = Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert.onnx").toString();
        String vocabulary = Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert-tokenizer.json").toString();
        assertOneLine("stages[0] (classifier): missing required key 'tokenizer'", "--output", out,
                "--set", "stages=[{name: classifier, kind: onnx, model: " + onnx + ", labels: [a, b]}]");
        assertOneLine("the model gives 2 logits per text and 1 labels name them: [toxic]", "--output", out,
                "--set", "stages=[{name: classifier, kind: onnx, model: " + onnx + ", tokenizer: " + vocabulary
                        + ", labels: [toxic]}]");
        assertOneLine("with tokenizer \"" + tmp.resolve("no.json") + "\"", "--output", out,
                "--set", "stages=[{name: classifier, kind: onnx, model: " + onnx + ", tokenizer: "
                        + tmp.resolve("no.json") + ", labels: [a, b]}]");
        Path notJson = Files.writeString(tmp.resolve("bench.jsonl"), "{\"question\": \"x\", \"choice0\": \"a\"}\n{oops\n");
        assertOneLine("decontamination.benchmarks: " + notJson + ": not JSON or JSON lines at line 2", "--output", out,
                "--set", "decontamination.benchmarks=[{path: " + notJson + "}]");
        Path badConfig = tmp.resolve("bad.yaml");
        Files.writeString(badConfig, "inputs: [{path: x}]\noutput: {shufle_seed: 1}\n");
        Result r = run("run", "--config", badConfig.toString(), "--output", out);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(badConfig + ": output: unknown key 'shufle_seed'"), r.err());
        assertTrue(!Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void aFifoOrADeviceWhereTheDriverReadsAFileIsOneLineNotAHangOrAnOutOfMemoryError() throws Exception {
        String out = tmp.resolve("out").toString();
        Path fifo = tmp.resolve("pipe.model");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        String onnx = Runs.repo().resolve("filters/src/test/resources/classify/tiny-bert.onnx").toString();
        for (String path : List.of(fifo.toString(), "/dev/zero")) {
            assertOneLine("tokenizer.model " + path + ": not a regular file", "--output", out,
                    "--set", "tokenizer.model=" + path);
            assertOneLine("not a regular file", "--output", out,
                    "--set", "stages=[{name: classifier, model: " + path + "}]");
            assertOneLine("not a regular file", "--output", out, "--set", "stages=[{name: classifier, kind: onnx, model: "
                    + onnx + ", tokenizer: " + path + ", labels: [a, b]}]");
            assertOneLine("decontamination.benchmarks: " + path + ": cannot be read (not a regular file", "--output",
                    out, "--set", "decontamination.benchmarks=[{path: " + path + "}]");
            Result r = run("run", "--config", path, "--output", out);
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--config " + path + ": not a regular file"), r.err());
        }
    }
}
