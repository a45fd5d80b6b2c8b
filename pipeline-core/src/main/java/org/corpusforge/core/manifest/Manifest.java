package org.corpusforge.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The record of one run, written last to {@code OUT/manifest.json}: what went in (with checksums), what each
 * stage kept, dropped and quarantined and why, and what came out (with checksums). A run without a manifest
 * is not finished. The README describes every field.
 */
public record Manifest(
        int formatVersion,
        String runId,
        Tool tool,
        String startedAt,
        String finishedAt,
        double durationSeconds,
        Map<String, Double> phaseSeconds,
        SparkInfo spark,
        ResumedFrom resumedFrom,
        JsonNode config,
        String configSha256,
        List<InputEntry> inputs,
        List<StageEntry> stages,
        Map<String, Map<String, Object>> stageDetails,
        TokenizerInfo tokenizer,
        ShardPlan shardPlan,
        List<FileEntry> shards,
        Megatron megatron,
        List<FileEntry> quarantine,
        List<FileEntry> dropped,
        Totals totals,
        ShardSchema shardSchema,
        List<Composition> composition,
        FileEntry card,
        SearchIndex searchIndex,
        List<FileEntry> report,
        Map<String, List<FileEntry>> stageFiles,
        Training training,
        Rehydration rehydration) {

    /** 3: struct columns {@code signals} and {@code attributes}, int64 {@code token_count}, the dataset card. */
    public static final int FORMAT_VERSION = 3;
    /** 2: MAP columns, int32 token counts, no card; {@code show}, {@code verify} and {@code stats} still read it. */
    public static final int OLDEST_READABLE_VERSION = 2;

    /** The same manifest, listing the dataset card written beside it. */
    public Manifest withCard(FileEntry newCard) {
        return toBuilder().card(newCard).build();
    }

    /** The same manifest, listing a search index built for it (by the run, or later by {@code index}). */
    public Manifest withSearchIndex(SearchIndex index) {
        return toBuilder().searchIndex(index).build();
    }

    /** The same manifest, listing the run report's files ({@code report.json}, {@code report.html}). */
    public Manifest withReport(List<FileEntry> files) {
        return toBuilder().report(files).build();
    }

    /** A manifest built by name; {@link #toBuilder()} starts from an existing one. */
    public static Builder builder() {
        return new Builder();
    }

    /** This manifest's fields in a builder, to change some by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.formatVersion = formatVersion;
        b.runId = runId;
        b.tool = tool;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.durationSeconds = durationSeconds;
        b.phaseSeconds = phaseSeconds;
        b.spark = spark;
        b.resumedFrom = resumedFrom;
        b.config = config;
        b.configSha256 = configSha256;
        b.inputs = inputs;
        b.stages = stages;
        b.stageDetails = stageDetails;
        b.tokenizer = tokenizer;
        b.shardPlan = shardPlan;
        b.shards = shards;
        b.megatron = megatron;
        b.quarantine = quarantine;
        b.dropped = dropped;
        b.totals = totals;
        b.shardSchema = shardSchema;
        b.composition = composition;
        b.card = card;
        b.searchIndex = searchIndex;
        b.report = report;
        b.stageFiles = stageFiles;
        b.training = training;
        b.rehydration = rehydration;
        return b;
    }

    /** Every field by its name; an unset one is null (0 for numbers), as the JSON leaves it out. */
    public static final class Builder {
        private int formatVersion;
        private String runId;
        private Tool tool;
        private String startedAt;
        private String finishedAt;
        private double durationSeconds;
        private Map<String, Double> phaseSeconds;
        private SparkInfo spark;
        private ResumedFrom resumedFrom;
        private JsonNode config;
        private String configSha256;
        private List<InputEntry> inputs;
        private List<StageEntry> stages;
        private Map<String, Map<String, Object>> stageDetails;
        private TokenizerInfo tokenizer;
        private ShardPlan shardPlan;
        private List<FileEntry> shards;
        private Megatron megatron;
        private List<FileEntry> quarantine;
        private List<FileEntry> dropped;
        private Totals totals;
        private ShardSchema shardSchema;
        private List<Composition> composition;
        private FileEntry card;
        private SearchIndex searchIndex;
        private List<FileEntry> report;
        private Map<String, List<FileEntry>> stageFiles;
        private Training training;
        private Rehydration rehydration;

        private Builder() {}

        public Builder formatVersion(int value) {
            this.formatVersion = value;
            return this;
        }

        public Builder runId(String value) {
            this.runId = value;
            return this;
        }

        public Builder tool(Tool value) {
            this.tool = value;
            return this;
        }

        public Builder startedAt(String value) {
            this.startedAt = value;
            return this;
        }

        public Builder finishedAt(String value) {
            this.finishedAt = value;
            return this;
        }

        public Builder durationSeconds(double value) {
            this.durationSeconds = value;
            return this;
        }

        public Builder phaseSeconds(Map<String, Double> value) {
            this.phaseSeconds = value;
            return this;
        }

        public Builder spark(SparkInfo value) {
            this.spark = value;
            return this;
        }

        public Builder resumedFrom(ResumedFrom value) {
            this.resumedFrom = value;
            return this;
        }

        public Builder config(JsonNode value) {
            this.config = value;
            return this;
        }

        public Builder configSha256(String value) {
            this.configSha256 = value;
            return this;
        }

        public Builder inputs(List<InputEntry> value) {
            this.inputs = value;
            return this;
        }

        public Builder stages(List<StageEntry> value) {
            this.stages = value;
            return this;
        }

        public Builder stageDetails(Map<String, Map<String, Object>> value) {
            this.stageDetails = value;
            return this;
        }

        public Builder tokenizer(TokenizerInfo value) {
            this.tokenizer = value;
            return this;
        }

        public Builder shardPlan(ShardPlan value) {
            this.shardPlan = value;
            return this;
        }

        public Builder shards(List<FileEntry> value) {
            this.shards = value;
            return this;
        }

        public Builder megatron(Megatron value) {
            this.megatron = value;
            return this;
        }

        public Builder quarantine(List<FileEntry> value) {
            this.quarantine = value;
            return this;
        }

        public Builder dropped(List<FileEntry> value) {
            this.dropped = value;
            return this;
        }

        public Builder totals(Totals value) {
            this.totals = value;
            return this;
        }

        public Builder shardSchema(ShardSchema value) {
            this.shardSchema = value;
            return this;
        }

        public Builder composition(List<Composition> value) {
            this.composition = value;
            return this;
        }

        public Builder card(FileEntry value) {
            this.card = value;
            return this;
        }

        public Builder searchIndex(SearchIndex value) {
            this.searchIndex = value;
            return this;
        }

        public Builder report(List<FileEntry> value) {
            this.report = value;
            return this;
        }

        public Builder rehydration(Rehydration value) {
            this.rehydration = value;
            return this;
        }

        public Builder training(Training value) {
            this.training = value;
            return this;
        }

        public Builder stageFiles(Map<String, List<FileEntry>> value) {
            this.stageFiles = value;
            return this;
        }

        public Manifest build() {
            return new Manifest(formatVersion, runId, tool, startedAt, finishedAt, durationSeconds, phaseSeconds, spark, resumedFrom, config, configSha256, inputs, stages, stageDetails, tokenizer, shardPlan, shards, megatron, quarantine, dropped, totals, shardSchema, composition, card, searchIndex, report, stageFiles, training, rehydration);
        }
    }

    public record Tool(String name, String version, String gitCommit) {}

    public record SparkInfo(String master, int defaultParallelism, String version, String applicationId) {}

    /**
     * Set when the run reused work of an earlier, interrupted run ({@code run --resume}): where its checkpoint was,
     * which run made it and when, the records its reused units held, each unit reused (its part, its input files,
     * its records), and the shards reused as they were written (their paths; null when none).
     */
    public record ResumedFrom(String checkpoint, String runId, String createdAt, long records,
                              List<ResumedUnit> units, List<String> shards) {
        public ResumedFrom withShards(List<String> reusedShards) {
            return new ResumedFrom(checkpoint, runId, createdAt, records, units, reusedShards);
        }
    }

    /** A unit of the per-document checkpoint a resumed run took instead of reading its files again. */
    public record ResumedUnit(String part, List<String> inputs, long records) {}

    public record InputEntry(String uri, long bytes, String sha256, long records) {}

    /**
     * One stage's accounting: {@code in = kept + sum(dropped) + quarantined}; {@code name} is the stage's id,
     * {@code kind} the registered name of its kind (null for the reader, and in manifests written before kinds were recorded), and
     * {@code settings} its settings as configured, secrets redacted (null when it has none).
     */
    public record StageEntry(String name, String kind, long in, long kept, SortedMap<String, Long> dropped,
                             long quarantined, SortedMap<String, Long> quarantineReasons,
                             com.fasterxml.jackson.databind.JsonNode settings) {
        public StageEntry {
            // JSON's null reads back as a null node: the same entry either way
            settings = settings == null || settings.isNull() ? null : settings;
        }

        /** A stage's identity in a run, before it is counted. */
        public record Identity(String id, String kind, com.fasterxml.jackson.databind.JsonNode settings) {}

        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A file written by the run; paths are relative to the output directory. {@code tokens} is null for files of
     * an untokenised run and for quarantine files; for Megatron files it counts end-of-document tokens too.
     * A path that could leave the directory (absolute, with a scheme, {@code ..}) is refused when the entry is
     * made, also when it is read from a manifest: {@code verify}, {@code show} and {@code search} never open a
     * file outside the corpus because a manifest says so.
     */
    public record FileEntry(String path, long rows, long bytes, String sha256, long textBytes, Long tokens)
            implements java.io.Serializable {
        public FileEntry {
            String problem = pathProblem(path);
            if (problem != null) {
                throw new IllegalArgumentException("the file path \"" + path + "\" " + problem);
            }
        }

        /** Why a path is not a plain relative path inside the corpus, or null when it is one. */
        static String pathProblem(String path) {
            if (path == null || path.isEmpty()) {
                return "is empty";
            }
            if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf(':') >= 0 || path.indexOf('\0') >= 0) {
                return "is not relative to the corpus directory";
            }
            for (String part : path.split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    return "leaves or bends the corpus directory";
                }
            }
            return null;
        }
    }

    /** The subword tokenizer that counted the tokens (null: no tokenizer). */
    public record TokenizerInfo(String name, String kind, String location, String sha256, int vocabularySize) {}

    /**
     * How documents were cut into shards: {@code unit} is {@code tokens} or {@code text_bytes}; the shard count is a
     * multiple of {@code dpSize} unless there were fewer documents; {@code spread} = largest / smallest - 1.
     */
    public record ShardPlan(String unit, long target, int dpSize, long shuffleSeed, int shards, long smallest,
                            long largest, Double spread, long documentsPlacedWhole) {}

    /** Megatron-LM indexed dataset files (MMIDIDX version 1): {@code .bin} and {@code .idx} pairs. */
    public record Megatron(String layout, String dtype, String eodToken, Integer eodId, List<FileEntry> files) {}

    /**
     * The fields of the shards' struct columns, the same in every shard of a run: every signal and attribute name
     * some kept document has, in name order (absent in a document: null). {@code version} is the shards' footer
     * key {@code corpusforge.schema}.
     */
    public record ShardSchema(String version, List<String> signals, List<String> attributes)
            implements java.io.Serializable {}

    /**
     * The corpus's search index: one suffix-array file per shard ({@code search/part-NNNNN.csa}, layout
     * {@code format}: a suffix array over the characters of the shard's texts), in shard order; in each entry
     * {@code rows} counts the shard's documents and {@code text_bytes} the UTF-8 bytes of the texts it indexes; an
     * index holds no tokens ({@code tokens} null). An index of the earlier token format ({@code search/part-NNNNN.sfx},
     * another {@code format}) is refused.
     */
    public record SearchIndex(String format, List<FileEntry> files, Passages passages) {
        public SearchIndex(String format, List<FileEntry> files) {
            this(format, files, null);
        }

        /** The character indexes' files, then the passage index's. */
        public List<FileEntry> allFiles() {
            List<FileEntry> all = new java.util.ArrayList<>(files);
            if (passages != null) {
                all.addAll(passages.files());
            }
            return all;
        }
    }

    /**
     * The passage index: each shard's texts cut into passages in a Lucene index, {@code search/PART.passages} (Lucene's files packed into one); each
     * file's {@code rows} are its shard's passages.
     *
     * @param analysis how the passages were cut into terms and scored
     * @param count    the passages of all shards
     */
    public record Passages(String format, String analysis, long count, List<FileEntry> files, Embedding embedding) {
        public Passages(String format, String analysis, long count, List<FileEntry> files) {
            this(format, analysis, count, files, null);
        }
    }

    /**
     * The passages' vectors: the ONNX encoder and tokenizer.json (where the run read them, with their SHA-256, so that
     * a query is embedded by the same model), the vectors' width, how they were pooled, the prefixes, and Lucene's
     * similarity ({@code dot_product} for unit vectors, else {@code cosine}).
     */
    public record Embedding(String model, String modelSha256, String tokenizer, String tokenizerSha256, int dimensions,
                            String pooling, boolean normalize, String queryPrefix, String passagePrefix, int maxTokens,
                            String similarity) {}

    /**
     * When a Megatron-LM training reads each document ({@code schedule DIR}): the training's data settings, which of
     * its {@code --data-path} prefixes are this corpus's Megatron files, and {@code training/iterations.bin} (per
     * document in shard and row order, the iterations that read it).
     *
     * @param documentsRead documents read at least once by the training
     */
    public record Training(String format, JsonNode settings, Map<String, String> prefixes, long trainIterations,
                           long documentsRead, List<FileEntry> files) {}

    /**
     * Rehydration ({@code output.rehydration}): the schedule, the kept documents written more than once, the copies
     * that added (shard rows = kept + copies), and their tokens (null without a tokenizer).
     */
    public record Rehydration(List<RehydrationStep> schedule, long documentsRepeated, long copiesAdded,
                              Long tokensAdded) {}

    public record RehydrationStep(long from, int copies) {}

    /** Kept documents by source kind and licence ({@code license} null: none recorded). */
    public record Composition(String source, String license, long documents, long textBytes, Long tokens) {}

    public record Totals(long recordsRead, long kept, long dropped, long quarantined,
                         SortedMap<String, Long> droppedByReason, int shardCount, long shardBytes, long textBytes,
                         Long tokens, SortedMap<String, Long> tokensBySource) {}
}
