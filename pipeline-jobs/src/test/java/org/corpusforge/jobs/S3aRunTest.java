package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.PartCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample from s3a to s3a through a real S3 server (s3proxy), with the model read from s3a too: written through
 * the S3A magic committer, byte-identical to the same run written to a local directory, verified on s3a, and
 * with the secret key in no manifest, file or error message.
 */
@ExtendWith(SharedSpark.class)
class S3aRunTest {
    static S3Server s3;
    static Configuration conf;
    @TempDir
    static Path tmp;
    static Path config;
    static Runs.Cli s3aRun;
    static Runs.Cli localRun;

    @BeforeAll
    static void runToS3aAndToLocal() throws Exception {
        s3 = new S3Server("corpus");
        conf = SharedSpark.session().sparkContext().hadoopConfiguration();
        s3.configure(conf);
        FileSystem fs = new org.apache.hadoop.fs.Path("s3a://corpus/").getFileSystem(conf);
        for (String p : List.of("sample/aozora", "sample/ita", "conf/tokenizer", "conf/models")) {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(Runs.repo().resolve(p).toUri()),
                    new org.apache.hadoop.fs.Path("s3a://corpus/in/" + p));
        }
        String yaml = Files.readString(Runs.repo().resolve("conf/sample.yaml"))
                .replace("path: sample/", "path: s3a://corpus/in/sample/")
                .replace("model: conf/tokenizer/", "model: s3a://corpus/in/conf/tokenizer/")
                // a stage's model file on s3a too: the driver reads it and hands it to the executors
                .replace("    lexicon_coverage: 0.05", "    model: s3a://corpus/in/conf/models/toxicity-ja.model\n"
                        + "    lexicon_coverage: 0.05")
                // a credential in the config file must not reach the manifest either
                + "\n  spark.hadoop.fs.s3a.secret.key: \"" + S3Server.SECRET_KEY + "\"\n";
        assertTrue(yaml.contains("s3a://corpus/in/sample/aozora") && yaml.contains("s3a://corpus/in/conf/tokenizer"));
        config = tmp.resolve("s3a.yaml");
        Files.writeString(config, yaml);
        s3aRun = Runs.cli("run", "--config", config.toString(), "--output", "s3a://corpus/out/run");
        localRun = Runs.cli("run", "--config", config.toString(), "--output", tmp.resolve("local").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        for (String key : s3.s3aSettings().keySet()) {
            conf.unset(key);
        }
        s3.close();
    }

    @Test
    void theRunWritesAVerifiedCorpusToS3a() {
        assertEquals(0, s3aRun.exit(), s3aRun.err());
        assertEquals(List.of(), CorpusVerifier.problems("s3a://corpus/out/run", conf));
        Manifest m = OutputDirectory.readManifest("s3a://corpus/out/run", conf);
        // the shipped toxicity classifier, switched on here from s3a, drops 8 works the sample's lexicon alone keeps
        assertEquals(280, m.totals().kept());
        assertTrue(m.inputs().stream().allMatch(i -> i.uri().startsWith("s3a://corpus/in/sample/")));
        assertEquals("s3a://corpus/in/conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model", m.tokenizer().location());
        assertEquals("s3a://corpus/in/conf/models/toxicity-ja.model", m.stageDetails().get("toxicity").get("model"));
        assertEquals(org.corpusforge.core.model.Hashing.sha256Hex(Runs.bytesUnchecked(
                Runs.repo().resolve("conf/models/toxicity-ja.model"))), m.stageDetails().get("toxicity").get("model_sha256"));
    }

    @Test
    void theCorpusOnS3aIsItselfAParquetInputReadAtRandomThroughS3a() throws Exception {
        assertEquals(0, s3aRun.exit(), s3aRun.err());
        Manifest written = OutputDirectory.readManifest("s3a://corpus/out/run", conf);
        Path again = Files.writeString(tmp.resolve("again.yaml"), "inputs: [{path: s3a://corpus/out/run/shards}]\n"
                + "stages: []\n");
        Runs.Cli reread = Runs.cli("run", "--config", again.toString(), "--output", tmp.resolve("again").toString());
        assertEquals(0, reread.exit(), reread.err());
        Manifest m = OutputDirectory.readManifest(tmp.resolve("again").toString(), new Configuration());
        assertEquals(written.totals().kept(), m.totals().recordsRead());
        assertEquals(written.totals().kept(), m.totals().kept());
        assertEquals(written.totals().textBytes(), m.totals().textBytes());
        assertTrue(m.inputs().stream().allMatch(i -> i.uri().startsWith("s3a://corpus/out/run/shards/part-")),
                m.inputs().toString());
    }

    @Test
    void theCommitterLeavesOnlyTheListedFiles() throws Exception {
        List<String> names = new ArrayList<>();
        FileSystem fs = new org.apache.hadoop.fs.Path("s3a://corpus/out/run").getFileSystem(conf);
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(new org.apache.hadoop.fs.Path("s3a://corpus/out/run"), true);
        while (files.hasNext()) {
            names.add(files.next().getPath().toUri().getPath().substring("/out/run/".length()));
        }
        Manifest m = OutputDirectory.readManifest("s3a://corpus/out/run", conf);
        List<String> expected = new ArrayList<>(List.of("manifest.json", m.card().path()));
        m.shards().forEach(f -> expected.add(f.path()));
        m.megatron().files().forEach(f -> expected.add(f.path()));
        m.searchIndex().allFiles().forEach(f -> expected.add(f.path()));
        m.report().forEach(f -> expected.add(f.path()));
        m.quarantine().forEach(f -> expected.add(f.path()));
        m.stageFiles().values().forEach(listed -> listed.forEach(f -> expected.add(f.path())));
        assertEquals(expected.stream().sorted().toList(), names.stream().sorted().toList(),
                "no __magic directory, no _SUCCESS, no pending or partial file");
        // the parts went through the magic committer: uploads made pending under __magic, completed at job commit
        var counters = ((org.apache.hadoop.fs.statistics.IOStatisticsSource) fs).getIOStatistics().counters();
        assertTrue(counters.getOrDefault("committer_magic_files_created", 0L) >= m.shards().size(), counters.toString());
        assertTrue(counters.getOrDefault("committer_commits_completed", 0L) >= m.shards().size(), counters.toString());
    }

    @Test
    void shardsWrittenThroughTheCommitterEqualThoseWrittenToADirectory() throws Exception {
        assertEquals(0, localRun.exit(), localRun.err());
        Manifest s3a = OutputDirectory.readManifest("s3a://corpus/out/run", conf);
        Manifest local = OutputDirectory.readManifest(tmp.resolve("local").toString(), new Configuration());
        assertEquals(local.shards(), s3a.shards());
        assertEquals(local.megatron(), s3a.megatron());
        for (Manifest.FileEntry shard : s3a.shards()) {
            try (InputStream in = HadoopFiles.open("s3a://corpus/out/run/" + shard.path(), conf)) {
                assertArrayEquals(Files.readAllBytes(tmp.resolve("local").resolve(shard.path())), in.readAllBytes());
            }
        }
    }

    @Test
    void theSecretKeyIsInNoManifestAndNoErrorMessage() throws Exception {
        byte[] manifest = HadoopFiles.readAll("s3a://corpus/out/run/manifest.json", conf);
        String json = new String(manifest, StandardCharsets.UTF_8);
        assertFalse(json.contains(S3Server.SECRET_KEY), "the manifest holds the secret");
        assertTrue(json.contains("\"spark.hadoop.fs.s3a.secret.key\" : \"*** redacted ***\""), json);
        assertFalse(s3aRun.out().contains(S3Server.SECRET_KEY) || s3aRun.err().contains(S3Server.SECRET_KEY));
        String card = new String(HadoopFiles.readAll("s3a://corpus/out/run/README.md", conf), StandardCharsets.UTF_8);
        assertTrue(card.contains("path: shards/*.parquet"), card);
        assertFalse(card.contains(S3Server.SECRET_KEY) || card.contains(S3Server.ACCESS_KEY), "the card holds a credential");

        // a bucket that does not exist: the error names the problem, never the credentials
        Runs.Cli missing = Runs.cli("run", "--config", config.toString(), "--output", "s3a://no-such-bucket/out");
        assertEquals(2, missing.exit(), missing.err());
        assertEquals(1, missing.errLines().size(), missing.err());
        assertTrue(missing.err().contains("no-such-bucket"), missing.err());
        assertFalse(missing.err().contains(S3Server.SECRET_KEY), missing.err());
    }

    @Test
    void theDirectoryCommitterWritesTheSameShards() throws Exception {
        Runs.Cli staged;
        try {
            conf.set(PartCommit.COMMITTER_KEY, "directory");
            staged = Runs.cli("run", "--config", config.toString(), "--output", "s3a://corpus/out/staged");
        } finally {
            conf.unset(PartCommit.COMMITTER_KEY);
        }
        assertEquals(0, staged.exit(), staged.err());
        assertEquals(List.of(), CorpusVerifier.problems("s3a://corpus/out/staged", conf));
        Manifest magic = OutputDirectory.readManifest("s3a://corpus/out/run", conf);
        Manifest directory = OutputDirectory.readManifest("s3a://corpus/out/staged", conf);
        assertEquals(magic.shards(), directory.shards());
        assertEquals(magic.megatron(), directory.megatron());
    }

    @Test
    void theRenameCommitterIsRefusedInOneLine() {
        Runs.Cli renamed;
        try {
            conf.set(PartCommit.COMMITTER_KEY, "file");
            renamed = Runs.cli("run", "--config", config.toString(), "--output", "s3a://corpus/out/renamed");
        } finally {
            conf.unset(PartCommit.COMMITTER_KEY);
        }
        assertEquals(2, renamed.exit());
        assertEquals(List.of("corpusforge: error: fs.s3a.committer.name=file: corpusforge writes s3a outputs through "
                + "the magic or directory committer only, never by rename"), renamed.errLines());
    }
}
