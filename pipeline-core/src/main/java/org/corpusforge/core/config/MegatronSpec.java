package org.corpusforge.core.config;

import java.io.Serializable;

/**
 * Megatron-LM's indexed dataset next to the Parquet shards ({@code output.megatron:}).
 *
 * @param layout    {@code per-shard}: {@code megatron/part-NNNNN.bin/.idx} beside each shard; {@code merged}: one
 *                  {@code megatron/NAME.bin/.idx} for the whole corpus
 * @param name      the merged pair's name
 * @param appendEod whether each document ends with the end-of-document token, as Megatron's preprocess_data does
 * @param eodToken  the piece appended (default: the model's {@code </s>})
 */
public record MegatronSpec(boolean enabled, String layout, String name, boolean appendEod, String eodToken)
        implements Serializable {
    public static final String PER_SHARD = "per-shard";
    public static final String MERGED = "merged";

    static MegatronSpec parse(ConfigNode node) {
        MegatronSpec spec = new MegatronSpec(
                node.bool("enabled", false),
                node.choice("layout", PER_SHARD, PER_SHARD, MERGED),
                node.string("name", "corpus"),
                node.bool("append_eod", true),
                node.string("eod_token", null));
        if (!spec.name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException(node.path() + ".name: expected letters, digits, '.', '_' or '-', got \"" + spec.name + "\"");
        }
        return spec;
    }

    public boolean merged() {
        return MERGED.equals(layout);
    }
}
