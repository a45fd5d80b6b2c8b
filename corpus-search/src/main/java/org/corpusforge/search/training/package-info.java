/**
 * When in training each document is read: megatron-core's sample order (GPTDataset, BlendedDataset) recomputed,
 * and the per-document iterations it gives.
 */
package org.corpusforge.search.training;
