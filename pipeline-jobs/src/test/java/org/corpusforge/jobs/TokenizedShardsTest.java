package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.jobs.io.MegatronIndex;
import org.corpusforge.jobs.io.ParquetJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample through the tokenizer: token counts in shards and manifest, shards in a multiple of --dp-size, and
 * Megatron files read back by a Java reader, by a Python reader in the manner of Megatron's MMapIndexedDataset,
 * and by verify.
 */
@ExtendWith(SharedSpark.class)
class TokenizedShardsTest {
    static final String MODEL = "conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model";
    @TempDir
    static Path tmp;
    static Path perShard;
    static Path merged;
    static Runs.Cli perShardRun;
    static Manifest perShardManifest;
    static Manifest mergedManifest;

    @BeforeAll
    static void runBothLayouts() throws Exception {
        Path sample = Runs.repo().resolve("conf/sample.yaml");
        perShard = tmp.resolve("per-shard");
        perShardRun = Runs.cli("run", "--config", sample.toString(), "--output", perShard.toString(), "--dp-size", "4");
        perShardManifest = ManifestJson.fromBytes(Files.readAllBytes(perShard.resolve("manifest.json")));

        String yaml = Files.readString(sample).replace("write_ids: false", "write_ids: true")
                .replace("layout: per-shard", "layout: merged");
        assertTrue(yaml.contains("write_ids: true") && yaml.contains("layout: merged"), "the sample config changed");
        Path config = tmp.resolve("merged.yaml");
        Files.writeString(config, yaml);
        merged = tmp.resolve("merged");
        Runs.Cli run = Runs.cli("run", "--config", config.toString(), "--output", merged.toString());
        assertEquals(0, run.exit(), run.err());
        mergedManifest = ManifestJson.fromBytes(Files.readAllBytes(merged.resolve("manifest.json")));
    }

    @Test
    void theShardCountIsAMultipleOfTheDataParallelSizeFromTheCommandLine() {
        assertEquals(0, perShardRun.exit(), perShardRun.err());
        Manifest.ShardPlan plan = perShardManifest.shardPlan();
        assertEquals("tokens", plan.unit());
        assertEquals(4, plan.dpSize());
        assertEquals(4, perShardManifest.config().path("output").path("dp_size").asInt());
        assertEquals(0, perShardManifest.shards().size() % 4);
        assertTrue(plan.spread() <= 0.02, "spread " + plan.spread());
        assertEquals(2, mergedManifest.shardPlan().dpSize(), "the sample config's own dp_size");
    }

    @Test
    void tokenCountsInTheShardsAddUpToTheManifest() {
        List<Row> bySource = SharedSpark.session().read().parquet(perShard.resolve("shards").toString())
                .groupBy("source").agg(Map.of("token_count", "sum")).collectAsList();
        Map<String, Long> sums = new TreeMap<>();
        bySource.forEach(r -> sums.put(r.getString(0), r.getLong(1)));
        assertEquals(perShardManifest.totals().tokensBySource(), sums);
        assertEquals(Map.of("book", 255_411L, "transcript", 3_110L), sums, "the sample's token counts changed");
        assertEquals(0, SharedSpark.session().read().parquet(perShard.resolve("shards").toString())
                .filter("token_count is null").count());
        Manifest.TokenizerInfo tokenizer = perShardManifest.tokenizer();
        assertEquals("sentencepiece", tokenizer.kind());
        assertEquals(98_452, tokenizer.vocabularySize());
        assertEquals("e4a4443f017ce00a1f1eb8432c3cda47227fa713964458f9f53499357421b45d", tokenizer.sha256());
    }

    @Test
    void aJavaReaderOfTheMergedMegatronFilesFindsTheShardsTokenIdsInOrder() throws Exception {
        Manifest.Megatron megatron = mergedManifest.megatron();
        assertEquals("int32", megatron.dtype());
        assertEquals(2, megatron.eodId());
        assertEquals(List.of("megatron/corpus.bin", "megatron/corpus.idx"),
                megatron.files().stream().map(Manifest.FileEntry::path).toList());
        assertFalse(Files.exists(merged.resolve("megatron/_parts")), "the parts are gone after the merge");

        MegatronIndex index = MegatronIndex.parse(Files.readAllBytes(merged.resolve("megatron/corpus.idx")));
        ByteBuffer bin = ByteBuffer.wrap(Files.readAllBytes(merged.resolve("megatron/corpus.bin")))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<JsonNode> rows = new ArrayList<>();
        for (Manifest.FileEntry shard : mergedManifest.shards()) {
            ParquetJson.forEachRow(merged.resolve(shard.path()).toString(), new Configuration(), 0, rows::add);
        }
        assertEquals(mergedManifest.totals().kept(), rows.size());
        assertEquals(rows.size(), index.lengths().length);
        for (int d = 0; d < rows.size(); d++) {
            JsonNode ids = rows.get(d).get("token_ids");
            assertEquals(rows.get(d).get("token_count").asInt(), ids.size());
            assertEquals(ids.size() + 1, index.lengths()[d], "document " + d);
            bin.position(Math.toIntExact(index.pointer(d)));
            for (int t = 0; t < ids.size(); t++) {
                assertEquals(ids.get(t).asInt(), bin.getInt(), "document " + d + " token " + t);
            }
            assertEquals(2, bin.getInt(), "document " + d + " ends with </s>");
        }
        assertFalse(bin.hasRemaining());
    }

    @Test
    void aNumpyReaderInTheMannerOfMegatronAgreesWithTheReferenceTokenizerForBothLayouts() throws Exception {
        for (Path corpus : List.of(perShard, merged)) {
            Runs.Cli show = Runs.cli("show", corpus.toString(), "--limit", "0");
            assertEquals(0, show.exit(), show.err());
            Path rows = tmp.resolve(corpus.getFileName() + "-rows.jsonl");
            Files.writeString(rows, show.out(), StandardCharsets.UTF_8);
            PythonReference.Result r = PythonReference.script("read-megatron.py", null, corpus.toString(),
                    "--rows", rows.toString(), "--model", Runs.repo().resolve(MODEL).toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("megatron: OK: 288 documents, "), r.out());
        }
    }

    @Test
    void verifyComparesTheMegatronFilesAndTokenCountsWithTheShards() throws Exception {
        assertEquals(List.of(), Runs.problems(perShard));
        assertEquals(List.of(), Runs.problems(merged));
        Runs.Cli ok = Runs.cli("verify", perShard.toString());
        assertTrue(ok.out().contains("258521 tokens") && ok.out().contains("Megatron files match the shards"), ok.out());

        // two valid indexes swapped, with checksums to match: only the comparison with the shards can tell
        Path swapped = copy(perShard, tmp.resolve("swapped"));
        Path idx0 = swapped.resolve("megatron/part-00000.idx");
        Path idx1 = swapped.resolve("megatron/part-00001.idx");
        byte[] first = Files.readAllBytes(idx0);
        Files.write(idx0, Files.readAllBytes(idx1));
        Files.write(idx1, first);
        rewriteManifest(swapped, m -> {
            for (JsonNode f : m.path("megatron").path("files")) {
                String path = f.path("path").asText();
                if (path.endsWith(".idx")) {
                    byte[] bytes = readQuietly(swapped.resolve(path));
                    ((ObjectNode) f).put("bytes", bytes.length).put("sha256", Hashing.sha256Hex(bytes));
                }
            }
        });
        List<String> problems = Runs.problems(swapped);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("megatron/part-00000.idx: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("megatron/part-00000.bin: ")), problems.toString());

        // token counts moved between two shards keep every total, but not the shards' own sums
        Path moved = copy(perShard, tmp.resolve("moved"));
        rewriteManifest(moved, m -> {
            ObjectNode a = (ObjectNode) m.path("shards").get(0);
            ObjectNode b = (ObjectNode) m.path("shards").get(1);
            a.put("tokens", a.path("tokens").asLong() + 5);
            b.put("tokens", b.path("tokens").asLong() - 5);
        });
        problems = Runs.problems(moved);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("shards/part-00000.parquet: token_count sums to ")),
                problems.toString());
    }

    @Test
    void verifyRetokenizesWithTheManifestsModelAndChecksItIsTheSameModel() throws Exception {
        Runs.Cli all = Runs.cli("verify", merged.toString(), "--retokenize", "0");
        assertEquals(0, all.exit(), all.err());
        assertTrue(all.out().contains("token counts equal the tokenizer's"), all.out());

        Path otherModel = copy(perShard, tmp.resolve("other-model"));
        Path v22 = tmp.resolve("not-the-model.model");
        Files.write(v22, Files.readAllBytes(Runs.repo().resolve(MODEL)), java.nio.file.StandardOpenOption.CREATE_NEW);
        Files.write(v22, new byte[] {0x1a, 0x00}, java.nio.file.StandardOpenOption.APPEND); // one more empty field
        rewriteManifest(otherModel, m -> ((ObjectNode) m.path("tokenizer")).put("location", v22.toString()));
        Runs.Cli changed = Runs.cli("verify", otherModel.toString(), "--retokenize", "5");
        assertEquals(1, changed.exit(), changed.out() + changed.err());
        assertTrue(changed.err().contains("the model changed since the run"), changed.err());
    }

    @Test
    void statsSummarisesTheCorpusFromItsManifest() {
        Runs.Cli stats = Runs.cli("stats", perShard.toString());
        assertEquals(0, stats.exit(), stats.err());
        assertTrue(stats.out().contains("tokenizer:   llm-jp-tokenizer-100k-ver3.1 (sentencepiece, 98,452 entries"),
                stats.out());
        assertTrue(stats.out().contains("tokens:      258,521; by source: book 255,411 (98.8 %), transcript 3,110 (1.2 %)"),
                stats.out());
        assertTrue(stats.out().contains("by tokens, target 100,000 per shard, dp_size 4 (a multiple)"), stats.out());
        assertTrue(stats.out().contains("megatron:    per-shard, int32 tokens, end of document </s> (2)"), stats.out());
    }

    @Test
    void aBadTokenizerSettingIsOneLine() throws Exception {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "inputs: [{path: sample/ita/recitation_transcript_utf8.txt}]\n"
                + "tokenizer: {model: conf/tokenizer/nope.model}\n");
        Runs.Cli missing = Runs.cli("run", "--config", config.toString(), "--output", tmp.resolve("bad").toString());
        assertEquals(2, missing.exit());
        assertEquals(List.of("corpusforge: error: tokenizer.model conf/tokenizer/nope.model: no such file"),
                missing.errLines());

        Files.writeString(config, "inputs: [{path: sample/ita/recitation_transcript_utf8.txt}]\n"
                + "output: {megatron: {enabled: true}}\n");
        Runs.Cli noTokenizer = Runs.cli("run", "--config", config.toString(), "--output", tmp.resolve("bad").toString());
        assertEquals(2, noTokenizer.exit());
        assertEquals(List.of("corpusforge: error: " + config + ": output.megatron: needs token ids, so a tokenizer "
                + "(tokenizer.model)"), noTokenizer.errLines());
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static byte[] readQuietly(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void rewriteManifest(Path corpus, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(corpus.resolve("manifest.json").toFile());
        edit.accept(manifest);
        json.writerWithDefaultPrettyPrinter().writeValue(corpus.resolve("manifest.json").toFile(), manifest);
    }
}
