package org.corpusforge.core.config;

import java.io.Serializable;

/**
 * How the corpus is written. Shard size is counted in uncompressed UTF-8 bytes of document text, so it
 * does not depend on how well zstd compresses; the Parquet files themselves come out smaller.
 */
public record OutputSpec(long shardTargetTextBytes, long quarantineTargetBytes, boolean writeDropped)
        implements Serializable {

    static OutputSpec parse(ConfigNode node) {
        return new OutputSpec(
                node.longValue("shard_target_text_bytes", 512L << 20, 1, Long.MAX_VALUE),
                node.longValue("quarantine_target_bytes", 64L << 20, 1, Long.MAX_VALUE),
                node.bool("write_dropped", false));
    }
}
