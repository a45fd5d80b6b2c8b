package org.corpusforge.jobs;

import org.corpusforge.jobs.base.CorpusDirectory;
import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.shards.CommittedParts;
import org.corpusforge.jobs.shards.Resumable;
import org.corpusforge.jobs.shards.ShardPlanner;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.shards.ShardedOutput;
import org.corpusforge.jobs.base.Persisted;
import org.corpusforge.jobs.base.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.corpusforge.core.config.MegatronSpec;
import org.corpusforge.core.config.OutputSpec;
import org.corpusforge.core.config.TokenizerSpec;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.TokenizedDocument;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.filters.tokenize.TokenizerModel;
import org.corpusforge.jobs.io.CorpusShardWriter;
import org.corpusforge.jobs.io.MegatronIndex;
import org.corpusforge.jobs.io.MegatronMerge;
import org.corpusforge.jobs.io.EmbeddingModel;
import org.corpusforge.jobs.io.SearchIndexWriter;
import org.corpusforge.jobs.io.ShardFormat;
import org.corpusforge.search.CharIndexLayout;

/**
 * Tokenise, plan, write: the kept documents become {@code shards/part-NNNNN.parquet} (and Megatron pairs), balanced
 * by tokens when there is a tokenizer, by text bytes when not, in the seeded order.
 */
final class CorpusShards {
    private static final Logger LOG = LogManager.getLogger(CorpusShards.class);
    static final String MEGATRON = "megatron";
    static final double BALANCE_GOAL = 0.02;

    /** What the manifest says about the corpus. */
    record Corpus(Manifest.TokenizerInfo tokenizer, Manifest.ShardPlan plan, List<Manifest.FileEntry> shards,
                  Manifest.Megatron megatron, SortedMap<String, Long> tokensBySource, Manifest.ShardSchema schema,
                  List<Manifest.Composition> composition, Manifest.SearchIndex searchIndex, CorpusProfile profile,
                  List<String> reusedShards) {}

    private CorpusShards() {}

    /**
     * @param tokenizer null: no tokenisation
     * @param embedding the passages' embedding model, or null
     * @param resumable where each shard's commit is recorded for a resumed run, or null: not recorded
     */
    static Corpus write(JavaSparkContext jsc, JavaRDD<Document> kept, TokenizerSpec tokenizerSpec,
                        SubwordTokenizer tokenizer, OutputSpec output, EmbeddingModel embedding, int parallelism,
                        CorpusDirectory out, String runId, Resumable resumable) throws IOException {
        MegatronSpec megatron = output.megatron();
        boolean searchIndex = output.searchIndex().enabled();
        boolean keepIds = tokenizer != null && (tokenizerSpec.writeIds() || megatron.enabled());
        Broadcast<TokenizerModel> model = tokenizer == null ? null : jsc.broadcast(tokenizer.model());
        JavaRDD<Document> documents = Rehydration.apply(kept, output.rehydration());
        long seed = output.shuffleSeed();
        long target = tokenizer != null ? output.shardTargetTokens() : output.shardTargetTextBytes();
        // a resumed run with the same documents takes the plan and profile as they were, and tokenises only the
        // documents of the shards it has to write
        SavedShardPlan saved = resumable == null ? null : SavedShardPlan.read(resumable, jsc.hadoopConfiguration());
        java.util.Map<Integer, List<Manifest.FileEntry>> reused = saved == null ? java.util.Map.of()
                : ShardedOutput.committed(jsc, resumable, saved.plan(), out.uri());
        if (!reused.isEmpty()) {
            java.util.Set<Integer> skip = new java.util.HashSet<>(reused.keySet());
            org.corpusforge.jobs.shards.ShardPartitioner partitioner = saved.plan().partitioner();
            documents = documents.filter(d -> SavedShardPlan.toWrite(partitioner, skip, seed, d));
        }
        JavaPairRDD<OrderKey, TokenizedDocument> rows = Tokenization.apply(documents, seed, model, keepIds)
                .persist(Persisted.LEVEL);
        try {
            CorpusProfile profile;
            ShardPlanner.Plan shardPlan;
            if (saved != null) {
                profile = saved.profile();
                shardPlan = saved.plan();
            } else {
                profile = CorpusProfile.of(rows.values());
                shardPlan = ShardPlanner.plan(rows.mapValues(tokenizer != null ? CorpusShards::tokenSize
                        : CorpusShards::textSize), target, output.dpSize(), parallelism);
                if (resumable != null) {
                    new SavedShardPlan(resumable.key(), shardPlan, profile).write(resumable, jsc.hadoopConfiguration());
                }
            }
            MegatronIndex.TokenType type = megatron.enabled()
                    ? MegatronIndex.TokenType.forVocabulary(tokenizer.vocabularySize()) : null;
            int eodId = megatron.enabled() && megatron.appendEod() ? eodId(megatron, tokenizer) : -1;
            String partsDirectory = megatron.merged() ? MEGATRON + "/_parts" : MEGATRON;
            Broadcast<EmbeddingModel> vectors = embedding != null && output.searchIndex().writesPassages()
                    ? jsc.broadcast(embedding) : null;
            ShardFormat format = new ShardFormat(tokenizer != null, keepIds && tokenizerSpec.writeIds(), type, eodId,
                    partsDirectory, profile.schema(), searchIndex, output.searchIndex().writesPassages());
            ShardedOutput.Written written = ShardedOutput.write(rows, shardPlan, reused, out.uri(), runId + "-shards",
                    (uri, part, conf) -> new CorpusShardWriter(uri, part, format,
                            vectors == null ? null : vectors.value(), conf), resumable);
            if (resumable != null) {
                forgetStale(resumable, written.files(), out, jsc.hadoopConfiguration());
            }
            List<Manifest.FileEntry> shards = new ArrayList<>();
            List<Manifest.FileEntry> megatronFiles = new ArrayList<>();
            List<Manifest.FileEntry> indexFiles = new ArrayList<>();
            for (Manifest.FileEntry f : written.files()) {
                (f.path().startsWith("shards/") ? shards
                        : f.path().startsWith(SearchIndexWriter.DIRECTORY + "/") ? indexFiles : megatronFiles).add(f);
            }
            if (megatron.enabled() && megatron.merged()) {
                megatronFiles = MegatronMerge.merge(out.uri(), megatronFiles, partsDirectory, MEGATRON + "/" + megatron.name(),
                        jsc.hadoopConfiguration());
            }
            Manifest.ShardPlan plan = plan(shards, written.plan(), tokenizer != null, target, output);
            return new Corpus(
                    tokenizer == null ? null : info(tokenizer),
                    plan,
                    shards,
                    !megatron.enabled() ? null : new Manifest.Megatron(megatron.layout(), type.label(),
                            eodId < 0 ? null : eodToken(megatron, tokenizer),
                            eodId < 0 ? null : eodId, megatronFiles),
                    tokenizer == null ? null : profile.tokensBySource(), profile.schema(),
                    profile.composition(tokenizer != null),
                    searchIndex ? SearchIndexWriter.manifestEntry(indexFiles,
                            vectors == null ? null : embedding.manifestEntry()) : null, profile,
                    written.reused().stream().map(i -> shards.get(i).path()).toList());
        } finally {
            rows.unpersist(false);
        }
    }

    /**
     * Deletes what an earlier, interrupted attempt committed under a plan this run did not reuse (a shard numbered
     * past this run's last, say): only files its own markers name, and only those this run has not written.
     */
    private static void forgetStale(Resumable resumable, List<Manifest.FileEntry> written, CorpusDirectory out,
                                    org.apache.hadoop.conf.Configuration conf) throws IOException {
        java.util.Set<String> current = new java.util.HashSet<>();
        written.forEach(f -> current.add(f.path()));
        for (String path : CommittedParts.summary(resumable.markerDirectory(), conf).files()) {
            if (!current.contains(path)) {
                HadoopFiles.delete(out.resolve(path), conf);
            }
        }
    }

    private static Long tokenSize(TokenizedDocument row) {
        return Math.max(1L, row.tokenCount());
    }

    private static Long textSize(TokenizedDocument row) {
        return row.document().textUtf8Bytes() + 1;
    }

    /** Checks, before any work, what writing would otherwise find only at the end: the end-of-document token. */
    static void checkSettings(OutputSpec output, SubwordTokenizer tokenizer) {
        if (tokenizer != null && output.megatron().enabled() && output.megatron().appendEod()) {
            eodId(output.megatron(), tokenizer);
        }
    }

    private static String eodToken(MegatronSpec spec, SubwordTokenizer tokenizer) {
        return spec.eodToken() != null ? spec.eodToken() : tokenizer.endOfSequence();
    }

    private static int eodId(MegatronSpec spec, SubwordTokenizer tokenizer) {
        String token = eodToken(spec, tokenizer);
        if (token == null) {
            throw new UserError("output.megatron.eod_token: the tokenizer " + tokenizer.model().name()
                    + " names no end-of-sequence token; set one, or append_eod: false");
        }
        int id = tokenizer.idOf(token);
        if (id < 0) {
            throw new UserError("output.megatron.eod_token: \"" + token + "\" is not in the vocabulary of "
                    + tokenizer.model().name());
        }
        return id;
    }

    private static Manifest.TokenizerInfo info(SubwordTokenizer tokenizer) {
        TokenizerModel m = tokenizer.model();
        return new Manifest.TokenizerInfo(m.name(), m.kind().label(), m.location(), m.sha256(),
                tokenizer.vocabularySize());
    }

    private static Manifest.ShardPlan plan(List<Manifest.FileEntry> shards, ShardPlanner.Plan plan, boolean tokens,
                                           long target, OutputSpec output) {
        long smallest = shards.stream().mapToLong(f -> size(f, tokens)).min().orElse(0);
        long largest = shards.stream().mapToLong(f -> size(f, tokens)).max().orElse(0);
        Double spread = smallest == 0 ? null : (double) largest / smallest - 1;
        if (shards.size() % output.dpSize() != 0) {
            LOG.warn("{} shards are not a multiple of dp_size {}: there are fewer documents than that",
                    shards.size(), output.dpSize());
        }
        if (spread == null || spread > BALANCE_GOAL) {
            LOG.warn("the largest shard holds {} and the smallest {} {}: single documents are too large for a "
                    + "balance within {} %", largest, smallest, tokens ? "tokens" : "text bytes", BALANCE_GOAL * 100);
        }
        return new Manifest.ShardPlan(tokens ? "tokens" : "text_bytes", target, output.dpSize(), output.shuffleSeed(),
                shards.size(), smallest, largest, spread, plan.placedWhole());
    }

    private static long size(Manifest.FileEntry f, boolean tokens) {
        return tokens ? f.tokens() : f.textBytes();
    }
}
