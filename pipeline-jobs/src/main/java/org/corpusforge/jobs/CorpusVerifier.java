package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestChecks;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.LocalFile;
import org.corpusforge.jobs.io.SearchIndexWriter;
import org.corpusforge.jobs.io.MegatronIndex;
import org.corpusforge.jobs.io.ParquetJson;
import org.corpusforge.search.CharShardIndex;
import org.corpusforge.search.CharIndexLayout;

/**
 * Checks a finished corpus against its manifest: every listed file exists with its recorded size, SHA-256 and
 * row count, no unlisted file sits among them, the accounting adds up, each shard's {@code token_count} column sums
 * to its recorded tokens, the Megatron files hold exactly the shards' documents, token for token in length, and each
 * search index holds its shard's documents, row by row in length, with sampled suffixes in order.
 * Reads files; needs no Spark.
 */
public final class CorpusVerifier {
    private CorpusVerifier() {}

    /** One line per problem; empty when the corpus is intact. */
    public static List<String> problems(String dir, Configuration conf) {
        CorpusDirectory root = CorpusDirectory.of(dir);
        Manifest manifest = OutputDirectory.readManifest(root, conf);
        List<String> problems = new ArrayList<>(ManifestChecks.accountingProblems(manifest));
        Set<String> intact = new HashSet<>();
        checkFiles(root, "shards", manifest.shards(), Kind.PARQUET, conf, problems, intact);
        checkFiles(root, "quarantine", manifest.quarantine(), Kind.LINES, conf, problems, intact);
        checkFiles(root, "dropped", manifest.dropped() == null ? List.of() : manifest.dropped(), Kind.LINES, conf,
                problems, intact);
        Map<String, int[]> tokenCounts = manifest.tokenizer() == null ? Map.of()
                : checkTokenCounts(root, manifest.shards(), intact, conf, problems);
        if (manifest.megatron() != null) {
            checkFiles(root, CorpusShards.MEGATRON, manifest.megatron().files(), Kind.OTHER, conf, problems, intact);
            checkMegatron(root, manifest, tokenCounts, intact, conf, problems);
        }
        if (manifest.searchIndex() != null) {
            checkFiles(root, SearchIndexWriter.DIRECTORY, manifest.searchIndex().allFiles(), Kind.OTHER, conf, problems,
                    intact);
            checkSearchIndex(root, manifest, intact, conf, problems);
            checkPassages(root, manifest, intact, conf, problems);
        }
        if (manifest.report() != null) {
            checkFiles(root, "report", manifest.report(), Kind.OTHER, conf, problems, intact);
        }
        if (manifest.training() != null) {
            checkFiles(root, TrainingSchedule.DIRECTORY, manifest.training().files(), Kind.OTHER, conf, problems, intact);
            checkTraining(root, manifest, intact, conf, problems);
        }
        if (manifest.card() != null) {
            checkFiles(root, "card", List.of(manifest.card()), Kind.OTHER, conf, problems, intact);
        }
        if (manifest.stageFiles() != null) {
            manifest.stageFiles().forEach((stage, files) -> checkFiles(root, "stage_files." + stage, files, Kind.LINES,
                    conf, problems, intact));
        }
        checkNothingElse(root, manifest, conf, problems);
        return problems;
    }

    /**
     * Tokenises the texts of up to {@code perShard} documents of every shard again (0: all) with the model the
     * manifest names, read from its recorded location, and compares with their {@code token_count} (and
     * {@code token_ids} when the shards have them). One line per problem.
     */
    public static List<String> retokenizeProblems(String dir, int perShard, Configuration conf) {
        CorpusDirectory root = CorpusDirectory.of(dir);
        Manifest manifest = OutputDirectory.readManifest(root, conf);
        Manifest.TokenizerInfo info = manifest.tokenizer();
        if (info == null) {
            return List.of("--retokenize: the corpus was not tokenised");
        }
        org.corpusforge.filters.tokenize.SubwordTokenizer tokenizer = Tokenization.load(
                new org.corpusforge.core.config.TokenizerSpec(info.location(), info.name(), false), conf,
                "tokenizer.location in the manifest");
        if (!tokenizer.model().sha256().equals(info.sha256())) {
            return List.of("tokenizer: " + info.location() + " has sha256 " + tokenizer.model().sha256()
                    + ", the manifest says " + info.sha256() + " (the model changed since the run)");
        }
        List<String> problems = new ArrayList<>();
        for (Manifest.FileEntry shard : manifest.shards()) {
            long[] row = {0};
            try {
                ParquetJson.forEachRow(root.resolve(shard.path()), conf, perShard, r -> {
                    int[] ids = tokenizer.encode(r.path("text").asText());
                    int[] stored = ParquetJson.tokenIds(r);
                    if (r.path("token_count").asInt(-1) != ids.length) {
                        problems.add(shard.path() + " row " + row[0] + " (" + r.path("id").asText() + "): token_count "
                                + r.path("token_count").asText() + ", the tokenizer gives " + ids.length);
                    } else if (stored != null && !java.util.Arrays.equals(ids, stored)) {
                        problems.add(shard.path() + " row " + row[0] + " (" + r.path("id").asText()
                                + "): token_ids differ from the tokenizer's");
                    }
                    row[0]++;
                });
            } catch (IOException e) {
                problems.add(shard.path() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private enum Kind { PARQUET, LINES, OTHER }

    private static void checkFiles(CorpusDirectory root, String directory, List<Manifest.FileEntry> entries, Kind kind,
                                   Configuration conf, List<String> problems, Set<String> intact) {
        for (Manifest.FileEntry entry : entries) {
            String uri = root.resolve(entry.path());
            try {
                FileStatus status = new Path(uri).getFileSystem(conf).getFileStatus(new Path(uri));
                if (status.getLen() != entry.bytes()) {
                    problems.add(entry.path() + ": " + status.getLen() + " bytes, manifest says " + entry.bytes());
                }
                String sha = HadoopFiles.sha256(uri, conf);
                if (!sha.equals(entry.sha256())) {
                    problems.add(entry.path() + ": sha256 " + sha + ", manifest says " + entry.sha256());
                    continue;
                }
                if (kind != Kind.OTHER) {
                    long rows = kind == Kind.PARQUET ? ParquetJson.rowCount(uri, conf) : countLines(uri, conf);
                    if (rows != entry.rows()) {
                        problems.add(entry.path() + ": " + rows + " rows, manifest says " + entry.rows());
                        continue;
                    }
                }
                intact.add(entry.path());
            } catch (FileNotFoundException e) {
                problems.add(entry.path() + ": missing");
            } catch (IOException | RuntimeException e) {
                problems.add(entry.path() + ": unreadable: " + e.getMessage());
            }
        }
    }

    /**
     * Every file under the corpus directory, at any depth, is the manifest, a file the manifest lists, or Hadoop's
     * checksum companion of one ({@code .NAME.crc}); the checkpoint too when the run was told to keep it.
     */
    /** The training iterations open and hold one entry per document, as many read as the manifest says. */
    private static void checkTraining(CorpusDirectory root, Manifest manifest, Set<String> intact, Configuration conf,
                                      List<String> problems) {
        if (!intact.contains(TrainingSchedule.ITERATIONS)) {
            return;
        }
        long documents = manifest.shards().stream().mapToLong(Manifest.FileEntry::rows).sum();
        try (LocalFile local = LocalFile.of(root.resolve(TrainingSchedule.ITERATIONS), conf);
             org.corpusforge.search.training.TrainingIterations its =
                     org.corpusforge.search.training.TrainingIterations.open(local.path())) {
            if (its.documents() != documents) {
                problems.add(TrainingSchedule.ITERATIONS + ": " + its.documents() + " documents, the shards hold "
                        + documents);
                return;
            }
            long read = 0;
            for (long d = 0; d < documents; d++) {
                read += its.of(d).length > 0 ? 1 : 0;
            }
            if (read != manifest.training().documentsRead()) {
                problems.add(TrainingSchedule.ITERATIONS + ": " + read + " documents read, the manifest says "
                        + manifest.training().documentsRead());
            }
        } catch (IOException | RuntimeException e) {
            problems.add(TrainingSchedule.ITERATIONS + ": cannot be read: " + e.getMessage());
        }
    }

    /** Each shard's passage index opens, and holds the passages the manifest says. */
    private static void checkPassages(CorpusDirectory root, Manifest manifest, Set<String> intact, Configuration conf,
                                      List<String> problems) {
        Manifest.Passages passages = manifest.searchIndex().passages();
        if (passages == null) {
            return;
        }
        long total = 0;
        for (Manifest.FileEntry f : passages.files()) {
            total += f.rows();
            if (!intact.contains(f.path())) {
                continue;
            }
            try (LocalFile local = LocalFile.of(root.resolve(f.path()), conf);
                 org.corpusforge.search.PassageIndex index = org.corpusforge.search.PassageIndex.openPacked(
                         List.of(local.path()))) {
                if (index.passages() != f.rows()) {
                    problems.add(f.path() + ": " + index.passages() + " passages, the manifest says " + f.rows());
                }
            } catch (IOException | RuntimeException ex) {
                problems.add(f.path() + ": the passage index cannot be opened: " + ex.getMessage());
            }
        }
        if (total != passages.count()) {
            problems.add("search: the shards' passage indexes hold " + total + " passages, the manifest says "
                    + passages.count());
        }
    }

    private static void checkNothingElse(CorpusDirectory root, Manifest manifest, Configuration conf, List<String> problems) {
        Set<String> expected = new HashSet<>();
        expected.add(OutputDirectory.MANIFEST);
        if (manifest.card() != null) {
            expected.add(manifest.card().path());
        }
        for (List<Manifest.FileEntry> entries : java.util.Arrays.asList(manifest.shards(), manifest.quarantine(),
                manifest.dropped(), manifest.megatron() == null ? null : manifest.megatron().files(),
                manifest.searchIndex() == null ? null : manifest.searchIndex().allFiles(), manifest.report(),
                manifest.training() == null ? null : manifest.training().files())) {
            if (entries != null) {
                entries.forEach(e -> expected.add(e.path()));
            }
        }
        if (manifest.stageFiles() != null) {
            manifest.stageFiles().values().forEach(files -> files.forEach(e -> expected.add(e.path())));
        }
        boolean keptCheckpoint = manifest.config() != null
                && manifest.config().path("output").path("keep_checkpoint").asBoolean(false);
        try {
            Path rootPath = new Path(root.uri());
            FileSystem fs = rootPath.getFileSystem(conf);
            String prefix = fs.makeQualified(rootPath).toUri().getPath();
            org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(rootPath, true);
            List<String> strays = new ArrayList<>();
            while (files.hasNext()) {
                String path = files.next().getPath().toUri().getPath();
                String relative = path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : path;
                String name = relative.substring(relative.lastIndexOf('/') + 1);
                String dir = relative.substring(0, relative.length() - name.length());
                boolean companion = name.startsWith(".") && name.endsWith(".crc")
                        && expected.contains(dir + name.substring(1, name.length() - 4));
                if (!expected.contains(relative) && !companion
                        && !(keptCheckpoint && relative.startsWith(OutputDirectory.CHECKPOINTS + "/"))) {
                    strays.add(relative);
                }
            }
            strays.stream().sorted().forEach(s -> problems.add(s + ": not listed in the manifest"));
        } catch (IOException e) {
            problems.add(root + ": cannot be listed: " + e.getMessage());
        }
    }

    /** The token counts of each intact shard, in row order, after checking that they sum to the manifest's. */
    private static Map<String, int[]> checkTokenCounts(CorpusDirectory root, List<Manifest.FileEntry> shards, Set<String> intact,
                                                       Configuration conf, List<String> problems) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Manifest.FileEntry shard : shards) {
            if (!intact.contains(shard.path())) {
                continue;
            }
            try {
                int[] c = ParquetJson.tokenCounts(root.resolve(shard.path()), conf);
                if (IntStream.of(c).anyMatch(n -> n < 0)) {
                    problems.add(shard.path() + ": rows without token_count in a tokenised corpus");
                    continue;
                }
                long sum = IntStream.of(c).asLongStream().sum();
                if (shard.tokens() == null || sum != shard.tokens()) {
                    problems.add(shard.path() + ": token_count sums to " + sum + ", manifest says " + shard.tokens());
                    continue;
                }
                counts.put(shard.path(), c);
            } catch (IOException e) {
                problems.add(shard.path() + ": " + e.getMessage());
            }
        }
        return counts;
    }

    /**
     * Each {@code .idx} must parse, match its {@code .bin} in size, and list, in order, the lengths of the
     * documents of its shard (or of all shards, merged): token_count plus the end-of-document token.
     */
    private static void checkMegatron(CorpusDirectory root, Manifest manifest, Map<String, int[]> tokenCounts,
                                      Set<String> intact, Configuration conf, List<String> problems) {
        Manifest.Megatron megatron = manifest.megatron();
        int eod = megatron.eodId() == null ? 0 : 1;
        List<Manifest.FileEntry> bins = megatron.files().stream().filter(f -> f.path().endsWith(".bin")).toList();
        boolean merged = "merged".equals(megatron.layout());
        if (tokenCounts.size() != manifest.shards().size()) {
            return; // the shard problems are reported already
        }
        List<int[]> expected = new ArrayList<>();
        if (merged) {
            expected.add(tokenCounts.values().stream().flatMapToInt(IntStream::of).toArray());
        } else {
            expected.addAll(tokenCounts.values());
        }
        if (bins.size() != expected.size()) {
            problems.add("megatron: " + bins.size() + " .bin files for " + expected.size() + " expected");
            return;
        }
        for (int i = 0; i < bins.size(); i++) {
            String bin = bins.get(i).path();
            String idx = bin.substring(0, bin.length() - ".bin".length()) + ".idx";
            if (!intact.contains(bin) || !intact.contains(idx)) {
                continue;
            }
            try {
                MegatronIndex index = MegatronIndex.parse(HadoopFiles.readAll(root.resolve(idx), conf));
                if (!index.type().label().equals(megatron.dtype())) {
                    problems.add(idx + ": " + index.type().label() + " tokens, manifest says " + megatron.dtype());
                }
                if (index.tokens() * index.type().width() != bins.get(i).bytes()) {
                    problems.add(bin + ": " + bins.get(i).bytes() + " bytes, its index needs "
                            + index.tokens() * index.type().width());
                }
                int[] lengths = index.lengths();
                int[] want = expected.get(i);
                if (lengths.length != want.length) {
                    problems.add(idx + ": " + lengths.length + " documents, the shards hold " + want.length);
                    continue;
                }
                for (int d = 0; d < want.length; d++) {
                    if (lengths[d] != want[d] + eod) {
                        problems.add(idx + ": document " + d + " has " + lengths[d] + " tokens, its shard row "
                                + want[d] + (eod == 1 ? " + end-of-document" : ""));
                        break;
                    }
                }
            } catch (IOException e) {
                problems.add(idx + ": " + e.getMessage());
            }
        }
    }

    /** Suffixes sampled per index file by {@code verify}; a seeded choice, so the same corpus gets the same check. */
    static final int INDEX_SAMPLES = 10_000;

    /**
     * One index per shard, in shard order, each opening as a whole index of its shard's rows, each row's text in it
     * equal to the shard row's text, and its sampled suffixes in order, inside the shard. An index of an earlier
     * format is reported, with the command that replaces it.
     */
    private static void checkSearchIndex(CorpusDirectory root, Manifest manifest, Set<String> intact, Configuration conf,
                                         List<String> problems) {
        if (!CharIndexLayout.FORMAT.equals(manifest.searchIndex().format())) {
            problems.add("search: an index of format " + manifest.searchIndex().format() + ", which this version "
                    + "does not read; rebuild it with `corpusforge index " + root + "`");
            return;
        }
        List<Manifest.FileEntry> files = manifest.searchIndex().files();
        if (files.size() != manifest.shards().size()) {
            problems.add("search: " + files.size() + " index files for " + manifest.shards().size() + " shards");
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            Manifest.FileEntry entry = files.get(i);
            Manifest.FileEntry shard = manifest.shards().get(i);
            String expectedPath = SearchIndexWriter.DIRECTORY + "/" + shardPart(shard.path()) + CharIndexLayout.EXTENSION;
            if (!entry.path().equals(expectedPath)) {
                problems.add(entry.path() + ": listed for " + shard.path() + ", expected " + expectedPath);
                continue;
            }
            if (!intact.contains(entry.path())) {
                continue;
            }
            try (LocalFile local = LocalFile.of(root.resolve(entry.path()), conf)) {
                CharShardIndex index = CharShardIndex.open(local.path());
                if (index.documents() != shard.rows() || index.documents() != entry.rows()) {
                    problems.add(entry.path() + ": " + index.documents() + " documents, " + shard.path() + " has "
                            + shard.rows());
                    continue;
                }
                if (intact.contains(shard.path())) {
                    long[] row = {0};
                    String[] differs = {null};
                    ParquetJson.forEachRow(root.resolve(shard.path()), conf, 0, r -> {
                        if (differs[0] == null && !index.row(row[0]).equals(r.path("text").asText())) {
                            differs[0] = entry.path() + ": row " + row[0] + "'s text differs from its shard row's";
                        }
                        row[0]++;
                    });
                    if (differs[0] != null) {
                        problems.add(differs[0]);
                        continue;
                    }
                }
                String damage = index.check(INDEX_SAMPLES, i);
                if (damage != null) {
                    problems.add(entry.path() + ": " + damage);
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add(entry.path() + ": " + e.getMessage());
            }
        }
    }

    private static String shardPart(String shardPath) {
        String name = shardPath.substring(shardPath.lastIndexOf('/') + 1);
        return name.endsWith(".parquet") ? name.substring(0, name.length() - ".parquet".length()) : name;
    }

    private static long countLines(String uri, Configuration conf) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = HadoopFiles.open(uri, conf)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }
}
