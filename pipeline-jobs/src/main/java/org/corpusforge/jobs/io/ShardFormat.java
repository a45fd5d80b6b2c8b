package org.corpusforge.jobs.io;

import java.io.Serializable;
import org.corpusforge.core.manifest.Manifest;

/**
 * What a corpus shard holds besides the documents: token counts, token ids, a Megatron pair.
 *
 * @param megatronType  null: no Megatron files
 * @param eodId         appended to each Megatron document, or -1
 * @param megatronDirectory where the per-shard pairs go, relative to the output
 * @param fields        the fields of the struct columns
 * @param searchIndex   whether a character index of the texts is written beside each shard
 * @param passageIndex  whether a passage index of the texts is written beside each shard too
 */
public record ShardFormat(boolean tokenized, boolean tokenIds, MegatronIndex.TokenType megatronType, int eodId,
                          String megatronDirectory, Manifest.ShardSchema fields,
                          boolean searchIndex, boolean passageIndex) implements Serializable {}
