package org.corpusforge.search.training;

/**
 * megatron-core's {@code GPTDataset} indices for one {@code .bin/.idx} prefix and one split
 * ({@code _build_document_sample_shuffle_indices}): the epochs needed for the samples asked of it; the document
 * index (the split's documents once per epoch, shuffled by {@code numpy.random.RandomState(seed)}, the last epoch
 * apart when it is less than 80 % used); the sample index ({@code helpers.cpp build_sample_idx}: sequences of
 * {@code seq_length} tokens plus the extra token cut from the documents in that order); and the shuffle index (a
 * permutation of the samples from the same random state). Sample {@code k} of the dataset is then sample
 * {@code shuffle[k]} of the sample index, made of the documents between its start and the next sample's start.
 */
final class GptSampleOrder {
    private final int[] documentIndex;
    /** Per sample index row: its position in the document index (rows + 1 of them). */
    private final long[] sampleDocument;
    private final long[] shuffle;
    final int epochs;
    final long tokensPerEpoch;
    final boolean separateFinalEpoch;

    private GptSampleOrder(int[] documentIndex, long[] sampleDocument, long[] shuffle, int epochs, long tokensPerEpoch,
                           boolean separateFinalEpoch) {
        this.documentIndex = documentIndex;
        this.sampleDocument = sampleDocument;
        this.shuffle = shuffle;
        this.epochs = epochs;
        this.tokensPerEpoch = tokensPerEpoch;
        this.separateFinalEpoch = separateFinalEpoch;
    }

    /**
     * @param sizes      every document's tokens, from the prefix's {@code .idx}
     * @param begin      the split's first document
     * @param end        after its last
     * @param numSamples the samples asked of the dataset
     * @param extra      1 when each sample holds one token more than the sequence (megatron-core's default)
     */
    static GptSampleOrder build(int[] sizes, int begin, int end, long numSamples, int sequenceLength, int extra,
                                long seed) {
        long tokensPerEpoch = 0;
        for (int d = begin; d < end; d++) {
            tokensPerEpoch += sizes[d];
        }
        if (tokensPerEpoch <= 1) {
            throw new IllegalArgumentException("the split holds " + tokensPerEpoch + " tokens: megatron-core cannot "
                    + "build samples from it");
        }
        // megatron-core's _get_num_epochs counts up one epoch at a time; the same number, without the loop
        long requested = Math.addExact(Math.multiplyExact(numSamples, (long) sequenceLength), extra);
        int epochs = Math.toIntExact(Math.max(1, -Math.floorDiv(-requested, tokensPerEpoch)));
        boolean separate = false;
        long samplesSansFinalEpoch = 0;
        if (epochs > 1) {
            samplesSansFinalEpoch = ((epochs - 1) * tokensPerEpoch - extra) / sequenceLength;
            long fromFinalEpoch = numSamples - samplesSansFinalEpoch;
            long perEpoch = (tokensPerEpoch - extra) / sequenceLength;
            if (fromFinalEpoch < 0 || fromFinalEpoch > perEpoch + 1) {
                throw new IllegalStateException("megatron-core's own assertion fails: " + fromFinalEpoch
                        + " samples from the final epoch of " + perEpoch);
            }
            separate = fromFinalEpoch < (long) (0.80 * perEpoch);
        }
        NumpyRandomState random = new NumpyRandomState(seed);
        int[] documentIndex;
        if (!separate) {
            documentIndex = documentIndex(begin, end, epochs, random);
        } else {
            int[] first = documentIndex(begin, end, epochs - 1, random);
            int[] last = documentIndex(begin, end, 1, random);
            documentIndex = new int[first.length + last.length];
            System.arraycopy(first, 0, documentIndex, 0, first.length);
            System.arraycopy(last, 0, documentIndex, first.length, last.length);
        }
        long[] sampleDocument = sampleIndex(sizes, documentIndex, sequenceLength, epochs, tokensPerEpoch, extra);
        int samples = sampleDocument.length - 1;
        long[] shuffle = separate ? shuffleIndex(samplesSansFinalEpoch, samples, random)
                : shuffleIndex(samples, samples, random);
        return new GptSampleOrder(documentIndex, sampleDocument, shuffle, epochs, tokensPerEpoch, separate);
    }

    private static int[] documentIndex(int begin, int end, int epochs, NumpyRandomState random) {
        int documents = end - begin;
        long n = (long) documents * epochs;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " documents over all epochs: more than one array holds");
        }
        int[] index = new int[(int) n];
        for (int e = 0, i = 0; e < epochs; e++) {
            for (int d = begin; d < end; d++) {
                index[i++] = d;
            }
        }
        random.shuffle(index);
        return index;
    }

    /** helpers.cpp's build_sample_idx with drop_last_partial_sequence: each row's position in the document index. */
    private static long[] sampleIndex(int[] sizes, int[] documentIndex, int sequenceLength, int epochs,
                                      long tokensPerEpoch, int extra) {
        long numSamples = (epochs * tokensPerEpoch - extra) / sequenceLength;
        long[] rows = new long[Math.toIntExact(numSamples + 1)];
        int row = 0;
        int documentPosition = 0;
        long offset = 0;
        rows[row++] = documentPosition;
        while (row <= numSamples) {
            long remaining = sequenceLength + extra;
            while (remaining != 0) {
                long length = sizes[documentIndex[documentPosition]] - offset;
                remaining -= length;
                if (remaining <= 0) {
                    offset += remaining + length - extra;
                    remaining = 0;
                } else {
                    if (documentPosition == documentIndex.length - 1) {
                        offset = sizes[documentIndex[documentPosition]] - extra;
                        break;
                    }
                    documentPosition++;
                    offset = 0;
                }
            }
            rows[row++] = documentPosition;
        }
        return rows;
    }

    private static long[] shuffleIndex(long numSamples, long total, NumpyRandomState random) {
        long[] first = new long[Math.toIntExact(numSamples)];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        random.shuffle(first);
        if (numSamples == total) {
            return first;
        }
        long[] last = new long[Math.toIntExact(total - numSamples)];
        for (int i = 0; i < last.length; i++) {
            last[i] = numSamples + i;
        }
        random.shuffle(last);
        long[] all = new long[first.length + last.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(last, 0, all, first.length, last.length);
        return all;
    }

    /** The dataset's length: the sample index's rows less one. */
    long length() {
        return sampleDocument.length - 1;
    }

    /** Calls back with each document of sample {@code k}, in order. */
    void documents(long k, java.util.function.IntConsumer document) {
        int i = (int) shuffle[Math.toIntExact(k)];
        for (long p = sampleDocument[i]; p <= sampleDocument[i + 1]; p++) {
            document.accept(documentIndex[(int) p]);
        }
    }
}
