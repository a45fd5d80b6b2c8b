package org.corpusforge.jobs;

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
 * {@code schedule DIR}: when a Megatron-LM training with the given data settings reads each of the corpus's
 * documents. The training's {@code --data-path} prefixes are matched to the corpus's Megatron files by name (the
 * last path component: {@code .../part-00000} is {@code megatron/part-00000}); prefixes of other corpora in the
 * blend need no files (their weights alone shape the blend). Writes {@code training/iterations.bin} (per document,
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

    /** The corpus's Megatron prefixes ({@code megatron/NAME}) the settings name, by their index in the blend. */
    static Map<Integer, String> matchPrefixes(String root, Manifest manifest, TrainingSettings settings) {
        if (manifest.megatron() == null) {
            throw new UserError(root + " has no Megatron files (output.megatron.enabled): no training reads it");
        }
        Map<String, String> byName = new TreeMap<>();
        for (Manifest.FileEntry f : manifest.megatron().files()) {
            String prefix = f.path().replaceFirst("\\.(bin|idx)$", "");
            byName.put(prefix.substring(prefix.lastIndexOf('/') + 1), prefix);
        }
        Map<Integer, String> ours = new LinkedHashMap<>();
        for (int i = 0; i < settings.prefixes().size(); i++) {
            String p = settings.prefixes().get(i).replaceAll("/+$", "");
            String name = p.substring(p.lastIndexOf('/') + 1);
            if (byName.containsKey(name)) {
                ours.put(i, byName.get(name));
            }
        }
        if (ours.isEmpty()) {
            throw new UserError("--data-path names none of " + root + "'s Megatron prefixes " + byName.values()
                    + " (a prefix is matched by its last path component)");
        }
        return ours;
    }

    public static Manifest build(String dir, TrainingSettings settings, Configuration conf) {
        String root = OutputDirectory.root(dir);
        Manifest manifest = OutputDirectory.readManifest(root, conf);
        Map<Integer, String> ours = matchPrefixes(root, manifest, settings);
        Map<String, Long> firstDocument = firstDocuments(root, manifest);
        Map<Integer, int[]> sizes = new TreeMap<>();
        Map<String, String> prefixes = new LinkedHashMap<>();
        try {
            for (Map.Entry<Integer, String> e : ours.entrySet()) {
                String given = settings.prefixes().get(e.getKey());
                byte[] idx = HadoopFiles.readAll(root + "/" + e.getValue() + ".idx", conf);
                refuseOtherFiles(given, e.getValue(), idx);
                int[] lengths;
                try {
                    lengths = MegatronIndex.parse(idx).lengths();
                } catch (IOException damaged) {
                    throw new UserError(root + "/" + e.getValue() + ".idx: " + damaged.getMessage()
                            + " (corpusforge verify " + root + ")");
                }
                long expected = expectedDocuments(manifest, e.getValue());
                if (lengths.length != expected) {
                    throw new UserError(e.getValue() + ".idx holds " + lengths.length + " documents, the manifest's "
                            + "shards " + expected + " (corpusforge verify " + root + ")");
                }
                sizes.put(e.getKey(), lengths);
                prefixes.put(given, e.getValue());
            }
            Map<Integer, TrainingOrder.PrefixReads> reads;
            try {
                Runtime runtime = Runtime.getRuntime();
                long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
                reads = TrainingOrder.compute(settings, sizes, (long) (free * HEAP_SHARE));
            } catch (IllegalArgumentException | IllegalStateException ex) {
                throw new UserError("the training settings do not fit " + root + "'s Megatron files: " + ex.getMessage());
            }
            long documents = manifest.shards().stream().mapToLong(Manifest.FileEntry::rows).sum();
            List<int[]> perDocument = new ArrayList<>(java.util.Collections.nCopies((int) documents, new int[0]));
            for (Map.Entry<Integer, TrainingOrder.PrefixReads> e : reads.entrySet()) {
                long base = firstDocument.get(ours.get(e.getKey()));
                TrainingOrder.PrefixReads r = e.getValue();
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

            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(conf);
            try (OutputLock lock = OutputLock.acquire(rootPath, fs, "schedule", root)) {
                List<Manifest.FileEntry> files = List.of(write(root, ITERATIONS, bin.toByteArray(), documents, conf),
                        write(root, SETTINGS, json, 0, conf));
                Manifest scheduled = manifest.toBuilder().training(new Manifest.Training(TrainingIterations.FORMAT,
                        described, prefixes, settings.trainIterations(), read, files)).build();
                return manifest.card() != null ? OutputDirectory.commit(root, scheduled, conf) : rewrite(root, scheduled, conf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Manifest rewrite(String root, Manifest m, Configuration conf) throws IOException {
        OutputDirectory.rewriteManifest(root, m, conf);
        return m;
    }

    private static Manifest.FileEntry write(String root, String path, byte[] bytes, long rows, Configuration conf)
            throws IOException {
        HadoopFiles.writeAtomically(root + "/" + path, bytes, conf);
        return new Manifest.FileEntry(path, rows, bytes.length, Hashing.sha256Hex(bytes), 0, null);
    }

    /** Where each Megatron prefix's documents begin among the corpus's documents (shard and row order). */
    private static Map<String, Long> firstDocuments(String root, Manifest manifest) {
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

    /** A prefix given as a path that exists here must be the corpus's own file, not another with the same name. */
    private static void refuseOtherFiles(String given, String ours, byte[] idx) throws IOException {
        java.nio.file.Path local = java.nio.file.Path.of(given + ".idx");
        if (!given.contains("://") && Files.isRegularFile(local)
                && !Hashing.sha256Hex(Files.readAllBytes(local)).equals(Hashing.sha256Hex(idx))) {
            throw new UserError("--data-path " + given + ": " + local + " is not this corpus's " + ours
                    + ".idx (their bytes differ)");
        }
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
