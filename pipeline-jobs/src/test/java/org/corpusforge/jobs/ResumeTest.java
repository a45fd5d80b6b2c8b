package org.corpusforge.jobs;

import org.corpusforge.jobs.base.TaskFaults;
import org.corpusforge.jobs.base.UserError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * run --resume: a run that dies after its per-document checkpoint continues from it, without reading or
 * processing any input again, and writes the same shards as an uninterrupted run.
 */
@ExtendWith(SharedSpark.class)
class ResumeTest {
    static final String CONFIG = """
            input_defaults: {source: book, markup: aozora}
            inputs:
              - path: sample/aozora/*.jsonl.gz
                name: aozora
            stages:
              - name: aozora
              - name: normalize
              - name: length-ratio
                min_chars: 10
            dedup: {exact: true, near: true}
            tokenizer: {model: conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model}
            output:
              shard_target_tokens: 60000
              megatron: {enabled: true}
            """;

    @Test
    void aRunKilledAfterItsCheckpointResumesWithoutRecomputingAndWritesTheSameBytes(@TempDir Path tmp) throws Exception {
        Manifest fresh = Runs.run(CONFIG, tmp.resolve("fresh"), 2);
        assertNull(fresh.resumedFrom());
        assertFalse(Files.exists(tmp.resolve("fresh/_checkpoint")), "the checkpoint goes when the run has finished");

        Path out = tmp.resolve("interrupted");
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        try {
            conf.set(TaskFaults.DRIVER_KEY, "fail-after-checkpoint");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Runs.run(CONFIG, out, 2));
            assertTrue(e.getMessage().contains("injected fault"), e.getMessage());
        } finally {
            conf.unset(TaskFaults.DRIVER_KEY);
        }
        assertFalse(Files.exists(out.resolve("manifest.json")));
        assertTrue(Files.exists(out.resolve("_checkpoint/per-document.json")));
        Files.createDirectories(out.resolve("shards"));
        Files.writeString(out.resolve("shards/part-00099.parquet"), "left over by the dead run");

        Manifest resumed;
        try {
            // any reading task would now fail, and local mode does not retry: the resumed run must read nothing
            conf.set(TaskFaults.KEY, "read:0,read:1,read:2");
            resumed = CorpusJob.run(SharedSpark.session(),
                    new RunOptions(Runs.config(CONFIG), out.toString(), false, 3, true));
        } finally {
            conf.unset(TaskFaults.KEY);
        }
        assertNotNull(resumed.resumedFrom());
        assertTrue(resumed.resumedFrom().checkpoint().endsWith("/_checkpoint/per-document"));
        assertEquals(fresh.stages().get(0).in(), resumed.resumedFrom().records());
        // the inputs are checksummed again (seconds) to prove the checkpoint was made from these very bytes
        assertTrue(resumed.phaseSeconds().containsKey("checksums"), resumed.phaseSeconds().toString());
        assertEquals(fresh.inputs(), resumed.inputs());
        assertEquals(fresh.stages(), resumed.stages());
        assertEquals(fresh.shards(), resumed.shards());
        assertEquals(fresh.megatron(), resumed.megatron());
        for (Manifest.FileEntry shard : fresh.shards()) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("fresh").resolve(shard.path())),
                    Files.readAllBytes(out.resolve(shard.path())));
        }
        assertEquals(List.of(), Runs.problems(out));
        Runs.Cli stats = Runs.cli("stats", out.toString());
        assertTrue(stats.out().contains("resumed:     from the checkpoint of run " + resumed.resumedFrom().runId()),
                stats.out());
        assertFalse(Files.exists(out.resolve("shards/part-00099.parquet")));
        assertFalse(Files.exists(out.resolve("_checkpoint")));
    }

    /**
     * Issue 12, item 7: a checkpoint part swapped or cut short is found before use; its files are read again, the
     * other units are reused.
     */
    @Test
    void aDamagedCheckpointIsNotTrustedAndItsFilesAreReadAgain(@TempDir Path tmp) throws Exception {
        Manifest fresh = Runs.run(CONFIG, tmp.resolve("fresh"), 2);
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        for (String damage : List.of("swap", "truncate")) {
            Path out = tmp.resolve(damage);
            try {
                conf.set(TaskFaults.DRIVER_KEY, "fail-after-checkpoint");
                assertThrows(IllegalStateException.class, () -> Runs.run(CONFIG, out, 2));
            } finally {
                conf.unset(TaskFaults.DRIVER_KEY);
            }
            List<Path> parts = unitParts(out);
            assertEquals(2, parts.size(), "one unit for each of the two Aozora files: " + parts);
            Path a = parts.get(0);
            Path b = parts.get(1);
            byte[] first = Files.readAllBytes(a);
            if (damage.equals("swap")) {
                Files.write(a, Files.readAllBytes(b));
                Files.write(b, first);
            } else {
                Files.write(a, java.util.Arrays.copyOf(first, first.length / 2));
            }
            Manifest resumed = CorpusJob.run(SharedSpark.session(),
                    new RunOptions(Runs.config(CONFIG), out.toString(), false, 2, true));
            if (damage.equals("swap")) {
                assertNull(resumed.resumedFrom(), damage);
            } else {
                assertEquals(List.of(b.getFileName().toString()),
                        resumed.resumedFrom().units().stream().map(Manifest.ResumedUnit::part).toList());
            }
            assertEquals(fresh.stages(), resumed.stages(), damage);
            assertEquals(fresh.shards(), resumed.shards(), damage);
            assertEquals(List.of(), Runs.problems(out));
        }
    }

    /**
     * Issue 44: a run stopped inside its read pass, its resume stopped again inside shard writing, and that resumed,
     * reuses what each had committed (units of input files, then shards) and ends with the very bytes of an
     * uninterrupted run in every file of the corpus.
     */
    @Test
    void aRunStoppedInsideItsReadPassAndAgainInsideShardWritingResumesFromWhatWasCommitted(@TempDir Path tmp)
            throws Exception {
        Path clean = tmp.resolve("fresh");
        Manifest fresh = Runs.run(CONFIG, clean, 2);
        Path out = tmp.resolve("stopped");
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        try {
            conf.set(TaskFaults.FAIL_AFTER_COMMIT_KEY, "unit:1");
            assertThrows(Exception.class, () -> Runs.run(CONFIG, out, 2));
            assertFalse(unitParts(out).isEmpty(), "a unit was committed before the stop");
            conf.set(TaskFaults.FAIL_AFTER_COMMIT_KEY, "shard:2");
            assertThrows(Exception.class, () -> CorpusJob.run(SharedSpark.session(),
                    new RunOptions(Runs.config(CONFIG), out.toString(), false, 2, true)));
            assertTrue(Files.exists(out.resolve("_checkpoint/shards/part-00000.json"))
                    || Files.exists(out.resolve("_checkpoint/shards/part-00001.json")), "shards were committed");
        } finally {
            conf.unset(TaskFaults.FAIL_AFTER_COMMIT_KEY);
        }
        Manifest resumed = CorpusJob.run(SharedSpark.session(),
                new RunOptions(Runs.config(CONFIG), out.toString(), false, 2, true));
        assertNotNull(resumed.resumedFrom());
        assertEquals(2, resumed.resumedFrom().units().size(), "both files were done by the second run");
        assertTrue(resumed.resumedFrom().shards().size() >= 2 && resumed.resumedFrom().shards().size()
                < fresh.shards().size(), String.valueOf(resumed.resumedFrom().shards()));
        assertEquals(fresh.stages(), resumed.stages());
        assertEquals(fresh.shards(), resumed.shards());
        assertEquals(fresh.megatron(), resumed.megatron());
        assertEquals(fresh.searchIndex(), resumed.searchIndex());
        assertEquals(corpusFiles(clean), corpusFiles(out));
        for (Path file : corpusFiles(clean)) {
            assertArrayEquals(Files.readAllBytes(clean.resolve(file)), Files.readAllBytes(out.resolve(file)),
                    file.toString());
        }
        assertEquals(List.of(), Runs.problems(out));
        assertFalse(Files.exists(out.resolve("_checkpoint")));
    }

    /** The corpus's files but the manifest, card and report page, which name the run: relative paths, sorted. */
    static List<Path> corpusFiles(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize)
                    .filter(p -> !java.util.Set.of("manifest.json", "README.md", "report.html").contains(p.toString()))
                    .sorted().toList();
        }
    }

    private static List<Path> unitParts(Path out) throws java.io.IOException {
        try (var files = Files.list(out.resolve("_checkpoint/per-document"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bin.lz4")).sorted().toList();
        }
    }

    @Test
    void resumeRefusesAFinishedCorpusAndAnotherConfiguration(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        try {
            conf.set(TaskFaults.DRIVER_KEY, "fail-after-checkpoint");
            assertThrows(IllegalStateException.class, () -> Runs.run(CONFIG, out, 2));
        } finally {
            conf.unset(TaskFaults.DRIVER_KEY);
        }
        String other = CONFIG.replace("min_chars: 10", "min_chars: 20");
        UserError changed = assertThrows(UserError.class, () -> CorpusJob.run(SharedSpark.session(),
                new RunOptions(Runs.config(other), out.toString(), false, 2, true)));
        assertTrue(changed.getMessage().contains("another configuration"), changed.getMessage());

        CorpusJob.run(SharedSpark.session(), new RunOptions(Runs.config(CONFIG), out.toString(), false, 2, true));
        UserError finished = assertThrows(UserError.class, () -> CorpusJob.run(SharedSpark.session(),
                new RunOptions(Runs.config(CONFIG), out.toString(), false, 2, true)));
        assertTrue(finished.getMessage().contains("finished corpus"), finished.getMessage());

        // with nothing to resume from, --resume simply starts from the inputs
        Manifest started = CorpusJob.run(SharedSpark.session(),
                new RunOptions(Runs.config(CONFIG), tmp.resolve("new").toString(), false, 2, true));
        assertNull(started.resumedFrom());
    }

    /** Issue 27: an input changed in place, at the same size, must not be served from the old checkpoint. */
    @Test
    void anInputChangedAtItsSizeIsNotServedFromTheCheckpoint(@TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("in.jsonl");
        String first = "{\"text\": \"吾輩は猫である。名前はまだ無い。\"}\n";
        Files.writeString(input, first);
        String config = "inputs: [{path: " + input + "}]\nstages: [{name: normalize}]\n";
        Path out = tmp.resolve("out");
        Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        try {
            conf.set(TaskFaults.DRIVER_KEY, "fail-after-checkpoint");
            assertThrows(IllegalStateException.class, () -> Runs.run(config, out, 2));
        } finally {
            conf.unset(TaskFaults.DRIVER_KEY);
        }
        String second = first.replace("猫", "犬");
        assertEquals(first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                second.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        Files.writeString(input, second);
        UserError changed = assertThrows(UserError.class, () -> CorpusJob.run(SharedSpark.session(),
                new RunOptions(Runs.config(config), out.toString(), false, 2, true)));
        assertTrue(changed.getMessage().contains("input file:" + input + " changed since it was made"),
                changed.getMessage());
        assertTrue(Files.exists(out.resolve("_checkpoint/per-document.json")), "the checkpoint is left as it was");
    }
}
