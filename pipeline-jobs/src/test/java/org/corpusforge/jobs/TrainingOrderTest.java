package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.corpusforge.jobs.io.MegatronIndex;
import org.corpusforge.search.training.TrainingOrder;
import org.corpusforge.search.training.TrainingSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iterations that read each document, computed in Java, against megatron-core's own dataset code (0.20, vendored
 * in scripts/megatron-reference, run by scripts/megatron-schedule-reference.py with numpy and torch) on the sample
 * corpus's Megatron files: one prefix; a blend of the corpus's two; a blend with a third prefix the Java side is not
 * given (only the weights matter); runs of one epoch, of several with the last epoch apart and of several with it
 * shuffled in; another seed. Every document's iterations must be the same.
 */
class TrainingOrderTest {
    @TempDir
    static Path tmp;
    static Path out;
    static Map<String, int[]> sizes = new HashMap<>();

    static String python() {
        String python = System.getenv("CORPUSFORGE_MEGATRON_PYTHON");
        if (python == null) {
            Path venv = Runs.repo().resolve(".venv-megatron/bin/python");
            python = Files.isExecutable(venv) ? venv.toString() : null;
        }
        if (python == null) {
            String why = "no Python with numpy, torch and pybind11 (scripts/python-venv.sh .venv-megatron "
                    + "scripts/megatron-requirements.txt)";
            if (System.getenv("CORPUSFORGE_REQUIRE_MEGATRON") != null) {
                fail(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        return python;
    }

    @BeforeAll
    static void corpus() throws IOException {
        out = tmp.resolve("sample");
        Runs.Cli run = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", out.toString());
        assertEquals(0, run.exit(), run.err());
        for (String part : List.of("part-00000", "part-00001")) {
            sizes.put(part, MegatronIndex.parse(Files.readAllBytes(out.resolve("megatron/" + part + ".idx"))).lengths());
        }
        // a prefix of another corpus in the blend: the Java side is not given its files
        Files.copy(out.resolve("megatron/part-00001.idx"), tmp.resolve("other.idx"));
        Files.copy(out.resolve("megatron/part-00001.bin"), tmp.resolve("other.bin"));
        Files.copy(out.resolve("megatron/part-00001.idx"), tmp.resolve("part-00000.idx"));
    }

    @Test
    void onePrefixOverSeveralEpochs() throws Exception {
        assertSame("part-00000", "90,10,0", 512, 8, 100, 1234, List.of("part-00000"));
    }

    @Test
    void onePrefixWithinOneEpoch() throws Exception {
        assertSame("part-00000", "97,3", 256, 4, 20, 1234, List.of("part-00000"));
    }

    @Test
    void aBlendOfTheCorpusAndAnotherPrefix() throws Exception {
        assertSame("0.5 part-00000 0.2 part-00001 0.3 " + tmp.resolve("other"), "90,10,0", 128, 16, 90, 7,
                List.of("part-00000", "part-00001"));
    }

    @Test
    void aBlendWhoseLastEpochIsShuffledApart() throws Exception {
        // many epochs of a small share: the final one is less than 80 % used for one of the weights tried
        boolean[] seen = new boolean[2];
        for (int iterations : new int[] {37, 130, 190}) {
            Map<Integer, TrainingOrder.PrefixReads> reads = assertSame("3 part-00000 1 part-00001", "98,2", 200, 8,
                    iterations, 99, List.of("part-00000", "part-00001"));
            reads.values().forEach(r -> {
                if (r.epochs() > 1) {
                    seen[r.separateFinalEpoch() ? 1 : 0] = true;
                }
            });
        }
        assertTrue(seen[0] && seen[1], "both ways of shuffling the last epoch were compared");
    }

    /**
     * {@code schedule DIR} records, per document, what megatron-core's order gives (the reference's lines mapped to
     * shard rows), lists and verifies it, and search shows it with every hit; settings that do not fit the corpus are
     * one line and exit 2.
     */
    @Test
    void scheduleRecordsTheIterationsAndSearchShowsThem() throws Exception {
        Path corpus = tmp.resolve("scheduled");
        CorpusSearchTest.copyTree(out, corpus);
        String blend = "0.6 /elsewhere/part-00000 0.3 /elsewhere/part-00001 0.1 /elsewhere/ja_wiki";
        Runs.Cli cli = Runs.cli("schedule", corpus.toString(), "--data-path", blend, "--split", "90,10,0",
                "--seq-length", "128", "--global-batch-size", "16", "--train-iters", "90", "--seed", "7");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(List.of(), Runs.problems(corpus));
        org.corpusforge.core.manifest.Manifest m = org.corpusforge.core.manifest.ManifestJson.fromBytes(
                Files.readAllBytes(corpus.resolve("manifest.json")));
        assertEquals(90, m.training().trainIterations());
        // the same blend as aBlendOfTheCorpusAndAnotherPrefix's but weights 0.6/0.3/0.1: compare with the reference
        Map<Integer, TrainingOrder.PrefixReads> expected = assertSame("0.6 part-00000 0.3 part-00001 0.1 "
                + tmp.resolve("other"), "90,10,0", 128, 16, 90, 7, List.of("part-00000", "part-00001"));
        try (org.corpusforge.search.training.TrainingIterations its = org.corpusforge.search.training
                .TrainingIterations.open(corpus.resolve("training/iterations.bin"))) {
            int rows0 = (int) m.shards().get(0).rows();
            assertEquals(rows0 + m.shards().get(1).rows(), its.documents());
            long read = 0;
            for (int d = 0; d < its.documents(); d++) {
                int[] want = d < rows0 ? expected.get(0).iterationsOf(d) : expected.get(1).iterationsOf(d - rows0);
                assertTrue(java.util.Arrays.equals(want, its.of(d)), "document " + d);
                read += want.length > 0 ? 1 : 0;
            }
            assertEquals(read, m.training().documentsRead());
        }
        try (SearchableCorpus searchable = SearchableCorpus.open(corpus.toString(), new org.apache.hadoop.conf.Configuration())) {
            var hit = searchable.search().passages("猫", 1).hits().get(0);
            int[] want = hit.document().shard().endsWith("part-00000.parquet")
                    ? expected.get(0).iterationsOf((int) hit.document().row())
                    : expected.get(1).iterationsOf((int) hit.document().row());
            assertEquals(want.length, hit.document().training().count());
            assertEquals(90, hit.document().training().of());
            assertEquals(java.util.Arrays.stream(want).limit(20).boxed().toList(), hit.document().training().iterations());
        }

        for (String[] bad : List.of(
                new String[] {"--data-path", "/elsewhere/ja_wiki", "--seq-length", "128"},
                new String[] {"--data-path", "0.5 part-00000 0.5", "--seq-length", "128"},
                new String[] {"--data-path", "part-00000", "--seq-length", "1"},
                new String[] {"--data-path", "part-00000", "--seq-length", "128", "--split", "0,1,0"},
                // a local file of the same name that is not the corpus's (another corpus's: none of this one's)
                new String[] {"--data-path", foreign().toString(), "--seq-length", "128"})) {
            List<String> args = new ArrayList<>(List.of("schedule", corpus.toString(), "--global-batch-size", "4",
                    "--train-iters", "10"));
            args.addAll(List.of(bad));
            Runs.Cli refused = Runs.cli(args.toArray(new String[0]));
            assertEquals(2, refused.exit(), String.join(" ", bad) + ": " + refused.out() + refused.err());
            assertEquals(1, refused.err().strip().lines().count(), refused.err());
        }
    }

    /**
     * Settings that can be typed but not computed (issue 42): a sequence longer than megatron-core's int32, two billion
     * samples in one batch, 5 x 10^8 samples, a million epochs of a small corpus. One line, exit 2, before anything
     * is allocated (the heap of this test's JVM, not a machine of terabytes).
     */
    @Test
    void settingsThatCannotBeComputedAreRefusedInOneLine() {
        Path corpus = out;
        for (String[] bad : List.of(
                new String[] {"--seq-length", "2147483647", "--global-batch-size", "4", "--train-iters", "10"},
                new String[] {"--seq-length", "128", "--global-batch-size", "2147483000", "--train-iters", "1"},
                new String[] {"--seq-length", "128", "--global-batch-size", "1000", "--train-iters", "500000"},
                new String[] {"--seq-length", "1000000", "--global-batch-size", "1000", "--train-iters", "1000000"})) {
            List<String> args = new ArrayList<>(List.of("schedule", corpus.toString(), "--data-path", "part-00000",
                    "--split", "90,10,0"));
            args.addAll(List.of(bad));
            Runs.Cli refused = Runs.cli(args.toArray(new String[0]));
            assertEquals(2, refused.exit(), String.join(" ", bad) + ": " + refused.out() + refused.err());
            assertEquals(1, refused.err().strip().lines().count(), refused.err());
            assertTrue(refused.err().contains(bad[1].equals("2147483647") ? "int32" : "GiB"), refused.err());
        }
    }

    /**
     * A corpus whose files claim what they do not hold (issue 42): a search index row starting past its text, a
     * training iterations file whose offsets would size a 2^31-entry array (it ended `search` out of heap), a Megatron
     * index claiming 2^31 sequences. Each is named in one line, exit 2, by the command that meets it.
     */
    @Test
    void filesOfACorpusThatClaimWhatTheyDoNotHoldAreNamedInOneLine() throws Exception {
        Path scheduled = tmp.resolve("crafted-base");
        CorpusSearchTest.copyTree(out, scheduled);
        assertEquals(0, Runs.cli("schedule", scheduled.toString(), "--data-path", "part-00000", "--split", "90,10,0",
                "--seq-length", "128", "--global-batch-size", "16", "--train-iters", "20").exit());
        record Case(String file, int offset, long value, int width, String[] command, String says) {}
        for (Case c : List.of(
                new Case("search/part-00000.csa", -16, 0x7ffffff0L, 4, new String[] {"search", "find", "猫"},
                        "a damaged index"),
                new Case("training/iterations.bin", 24, 0x7ffffff0L, 4, new String[] {"search", "find", "猫"},
                        "a damaged training iterations file"),
                new Case("megatron/part-00000.idx", 18, 0x7ffffff0L, 8, new String[] {"schedule", "--data-path",
                        "part-00000", "--split", "90,10,0", "--seq-length", "128", "--global-batch-size", "16",
                        "--train-iters", "20"},
                        "claims 2147483632 sequences"))) {
            Path corpus = tmp.resolve("crafted-" + c.file().replace('/', '-'));
            CorpusSearchTest.copyTree(scheduled, corpus);
            Path file = corpus.resolve(c.file());
            byte[] bytes = Files.readAllBytes(file);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int at = c.offset() >= 0 ? c.offset() : bytes.length + c.offset();
            if (c.width() == 8) {
                b.putLong(at, c.value());
                b.putLong(at + 8, c.value() + 1); // the document indices, one more, as a writer would claim them
            } else {
                b.putInt(at, (int) c.value());
            }
            Files.write(file, bytes);
            List<String> args = new ArrayList<>(List.of(c.command()[0], corpus.toString()));
            args.addAll(List.of(c.command()).subList(1, c.command().length));
            Runs.Cli cli = Runs.cli(args.toArray(new String[0]));
            assertEquals(2, cli.exit(), c.file() + ": " + cli.err());
            assertEquals(1, cli.err().strip().lines().count(), cli.err());
            assertTrue(cli.err().contains(c.says()), cli.err());
        }
    }

    /**
     * A blend of three corpora whose Megatron files have the same default names, given by the cluster paths a training
     * script names them by, with unequal weights, an odd batch and several epochs: {@code --corpus} says which corpus
     * each path is, and each corpus's documents get what megatron-core's own code reads of its prefixes (it read one
     * corpus for both before). Without {@code --corpus} the blend is refused, and so is a split that leaves a part of
     * a prefix empty (megatron-core hangs on it).
     */
    @Test
    void aBlendOfCorporaWithTheSameFileNamesIsReadAsMegatronCoreReadsIt() throws Exception {
        Path a = tmp.resolve("corpus-a");
        CorpusSearchTest.copyTree(out, a);
        Path b = tmp.resolve("corpus-b");
        Runs.Cli run = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(),
                "--output", b.toString(), "--set", "output.shard_target_tokens=60000");
        assertEquals(0, run.exit(), run.err());
        Path c = tmp.resolve("corpus-c");
        run = Runs.cli("run", "--config", Runs.repo().resolve("conf/sample.yaml").toString(), "--input",
                Runs.repo().resolve("sample/mixed").toString(), "--output", c.toString());
        assertEquals(0, run.exit(), run.err());
        String cluster = "0.4 /cluster/a/megatron/part-00000 0.3 /cluster/b/megatron/part-00000 "
                + "0.2 /cluster/a/megatron/part-00001 0.1 /cluster/c/megatron/part-00000";
        String[] settings = {"--split", "90,10,0", "--seq-length", "96", "--global-batch-size", "7",
                "--train-iters", "150", "--seed", "5"};
        List<String> args = new ArrayList<>(List.of("schedule", a.toString(), "--data-path", cluster,
                "--corpus", "/cluster/a=" + a, "--corpus", "/cluster/b=" + b, "--corpus", "/cluster/c=" + c));
        args.addAll(List.of(settings));
        Runs.Cli scheduled = Runs.cli(args.toArray(new String[0]));
        assertEquals(0, scheduled.exit(), scheduled.err());
        assertEquals(List.of(), Runs.problems(a));
        assertEquals(List.of(), Runs.problems(b));
        assertEquals(List.of(), Runs.problems(c));

        String local = cluster.replace("/cluster/a", a.toString()).replace("/cluster/b", b.toString())
                .replace("/cluster/c", c.toString());
        Map<String, String> reference = reference(local, settings);
        assertTrue(reference.keySet().stream().anyMatch(k -> k.startsWith("1/"))
                && reference.keySet().stream().anyMatch(k -> k.startsWith("3/")), "the other corpora are read");
        // each corpus's documents, in shard and row order, against the reference's (entry, document) pairs
        Map<String, String> recorded = new TreeMap<>();
        recordedIterations(a, Map.of(0, "megatron/part-00000", 2, "megatron/part-00001"), recorded);
        recordedIterations(b, Map.of(1, "megatron/part-00000"), recorded);
        recordedIterations(c, Map.of(3, "megatron/part-00000"), recorded);
        assertEquals(reference, recorded);
        org.corpusforge.core.manifest.Manifest mb = org.corpusforge.core.manifest.ManifestJson.fromBytes(
                Files.readAllBytes(b.resolve("manifest.json")));
        assertEquals(Map.of("/cluster/b/megatron/part-00000", "megatron/part-00000"), mb.training().prefixes());

        // the same blend without saying which corpus is which: refused, in one line
        List<String> ambiguous = new ArrayList<>(List.of("schedule", a.toString(), "--data-path", cluster));
        ambiguous.addAll(List.of(settings));
        Runs.Cli refused = Runs.cli(ambiguous.toArray(new String[0]));
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("both come to") && refused.err().contains("--corpus"), refused.err());
        // a split whose test part rounds to no document of a prefix
        List<String> emptyTest = new ArrayList<>(List.of("schedule", a.toString(), "--data-path",
                a.resolve("megatron/part-00000").toString(), "--split", "999,1,0.001", "--seq-length", "96",
                "--global-batch-size", "7", "--train-iters", "10"));
        Runs.Cli hang = Runs.cli(emptyTest.toArray(new String[0]));
        assertEquals(2, hang.exit(), hang.out() + hang.err());
        assertTrue(hang.err().contains("leaves the") && hang.err().contains("hangs"), hang.err());
    }

    /** A local prefix named part-00000 whose .idx is no file of the corpus's. */
    private static Path foreign() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("foreign"));
        byte[] idx = Files.readAllBytes(out.resolve("megatron/part-00000.idx"));
        Files.write(dir.resolve("part-00000.idx"), java.util.Arrays.copyOf(idx, idx.length + 1));
        return dir.resolve("part-00000");
    }

    /** What a scheduled corpus recorded, as "entry/document" to its iterations, for the prefixes given. */
    private static void recordedIterations(Path corpus, Map<Integer, String> entries, Map<String, String> into)
            throws Exception {
        org.corpusforge.core.manifest.Manifest m = org.corpusforge.core.manifest.ManifestJson.fromBytes(
                Files.readAllBytes(corpus.resolve("manifest.json")));
        try (org.corpusforge.search.training.TrainingIterations its = org.corpusforge.search.training
                .TrainingIterations.open(corpus.resolve("training/iterations.bin"))) {
            for (Map.Entry<Integer, String> e : entries.entrySet()) {
                String shard = "shards/" + e.getValue().substring(e.getValue().lastIndexOf('/') + 1) + ".parquet";
                long base = 0;
                long rows = 0;
                for (org.corpusforge.core.manifest.Manifest.FileEntry f : m.shards()) {
                    if (f.path().equals(shard)) {
                        rows = f.rows();
                        break;
                    }
                    base += f.rows();
                }
                for (int d = 0; d < rows; d++) {
                    int[] read = its.of((int) (base + d));
                    if (read.length > 0) {
                        into.put(e.getKey() + "/" + d, String.join(",",
                                java.util.Arrays.stream(read).mapToObj(Integer::toString).toList()));
                    }
                }
            }
        }
    }

    /** megatron-core's answer: "entry/document" to the iterations that read it. */
    private static Map<String, String> reference(String dataPath, String... settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(python(),
                Runs.repo().resolve("scripts/megatron-schedule-reference.py").toString(), "--blend", dataPath));
        command.addAll(List.of(settings));
        Path stdout = Files.createTempFile(tmp, "reference", ".tsv");
        Path stderr = Files.createTempFile(tmp, "reference", ".log");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the reference did not finish");
        }
        assertEquals(0, p.exitValue(), Files.readString(stderr));
        Map<String, String> reference = new TreeMap<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            reference.put(f[0] + "/" + f[1], f[2]);
        }
        return reference;
    }

    /** Runs both and compares every document's iterations; returns the Java answer. */
    private static Map<Integer, TrainingOrder.PrefixReads> assertSame(String blend, String split, int seqLength,
                                                                      int batch, int iterations, long seed,
                                                                      List<String> ours) throws Exception {
        String dataPath = blend.replace("part-0000", out.resolve("megatron").toString() + "/part-0000");
        TrainingSettings.DataPath parsed = TrainingSettings.parseDataPath(dataPath);
        List<String> prefixes = parsed.prefixes();
        TrainingSettings settings = new TrainingSettings(prefixes, parsed.weights(), split, seqLength, batch, iterations, seed,
                TrainingSettings.DEFAULT_SURPLUS, true);
        Map<Integer, int[]> asked = new TreeMap<>();
        for (int i = 0; i < prefixes.size(); i++) {
            String name = prefixes.get(i).substring(prefixes.get(i).lastIndexOf('/') + 1);
            if (ours.contains(name)) {
                asked.put(i, sizes.get(name));
            }
        }
        Map<Integer, TrainingOrder.PrefixReads> computed = TrainingOrder.compute(settings, asked, Long.MAX_VALUE);

        Map<String, String> reference = new TreeMap<>(reference(dataPath, "--split", split, "--seq-length",
                "" + seqLength, "--global-batch-size", "" + batch, "--train-iters", "" + iterations, "--seed", "" + seed));
        reference.keySet().removeIf(k -> !asked.containsKey(Integer.parseInt(k.substring(0, k.indexOf('/')))));
        Map<String, String> ownAnswer = new TreeMap<>();
        long pairs = 0;
        for (TrainingOrder.PrefixReads r : computed.values()) {
            for (int d = 0; d < r.documents(); d++) {
                int[] its = r.iterationsOf(d);
                if (its.length > 0) {
                    ownAnswer.put(r.prefix() + "/" + d, String.join(",",
                            java.util.Arrays.stream(its).mapToObj(Integer::toString).toList()));
                    pairs += its.length;
                }
            }
        }
        assertTrue(reference.size() > 20, "enough documents read: " + reference.size());
        assertEquals(reference, ownAnswer, blend + " split " + split + " seq " + seqLength + " batch " + batch
                + " iterations " + iterations + " seed " + seed + " (" + pairs + " document-iteration pairs)");
        return computed;
    }
}
