/**
 * Sharded output in a deterministic order: the shard plan, the partitioner, the order key, and the writer that
 * commits each part.
 */
package org.corpusforge.jobs.shards;
