package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} catches damaged corpora; user errors on the command line give one line and exit 2. */
@ExtendWith(SharedSpark.class)
class VerifyAndCliTest {
    @TempDir
    static Path tmp;
    static Path good;

    private static final String CONFIG = """
            inputs:
              - path: sample/ita/recitation_transcript_utf8.txt
                text: {unit: line}
            stages: [{name: normalize}, {name: length-ratio, min_chars: 10, min_japanese_ratio: 0.3}]
            output: {shard_target_text_bytes: 20000}
            """;

    @BeforeAll
    static void corpus() {
        good = tmp.resolve("good");
        Runs.run(CONFIG, good, 2);
    }

    private static Path copy(String name) throws Exception {
        Path target = tmp.resolve(name);
        Files.createDirectories(target.resolve("shards"));
        Files.copy(good.resolve("manifest.json"), target.resolve("manifest.json"));
        Files.copy(good.resolve("README.md"), target.resolve("README.md"));
        Files.copy(good.resolve("report.json"), target.resolve("report.json"));
        Files.copy(good.resolve("report.html"), target.resolve("report.html"));
        for (Path f : Runs.files(good.resolve("shards"))) {
            Files.copy(f, target.resolve("shards").resolve(f.getFileName()));
        }
        return target;
    }

    @Test
    void anIntactCorpusVerifies() {
        Runs.Cli v = Runs.cli("verify", good.toString());
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().startsWith("verify: OK: "), v.out());
    }

    @Test
    void aFlippedByteInAShardFailsVerification() throws Exception {
        Path damaged = copy("flipped");
        Path shard = damaged.resolve("shards/part-00001.parquet");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(shard, bytes);
        Runs.Cli v = Runs.cli("verify", damaged.toString());
        assertEquals(1, v.exit());
        assertEquals(1, v.errLines().size(), v.err());
        assertTrue(v.err().startsWith("verify: shards/part-00001.parquet: sha256 "), v.err());
    }

    /**
     * A downloaded corpus is input too (issue 48): a FIFO in shards/ hung verify, show and search; a link to a file
     * outside made verify pass it, a link to / made verify walk the file system. Each is one line, exit 2, from
     * every command that reads a corpus, before it reads a shard.
     */
    @Test
    void linksAndFifosInsideACorpusAreRefusedInOneLine() throws Exception {
        Path fifo = copy("with-fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.resolve("shards/part-00009.parquet").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Path outside = copy("with-link");
        Files.move(outside.resolve("shards/part-00001.parquet"), tmp.resolve("elsewhere.parquet"));
        Files.createSymbolicLink(outside.resolve("shards/part-00001.parquet"), tmp.resolve("elsewhere.parquet"));
        Path root = copy("with-root-link");
        Files.createSymbolicLink(root.resolve("shards/everything"), Path.of("/"));
        for (Path corpus : List.of(fifo, outside, root)) {
            String says = corpus == fifo ? "is not a regular file" : "is a symbolic link";
            assertOneLine(says, Runs.cli("verify", corpus.toString()));
            assertOneLine(says, Runs.cli("show", corpus.toString()));
            assertOneLine(says, Runs.cli("stats", corpus.toString()));
        }
        // the corpus directory itself may be a link
        Path linked = tmp.resolve("linked-corpus");
        Files.createSymbolicLink(linked, good);
        assertEquals(0, Runs.cli("verify", linked.toString()).exit());
    }

    /** Issue 12, item 11: what a user can break gives one line, never a trace. */
    @Test
    void inspectOfANonGzipGzShowOfACutShardAndABadEodTokenEachGiveOneLine() throws Exception {
        Path notGzip = tmp.resolve("not-gzip.jsonl.gz");
        Files.writeString(notGzip, "{\"text\": \"gzip ではない\"}\n");
        Runs.Cli inspect = Runs.cli("inspect", notGzip.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("\"reason\":\"open-error\""), inspect.out());

        Path cut = copy("cut");
        Path shard = cut.resolve("shards/part-00000.parquet");
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Runs.Cli show = Runs.cli("show", cut.toString(), "--limit", "0");
        assertEquals(1, show.exit());
        assertEquals(1, show.errLines().size(), show.err());
        assertTrue(show.err().contains("shards/part-00000.parquet cannot be read"), show.err());

        Path out = tmp.resolve("bad-eod");
        Runs.Cli run = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(), "--output",
                out.toString(), "--set", "output.megatron.eod_token=NOT-A-TOKEN");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("output.megatron.eod_token"), run.err());
        assertFalse(Files.exists(out), "refused before the output directory was touched");
    }

    /** Issue 12, item 9: files outside the folders a corpus has are strays too. */
    @Test
    void strayFilesAnywhereInTheCorpusDirectoryAreReported() throws Exception {
        Path damaged = copy("strays");
        Files.writeString(damaged.resolve("stray.txt"), "stray");
        Files.createDirectories(damaged.resolve("extra"));
        Files.writeString(damaged.resolve("extra/part-00000.parquet"), "stray");
        Runs.Cli v = Runs.cli("verify", damaged.toString());
        assertEquals(1, v.exit());
        assertTrue(v.errLines().contains("verify: stray.txt: not listed in the manifest"), v.err());
        assertTrue(v.errLines().contains("verify: extra/part-00000.parquet: not listed in the manifest"), v.err());
    }

    @Test
    void aMissingShardAnUnlistedFileAndAWrongCountAreEachReported() throws Exception {
        Path damaged = copy("missing");
        Files.delete(damaged.resolve("shards/part-00000.parquet"));
        Files.writeString(damaged.resolve("shards/part-09999.parquet"), "stray");
        String manifest = Files.readString(damaged.resolve("manifest.json"), StandardCharsets.UTF_8);
        Files.writeString(damaged.resolve("manifest.json"),
                manifest.replaceFirst("\"records_read\" : (\\d+)", "\"records_read\" : 1$1"));
        List<String> lines = Runs.cli("verify", damaged.toString()).errLines();
        assertTrue(lines.contains("verify: shards/part-00000.parquet: missing"), lines.toString());
        assertTrue(lines.contains("verify: shards/part-09999.parquet: not listed in the manifest"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("verify: totals.records_read is 1")), lines.toString());
    }

    @Test
    void aDirectoryWithoutManifestIsNotAFinishedCorpus() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("unfinished"));
        assertOneLine("/unfinished/manifest.json not found: not a corpus, or the run did not finish",
                Runs.cli("verify", empty.toString()));
        // a run interrupted there (its marker left): verify says how to finish it (issue 47)
        Files.writeString(empty.resolve("_unfinished"), "");
        assertOneLine("a run was interrupted there (its _unfinished marker is there): the same run command with "
                + "--resume finishes it", Runs.cli("verify", empty.toString()));
    }

    @Test
    void userErrorsPrintOneLineAndExitTwo() throws Exception {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, CONFIG);
        Path typo = tmp.resolve("typo.yaml");
        Files.writeString(typo, CONFIG.replace("min_chars", "min_char"));
        Path missingInput = tmp.resolve("missing.yaml");
        Files.writeString(missingInput, CONFIG.replace("recitation_transcript_utf8.txt", "nothing-here-*.txt"));
        String out = tmp.resolve("cli-out").toString();

        assertOneLine("no such file", Runs.cli("run", "--config", tmp.resolve("absent.yaml").toString(), "--output", out));
        assertOneLine("stages[1] (length-ratio): unknown key 'min_char' (did you mean min_chars?)", Runs.cli("run", "--config", typo.toString(), "--output", out));
        assertOneLine("input not found: sample/ita/nothing-here-*.txt",
                Runs.cli("run", "--config", missingInput.toString(), "--output", out));
        assertOneLine("Missing required option: '--output=DIR'", Runs.cli("run", "--config", config.toString()));
        assertOneLine("unknown option '--colour'", Runs.cli("run", "--config", config.toString(), "--output", out, "--colour"));
        // a typo names what was typed and the closest option or command, not the required option it was meant to be
        assertOneLine("run: unknown option '--confg' (did you mean --config?)",
                Runs.cli("run", "--confg", config.toString(), "--output", out));
        assertOneLine("unknown command 'runn' (did you mean run?)", Runs.cli("runn", "--config", config.toString()));
        assertOneLine("run: --config needs a value (FILE)", Runs.cli("run", "--config"));
        assertOneLine("already exists and is not empty",
                Runs.cli("run", "--config", config.toString(), "--output", good.toString()));
        assertOneLine("--limit must be 0 (all) or more", Runs.cli("show", good.toString(), "--limit", "-1"));
        assertOneLine("--resume keeps the output directory's checkpoint, --overwrite deletes it",
                Runs.cli("run", "--config", config.toString(), "--output", out, "--resume", "--overwrite"));
        assertOneLine("--dp-size must be 1 or more, got 0",
                Runs.cli("run", "--config", config.toString(), "--output", out, "--dp-size", "0"));
        assertOneLine("--resume: " + good + " holds a finished corpus",
                Runs.cli("run", "--config", config.toString(), "--output", good.toString(), "--resume"));
        assertOneLine("output.dp_size: ", Runs.cli("run", "--config", config.toString(), "--output", out,
                "--set", "output.dp_size=many"));
        assertOneLine("unknown key 'no_such_key'", Runs.cli("run", "--config", config.toString(), "--output", out,
                "--set", "output.no_such_key=1"));
        assertFalse(Files.exists(Path.of(out, "manifest.json")));
    }

    /** Issue 27: a manifest may not send verify or show outside the corpus; --overwrite never takes a user's file. */
    @Test
    void aManifestPathOutsideTheCorpusAndAUsersOwnReadmeAreLeftAlone() throws Exception {
        Path escaping = copy("escaping");
        Path manifest = escaping.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"shards/part-00000.parquet\"",
                "\"shards/../../good/shards/part-00000.parquet\""));
        for (String command : List.of("verify", "show", "stats")) {
            assertOneLine("the file path \"shards/../../good/shards/part-00000.parquet\" leaves or bends the corpus",
                    Runs.cli(command, escaping.toString()));
        }
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, CONFIG);
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("README.md"), "my notes\n");
        Files.createDirectories(mine.resolve("shards"));
        assertOneLine("holds README.md and 1 more, which corpusforge did not write (no run of it left a manifest there)",
                Runs.cli("run", "--config", config.toString(), "--output", mine.toString(), "--overwrite"));
        assertEquals("my notes\n", Files.readString(mine.resolve("README.md")));
        assertTrue(Files.isDirectory(mine.resolve("shards")));
        // a finished corpus is replaced, and a run's unfinished marker goes when its manifest is written
        Path again = copy("again");
        Runs.Cli replaced = Runs.cli("run", "--config", config.toString(), "--output", again.toString(), "--overwrite");
        assertEquals(0, replaced.exit(), replaced.err());
        assertFalse(Files.exists(again.resolve(OutputDirectory.UNFINISHED)));
        assertEquals(List.of(), Runs.problems(again));
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("run", "verify", "show", "stats", "tokenize")) {
            Runs.Cli help = Runs.cli(command, "--help");
            assertEquals(0, help.exit());
            assertTrue(help.out().startsWith("Usage: corpusforge " + command), help.out());
        }
        assertTrue(Runs.cli("--help").out().contains("verify"));
        // the formats --input may force are the registry's
        String run = Runs.cli("run", "--help").out().replaceAll("\\s+", " ");
        assertTrue(run.contains("(" + String.join(", ", org.corpusforge.core.source.InputFormats.names()) + ";"), run);
        assertTrue(run.contains("parquet") && run.contains("pdf"), run);
    }

    @Test
    void benchmarksAndEvaluationsAreTheirOwnCommandGroups() {
        String help = Runs.cli("--help").out();
        assertTrue(help.contains("  bench ") && help.contains("  eval "), help);
        // no benchmark or evaluation among the product's commands
        assertFalse(help.lines().anyMatch(l -> l.matches("  (bench-|eval-|train-)\\S*.*")), help);
        for (String[] command : List.of(new String[] {"bench", "stages"}, new String[] {"bench", "pipeline"},
                new String[] {"eval", "pii"}, new String[] {"eval", "train-toxicity"})) {
            Runs.Cli sub = Runs.cli(command[0], command[1], "--help");
            assertEquals(0, sub.exit(), sub.err());
            assertTrue(sub.out().startsWith("Usage: corpusforge " + command[0] + " " + command[1]), sub.out());
        }
        assertOneLine("unknown command 'bench-dedup' (it is 'bench dedup' now)", Runs.cli("bench-dedup", "--pairs", "x"));
        Runs.Cli bare = Runs.cli("bench");
        assertEquals(2, bare.exit());
        assertTrue(bare.err().startsWith("bench: name a benchmark: pipeline, stages"), bare.err());
    }

    @Test
    void everyShippedConfigurationParses() throws Exception {
        try (var configs = java.nio.file.Files.list(Runs.repo().resolve("conf"))) {
            List<Path> yamls = configs.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(yamls.size() >= 8, yamls.toString());
            for (Path yaml : yamls) {
                Runs.config(java.nio.file.Files.readString(yaml));
            }
        }
    }

    private static void assertOneLine(String expected, Runs.Cli result) {
        assertEquals(2, result.exit(), result.out() + result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains(expected), result.err());
    }
}
