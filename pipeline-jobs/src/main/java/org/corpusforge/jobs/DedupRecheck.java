package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.core.source.FileRecords;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.global.DedupSpec;
import org.corpusforge.jobs.global.Deduplication;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.InputResolver;
import org.corpusforge.jobs.io.ParquetJson;

/**
 * Re-measures a seeded sample of the drops dedup recorded in {@code dedup/}: both documents' texts as dedup compared
 * them, each proved by its recorded SHA-256, then their shingles as the run's settings take them. The kept document's
 * text comes from the shards when no later stage changed it; otherwise, and for the dropped document, from the
 * inputs, read again through the run's per-document stages (the configuration in the manifest, its input paths
 * resolved from the current directory, each file's SHA-256 equal to the manifest's). A recorded similarity that
 * differs, or falls below {@code min_jaccard}, or a witness not in the shards, is a problem; a pair whose texts
 * cannot be had (an input moved, a global stage before dedup that changed them) is counted, not failed.
 */
public final class DedupRecheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param unavailable sampled drops whose texts could not be had, with why */
    public record Result(int sampled, int remeasured, Map<String, Integer> unavailable, List<String> problems) {}

    private DedupRecheck() {}

    /** Null when the corpus has no dedup evidence. */
    public static Result recheck(String dir, int sample, Configuration conf) throws IOException {
        CorpusDirectory root = CorpusDirectory.of(dir);
        Manifest manifest = OutputDirectory.readManifest(root, conf);
        List<Manifest.FileEntry> files = manifest.stageFiles() == null ? null
                : manifest.stageFiles().get(Deduplication.STAGE);
        if (files == null || manifest.config() == null) {
            return null;
        }
        PipelinePlan plan;
        try {
            plan = PipelinePlan.parse(JSON.writeValueAsString(manifest.config()));
        } catch (RuntimeException e) {
            // a configuration this version no longer reads (or whose side files are gone): the drops cannot be
            // measured as the run measured them, which the result says
            return new Result(0, 0, Map.of("the manifest's configuration is not one this version reads: "
                    + e.getMessage(), 1), List.of());
        }
        Deduplication stage = Deduplication.in(plan.newGlobalStages());
        if (stage == null) {
            return null;
        }
        DedupSpec spec = stage.spec();
        List<JsonNode> drops = sampled(root, files, sample, conf);
        // the texts wanted: by id, each with the SHA-256 it must have
        Map<String, String> wanted = new HashMap<>();
        Set<String> uris = new HashSet<>();
        Set<String> keptIds = new HashSet<>();
        for (JsonNode d : drops) {
            wanted.put(d.path("id").asText(), d.path("text_sha256").asText());
            wanted.put(d.path("kept").asText(), d.path("kept_text_sha256").asText());
            keptIds.add(d.path("kept").asText());
            uris.add(d.path("source_uri").asText());
        }
        Map<String, String> texts = new HashMap<>();
        Set<String> inShards = new HashSet<>();
        for (Manifest.FileEntry shard : manifest.shards()) {
            ParquetJson.forEachRow(root.resolve(shard.path()), conf, 0, row -> {
                String id = row.path("id").asText();
                if (keptIds.contains(id)) {
                    inShards.add(id);
                    String text = row.path("text").asText();
                    if (Hashing.sha256Hex(text).equals(wanted.get(id))) {
                        texts.put(id, text);
                    }
                }
            });
        }
        for (JsonNode d : drops) {
            if (!texts.containsKey(d.path("kept").asText())) {
                uris.add(d.path("kept_source_uri").asText());
            }
        }
        Map<String, String> inputs = new HashMap<>();
        manifest.inputs().forEach(i -> inputs.put(i.uri(), i.sha256()));
        try {
            for (InputFile file : InputResolver.resolve(plan.config().inputs(), conf)) {
                if (!uris.contains(file.uri()) || !file.readable()) {
                    continue;
                }
                InputFile checked = HadoopFiles.checksummed(file, conf);
                if (!checked.sha256().equals(inputs.get(file.uri()))) {
                    continue; // not the bytes the run read
                }
                Iterator<Outcome> outcomes = plan.chain().processAll(FileRecords.readOrQuarantine(checked,
                        HadoopFiles.opener(checked.uri(), conf, in -> in)));
                while (outcomes.hasNext()) {
                    Outcome o = outcomes.next();
                    String sha = o.status() == Outcome.Status.KEPT ? wanted.get(o.id()) : null;
                    if (sha != null && !texts.containsKey(o.id()) && sha.equals(o.document().contentSha256())) {
                        texts.put(o.id(), o.document().text());
                    }
                }
            }
        } catch (RuntimeException e) {
            // inputs that cannot be read from here leave their pairs unavailable, which the result counts
        }
        List<String> problems = new ArrayList<>();
        Map<String, Integer> unavailable = new TreeMap<>();
        int remeasured = 0;
        for (JsonNode d : drops) {
            String id = d.path("id").asText();
            String kept = d.path("kept").asText();
            if (!inShards.contains(kept)) {
                problems.add("dedup: " + id + " was dropped as a duplicate of " + kept + ", which is not in the shards");
                continue;
            }
            String a = texts.get(kept);
            String b = texts.get(id);
            if (a == null || b == null) {
                unavailable.merge(a == null ? "kept text changed after dedup and its input not readable from here"
                        : "dropped text's input not readable from here", 1, Integer::sum);
                continue;
            }
            remeasured++;
            int[] measured = Deduplication.similarity(spec, a, b);
            double jaccard = org.corpusforge.filters.MinHashSignature.jaccard(measured[0], measured[1]);
            if ("exact-duplicate".equals(d.path("reason").asText())) {
                if (!a.equals(b)) {
                    problems.add("dedup: " + id + " is recorded as an exact duplicate of " + kept + ", their texts differ");
                }
            } else if (measured[0] != d.path("shared_shingles").asInt(-1)
                    || measured[1] != d.path("union_shingles").asInt(-1)) {
                problems.add("dedup: " + id + " and " + kept + " share " + measured[0] + " of " + measured[1]
                        + " shingles, recorded " + d.path("shared_shingles").asText() + " of "
                        + d.path("union_shingles").asText());
            } else if (jaccard < spec.minJaccard()) {
                problems.add("dedup: " + id + " was dropped as a duplicate of " + kept + " at Jaccard " + jaccard
                        + ", below min_jaccard " + spec.minJaccard());
            }
        }
        return new Result(drops.size(), remeasured, unavailable, problems);
    }

    /**
     * The {@code sample} drops (0: all) whose input file and then id hash lowest: the same choice on every verify of a
     * corpus, gathered in few input files.
     */
    private static List<JsonNode> sampled(CorpusDirectory root, List<Manifest.FileEntry> files, int sample, Configuration conf)
            throws IOException {
        TreeMap<String, JsonNode> chosen = new TreeMap<>();
        for (Manifest.FileEntry f : files) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    HadoopFiles.open(root.resolve(f.path()), conf), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode d = JSON.readTree(line);
                    // by input file first, so that the sample is read again from as few inputs as it can be
                    String key = String.format("%016x%016x", Hashing.stableHash64(d.path("source_uri").asText()),
                            Hashing.stableHash64(d.path("id").asText())) + line;
                    chosen.put(key, d);
                    if (sample > 0 && chosen.size() > sample) {
                        chosen.pollLastEntry();
                    }
                }
            }
        }
        return new ArrayList<>(chosen.values());
    }
}
