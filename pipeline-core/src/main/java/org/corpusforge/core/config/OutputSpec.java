package org.corpusforge.core.config;

import java.io.Serializable;

/**
 * How the corpus is written. With a tokenizer, shards are balanced by subword tokens; without one, by uncompressed
 * UTF-8 bytes of document text (so the size does not depend on how well zstd compresses).
 *
 * @param shardTargetTokens    tokens per shard, with a tokenizer
 * @param shardTargetTextBytes text bytes per shard, without one
 * @param dpSize               the shard count is a multiple of this (a data-parallel world size)
 * @param shuffleSeed          seeds the order of documents within and across shards
 * @param checkpoint           write the per-document stages' output to {@code OUT/_checkpoint/} so that
 *                             {@code run --resume} can continue from it
 * @param keepCheckpoint       keep it after the run finished (it is removed by default)
 * @param searchIndex          the suffix-array index {@code search} and {@code serve} query
 * @param rehydration          how often a deduplicated cluster's kept document is written
 */
public record OutputSpec(long shardTargetTokens, long shardTargetTextBytes, int dpSize, long shuffleSeed,
                         long quarantineTargetBytes, boolean writeDropped, MegatronSpec megatron,
                         boolean checkpoint, boolean keepCheckpoint, SearchIndexSpec searchIndex,
                         RehydrationSpec rehydration)
        implements Serializable {

    static OutputSpec parse(ConfigNode node) {
        return new OutputSpec(
                node.longValue("shard_target_tokens", 256L << 20, 1, Long.MAX_VALUE),
                node.longValue("shard_target_text_bytes", 512L << 20, 1, Long.MAX_VALUE),
                node.intValue("dp_size", 1, 1, 1 << 20),
                node.longValue("shuffle_seed", 0, Long.MIN_VALUE, Long.MAX_VALUE),
                node.longValue("quarantine_target_bytes", 64L << 20, 1, Long.MAX_VALUE),
                node.bool("write_dropped", false),
                MegatronSpec.parse(node.child("megatron")),
                node.bool("checkpoint", true),
                node.bool("keep_checkpoint", false),
                SearchIndexSpec.parse(node.child("search_index")),
                node.has("rehydration") ? RehydrationSpec.parse(node.child("rehydration"))
                        : new RehydrationSpec(false, RehydrationSpec.DEFAULT_SCHEDULE));
    }
}
