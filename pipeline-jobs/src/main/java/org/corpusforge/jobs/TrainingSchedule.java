package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.base.UserError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.MegatronIndex;
import org.corpusforge.search.training.TrainingIterations;
import org.corpusforge.search.training.TrainingOrder;
import org.corpusforge.search.training.TrainingSettings;

/**
 * {@code schedule DIR [--corpus PATH=DIR ...]}: when a Megatron-LM training with the given data settings reads each
 * of the corpora's documents. The training's {@code --data-path} entries are matched to the corpora's Megatron files
 * ({@link #matchPrefixes}); prefixes of other corpora in the blend need no files (their weights alone shape the
 * blend). Writes {@code training/iterations.bin} (per document,
 * in shard and row order, the iterations that read it) and {@code training/settings.json}, and lists them in the
 * manifest, so that {@code search} and {@code serve} answer without Python. No Spark: one pass over the training's
 * samples on the driver.
 */
public final class TrainingSchedule {
    public static final String DIRECTORY = "training";
    /** The share of the free heap the training indices may take; the rest is for reading the index files. */
    private static final double HEAP_SHARE = 0.6;
    public static final String ITERATIONS = DIRECTORY + "/iterations.bin";
    public static final String SETTINGS = DIRECTORY + "/settings.json";

    private TrainingSchedule() {}

    /** A corpus the schedule is written into: its directory, manifest, and Megatron prefixes by their .idx's SHA-256. */
    private record Corpus(CorpusDirectory root, Manifest manifest, Map<String, String> prefixBySha) {
        static Corpus open(String dir, Configuration conf) {
            CorpusDirectory root = CorpusDirectory.of(dir);
            Manifest manifest = OutputDirectory.readManifest(root, conf);
            if (manifest.megatron() == null) {
                throw new UserError(root + " has no Megatron files (output.megatron.enabled): no training reads it");
            }
            Map<String, String> bySha = new LinkedHashMap<>();
            for (Manifest.FileEntry f : manifest.megatron().files()) {
                if (f.path().endsWith(".idx")) {
                    bySha.put(f.sha256(), f.path().substring(0, f.path().length() - 4));
                }
            }
            return new Corpus(root, manifest, bySha);
        }

        java.util.Collection<String> prefixes() {
            return prefixBySha.values();
        }

        /** The prefix whose file name (last path component) this is, or null. */
        String byName(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            return prefixes().stream().filter(p -> p.substring(p.lastIndexOf('/') + 1).equals(name)).findFirst()
                    .orElse(null);
        }
    }

    /** A blend entry that is one of a scheduled corpus's prefixes, and how it was known to be. */
    private record Match(Corpus corpus, String prefix, String how) {}

    /**
     * Which scheduled corpus's prefix each blend entry is, by its index in the blend: an entry under a {@code --corpus}
     * path is that corpus's (its path below it, or its file name, names the prefix); an entry that is a local file is
     * the corpus whose .idx has the same SHA-256 (or another corpus's, if none has); any other entry, when no
     * {@code --corpus} is given, the first corpus's prefix of the same file name. Entries of other corpora need only
     * their weights. Two different entries that come to one prefix are refused: a blend of corpora with default
     * names would otherwise read one corpus for both.
     */
    static Map<Integer, Match> matchPrefixes(List<Corpus> corpora, Map<String, Corpus> mapped,
                                             TrainingSettings settings) throws IOException {
        Map<Integer, Match> ours = new LinkedHashMap<>();
        Map<String, String> entryOf = new TreeMap<>();
        for (int i = 0; i < settings.prefixes().size(); i++) {
            String path = settings.prefixes().get(i).replaceAll("/+$", "");
            Match match = match(path, corpora, mapped);
            if (match == null) {
                continue;
            }
            String key = match.corpus().root() + " " + match.prefix();
            String earlier = entryOf.putIfAbsent(key, path);
            if (earlier != null && !earlier.equals(path)) {
                throw new UserError("--data-path: " + earlier + " and " + path + " both come to " + match.corpus().root()
                        + "'s " + match.prefix() + " (" + match.how() + "): say which corpus each is with --corpus "
                        + "PATH=DIR (or give the prefixes as local paths)");
            }
            ours.put(i, match);
        }
        if (ours.isEmpty()) {
            throw new UserError("--data-path names none of " + corpora.get(0).root() + "'s Megatron prefixes "
                    + corpora.get(0).prefixes() + " (matched by --corpus, by the content of a local file, else by "
                    + "the last path component)");
        }
        for (Map.Entry<String, Corpus> m : mapped.entrySet()) {
            if (ours.values().stream().noneMatch(o -> o.corpus() == m.getValue())) {
                throw new UserError("--corpus " + m.getKey() + "=" + m.getValue().root() + ": no --data-path entry is "
                        + m.getKey() + " or under it");
            }
        }
        return ours;
    }

    private static Match match(String path, List<Corpus> corpora, Map<String, Corpus> mapped) throws IOException {
        String under = mapped.keySet().stream().filter(k -> path.equals(k) || path.startsWith(k + "/"))
                .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
        if (under != null) {
            Corpus corpus = mapped.get(under);
            String below = path.equals(under) ? "" : path.substring(under.length() + 1);
            String prefix = corpus.prefixes().contains(below) ? below : corpus.byName(path);
            if (prefix == null) {
                throw new UserError("--data-path " + path + ": under --corpus " + under + "=" + corpus.root() + ", but "
                        + "that corpus has no such Megatron prefix " + corpus.prefixes());
            }
            return new Match(corpus, prefix, "--corpus " + under);
        }
        java.nio.file.Path local = java.nio.file.Path.of(path + ".idx");
        if (!path.contains("://") && Files.isRegularFile(local)) {
            String sha = Hashing.sha256Hex(Files.readAllBytes(local));
            for (Corpus corpus : corpora) {
                if (corpus.prefixBySha().containsKey(sha)) {
                    return new Match(corpus, corpus.prefixBySha().get(sha), "its .idx's SHA-256");
                }
            }
            return null; // another corpus's file
        }
        if (mapped.isEmpty()) {
            String prefix = corpora.get(0).byName(path);
            return prefix == null ? null : new Match(corpora.get(0), prefix, "matched by file name");
        }
        return null;
    }

    /**
     * Writes the schedule into each corpus the blend reads: {@code dir}, and the corpus of each {@code --corpus}
     * mapping (a blend path, or a path above its prefixes, to a corpus directory).
     */
    /** @return each corpus written, by its directory, with its manifest now listing the schedule */
    public static Map<String, Manifest> build(String dir, Map<String, String> corpusPaths, TrainingSettings settings,
                                              Configuration conf) {
        try {
            List<Corpus> corpora = new ArrayList<>(List.of(Corpus.open(dir, conf)));
            Map<String, Corpus> mapped = new TreeMap<>();
            for (Map.Entry<String, String> m : corpusPaths.entrySet()) {
                CorpusDirectory root = CorpusDirectory.of(m.getValue());
                Corpus corpus = corpora.stream().filter(c -> c.root().equals(root)).findFirst().orElse(null);
                if (corpus == null) {
                    corpus = Corpus.open(m.getValue(), conf);
                    corpora.add(corpus);
                }
                mapped.put(m.getKey().replaceAll("/+$", ""), corpus);
            }
            Map<Integer, Match> ours = matchPrefixes(corpora, mapped, settings);
            Map<Integer, int[]> sizes = new TreeMap<>();
            for (Map.Entry<Integer, Match> e : ours.entrySet()) {
                sizes.put(e.getKey(), documentSizes(e.getValue(), settings, conf));
            }
            Map<Integer, TrainingOrder.PrefixReads> reads;
            try {
                Runtime runtime = Runtime.getRuntime();
                long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
                reads = TrainingOrder.compute(settings, sizes, (long) (free * HEAP_SHARE));
            } catch (IllegalArgumentException | IllegalStateException ex) {
                throw new UserError("the training settings do not fit the corpus's Megatron files: " + ex.getMessage());
            }
            Map<String, Manifest> written = new LinkedHashMap<>();
            for (Corpus corpus : corpora) {
                Map<Integer, String> its = new LinkedHashMap<>();
                ours.forEach((i, m) -> {
                    if (m.corpus() == corpus) {
                        its.put(i, m.prefix());
                    }
                });
                if (!its.isEmpty()) {
                    written.put(corpus.root().uri(), write(corpus, its, settings, reads, conf));
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents' token counts of a matched prefix, checked against the manifest and the split. */
    private static int[] documentSizes(Match match, TrainingSettings settings, Configuration conf) throws IOException {
        CorpusDirectory root = match.corpus().root();
        byte[] idx = HadoopFiles.readAll(root.resolve(match.prefix() + ".idx"), conf);
        int[] lengths;
        try {
            lengths = MegatronIndex.parse(idx).lengths();
        } catch (IOException damaged) {
            throw new UserError(root.resolve(match.prefix() + ".idx: " + damaged.getMessage()
                    + " (corpusforge verify " + root + ")"));
        }
        long expected = expectedDocuments(match.corpus().manifest(), match.prefix());
        if (lengths.length != expected) {
            throw new UserError(match.prefix() + ".idx holds " + lengths.length + " documents, the manifest's "
                    + "shards " + expected + " (corpusforge verify " + root + ")");
        }
        String empty = settings.emptySplit(lengths.length);
        if (empty != null) {
            throw new UserError("--split " + settings.split() + " leaves the " + empty + " split of " + root + "'s "
                    + match.prefix() + " (" + lengths.length + " documents) empty: megatron-core builds every split "
                    + "with a weight and hangs on one without tokens (give it weight 0, or more documents)");
        }
        return lengths;
    }

    /** One corpus's part of the schedule: its documents' iterations and settings, listed in its manifest. */
    private static Manifest write(Corpus corpus, Map<Integer, String> ours, TrainingSettings settings,
                                  Map<Integer, TrainingOrder.PrefixReads> reads, Configuration conf) throws IOException {
        CorpusDirectory root = corpus.root();
        Manifest manifest = corpus.manifest();
        Map<String, Long> firstDocument = firstDocuments(root, manifest);
        Map<String, String> prefixes = new LinkedHashMap<>();
        ours.forEach((i, prefix) -> prefixes.put(settings.prefixes().get(i), prefix));
        long documents = manifest.shards().stream().mapToLong(Manifest.FileEntry::rows).sum();
        List<int[]> perDocument = new ArrayList<>(java.util.Collections.nCopies((int) documents, new int[0]));
        for (Map.Entry<Integer, String> e : ours.entrySet()) {
            long base = firstDocument.get(e.getValue());
            TrainingOrder.PrefixReads r = reads.get(e.getKey());
            for (int d = 0; d < r.documents(); d++) {
                int[] its = r.iterationsOf(d);
                if (its.length > 0) {
                    int g = (int) (base + d);
                    // a prefix listed twice in the blend is read as two datasets: the union of both
                    perDocument.set(g, union(perDocument.get(g), its));
                }
            }
        }
        long[] offsets = new long[(int) documents + 1];
        int total = 0;
        long read = 0;
        for (int d = 0; d < documents; d++) {
            total += perDocument.get(d).length;
            offsets[d + 1] = total;
            read += perDocument.get(d).length > 0 ? 1 : 0;
        }
        int[] iterations = new int[total];
        for (int d = 0, at = 0; d < documents; d++) {
            System.arraycopy(perDocument.get(d), 0, iterations, at, perDocument.get(d).length);
            at += perDocument.get(d).length;
        }
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        TrainingIterations.write(bin, offsets, iterations);
        ObjectNode described = describe(settings, ours, reads);
        byte[] json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(described);
        Path rootPath = new Path(root.uri());
        FileSystem fs = rootPath.getFileSystem(conf);
        try (OutputLock lock = OutputLock.acquire(rootPath, fs, "schedule", root.uri())) {
            List<Manifest.FileEntry> files = List.of(write(root, ITERATIONS, bin.toByteArray(), documents, conf),
                    write(root, SETTINGS, json, 0, conf));
            Manifest scheduled = manifest.toBuilder().training(new Manifest.Training(TrainingIterations.FORMAT,
                    described, prefixes, settings.trainIterations(), read, files)).build();
            return manifest.card() != null ? OutputDirectory.commit(root, scheduled, conf) : rewrite(root, scheduled, conf);
        }
    }

    private static Manifest rewrite(CorpusDirectory root, Manifest m, Configuration conf) throws IOException {
        OutputDirectory.rewriteManifest(root, m, conf);
        return m;
    }

    private static Manifest.FileEntry write(CorpusDirectory root, String path, byte[] bytes, long rows, Configuration conf)
            throws IOException {
        HadoopFiles.writeAtomically(root.resolve(path), bytes, conf);
        return new Manifest.FileEntry(path, rows, bytes.length, Hashing.sha256Hex(bytes), 0, null);
    }

    /** Where each Megatron prefix's documents begin among the corpus's documents (shard and row order). */
    private static Map<String, Long> firstDocuments(CorpusDirectory root, Manifest manifest) {
        Map<String, Long> first = new TreeMap<>();
        long base = 0;
        for (Manifest.FileEntry shard : manifest.shards()) {
            String part = shard.path().substring(shard.path().lastIndexOf('/') + 1).replaceFirst("\\.parquet$", "");
            first.put("megatron/" + part, base);
            base += shard.rows();
        }
        for (Manifest.FileEntry f : manifest.megatron().files()) {
            String prefix = f.path().replaceFirst("\\.(bin|idx)$", "");
            // a merged pair holds every document, from the first
            first.putIfAbsent(prefix, 0L);
        }
        return first;
    }

    private static long expectedDocuments(Manifest manifest, String prefix) {
        String name = prefix.substring(prefix.lastIndexOf('/') + 1);
        return manifest.shards().stream()
                .filter(s -> s.path().endsWith("/" + name + ".parquet"))
                .mapToLong(Manifest.FileEntry::rows).findFirst()
                .orElse(manifest.shards().stream().mapToLong(Manifest.FileEntry::rows).sum());
    }

    private static int[] union(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }

    private static ObjectNode describe(TrainingSettings s, Map<Integer, String> ours,
                                       Map<Integer, TrainingOrder.PrefixReads> reads) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        ArrayNode blend = node.putArray("data_path");
        for (int i = 0; i < s.prefixes().size(); i++) {
            ObjectNode p = blend.addObject();
            if (s.weights() != null) {
                p.put("weight", s.weights().get(i));
            }
            p.put("prefix", s.prefixes().get(i));
            if (ours.containsKey(i)) {
                TrainingOrder.PrefixReads r = reads.get(i);
                p.put("corpus_prefix", ours.get(i));
                p.put("train_documents", r.trainRange()[1] - r.trainRange()[0]);
                p.put("samples_asked", r.samplesAsked());
                p.put("tokens_per_epoch", r.tokensPerEpoch());
                p.put("epochs", r.epochs());
                p.put("separate_final_epoch", r.separateFinalEpoch());
            }
        }
        node.put("split", s.split());
        node.put("seq_length", s.sequenceLength());
        node.put("global_batch_size", s.globalBatchSize());
        node.put("train_iters", s.trainIterations());
        node.put("seed", s.seed());
        node.put("mid_level_dataset_surplus", s.surplus());
        node.put("add_extra_token_to_sequence", s.extraToken());
        node.put("reference", "megatron-core 0.20 GPTDataset / BlendedDataset indices (scripts/megatron-reference)");
        return node;
    }
}
