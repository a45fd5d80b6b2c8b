package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Nothing an operator types deletes inputs or another run's output (issue 12, items 2 and 8). */
@ExtendWith(SharedSpark.class)
class OperatorMistakesTest {
    private static final String DOC = "{\"text\": \"吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\"}\n";

    private static Path config(Path tmp) throws Exception {
        Path c = tmp.resolve("c.yaml");
        Files.writeString(c, "inputs: [{path: unused}]\nstages: [{name: normalize}]\n");
        return c;
    }

    private static void assertOneLine(Runs.Cli r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void overwriteRefusesAnOutputThatHoldsTheInputsAndDeletesNothing(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path input = out.resolve("in.jsonl");
        Files.writeString(input, DOC);
        Runs.Cli r = Runs.cli("run", "--config", config(tmp).toString(), "--input", input.toString(),
                "--output", out.toString(), "--overwrite");
        assertOneLine(r, "contains the input");
        assertEquals(DOC, Files.readString(input));
    }

    @Test
    void anOutputInsideAnInputDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.jsonl"), DOC);
        Runs.Cli r = Runs.cli("run", "--config", config(tmp).toString(), "--input", in.toString(),
                "--output", in.resolve("corpus").toString());
        assertOneLine(r, "inside the input directory");
        assertTrue(Files.notExists(in.resolve("corpus")));
    }

    @Test
    void overwriteDeletesAPreviousRunButNeverFilesCorpusforgeDidNotWrite(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.jsonl"), DOC);
        Path out = tmp.resolve("out");
        String[] run = {"run", "--config", config(tmp).toString(), "--input", in.toString(), "--output",
                out.toString(), "--overwrite"};
        assertEquals(0, Runs.cli(run).exit());
        assertEquals(0, Runs.cli(run).exit(), "a previous corpus is replaced");
        Files.writeString(out.resolve("notes.txt"), "my notes");
        assertOneLine(Runs.cli(run), "holds notes.txt, which corpusforge did not write");
        assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.exists(out.resolve("manifest.json")), "the refused run deleted nothing");
    }

    @Test
    void aLiveRunsLockRefusesTheDirectoryAndADeadRunsLockIsTakenOver(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.jsonl"), DOC);
        Path out = Files.createDirectories(tmp.resolve("out"));
        String host = java.net.InetAddress.getLocalHost().getHostName();
        // a run in this very process holds it: alive
        Files.writeString(out.resolve("_lock"), "{\"run_id\":\"other\",\"host\":\"" + host + "\",\"pid\":"
                + ProcessHandle.current().pid() + "}\n");
        String[] run = {"run", "--config", config(tmp).toString(), "--input", in.toString(), "--output",
                out.toString(), "--overwrite"};
        assertOneLine(Runs.cli(run), "is being written by another run (run other");
        assertTrue(Files.exists(out.resolve("_lock")));

        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(out.resolve("_lock"), "{\"run_id\":\"dead\",\"host\":\"" + host + "\",\"pid\":"
                + ended.pid() + "}\n");
        Runs.Cli r = Runs.cli(run);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("manifest.json")));
        assertTrue(Files.notExists(out.resolve("_lock")), "the lock is removed when the run ends");
    }

    @Test
    void twoRunsIntoOneDirectoryAtOnceGiveOneCorpusAndOneRefusal(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.jsonl"), DOC.repeat(200));
        Path out = tmp.resolve("out");
        String[] run = {"run", "--config", config(tmp).toString(), "--input", in.toString(), "--output",
                out.toString()};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> Runs.cli(run));
            var b = pool.submit(() -> Runs.cli(run));
            int ok = 0;
            int refused = 0;
            for (Runs.Cli r : java.util.List.of(a.get(), b.get())) {
                if (r.exit() == 0) {
                    ok++;
                } else {
                    assertOneLine(r, "--output " + out);
                    refused++;
                }
            }
            // whichever order they ran in: never two successes writing the same directory at once, unless the
            // first had finished before the second looked (then the second finds a corpus and refuses it too)
            assertEquals(1, ok);
            assertEquals(1, refused);
        } finally {
            pool.shutdown();
        }
        assertEquals(java.util.List.of(), Runs.problems(out));
    }
}
