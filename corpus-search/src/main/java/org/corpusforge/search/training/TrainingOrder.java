package org.corpusforge.search.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which iterations of a Megatron-LM GPT training read each document of the prefixes asked about, the way
 * megatron-core builds the training split (BlendedMegatronDatasetBuilder, BlendedDataset, GPTDataset): with
 * weights, each prefix is asked {@code ceil(ceil(train_samples x weight) x (1 + surplus))} samples and the blend of
 * {@code sum(ceil(train_samples x weight))} samples draws from the prefix whose share lags most
 * ({@code build_blending_indices}); without, the one prefix is the training dataset. Megatron's pretraining sampler
 * reads the blend in order, one global batch per iteration, so sample {@code s} is read at iteration
 * {@code s / global_batch_size + 1}.
 *
 * <p>Only the asked prefixes' token counts are needed: the blend's order depends on the weights alone. The cost is
 * one pass over the training samples times the prefixes (as megatron-core's own C++), and memory for the asked
 * prefixes' indices.
 */
public final class TrainingOrder {
    private TrainingOrder() {}

    /** One asked prefix's answer: per document, the iterations reading it, ascending (none: never read). */
    public record PrefixReads(int prefix, int documents, int[] trainRange, int epochs, long tokensPerEpoch,
                              long samplesAsked, boolean separateFinalEpoch, long[] offsets, int[] iterations) {
        public int[] iterationsOf(int document) {
            return Arrays.copyOfRange(iterations, (int) offsets[document], (int) offsets[document + 1]);
        }
    }

    /**
     * @param sizes per asked prefix (its index in the settings' list), every document's tokens as its {@code .idx}
     *              holds them
     */
    public static Map<Integer, PrefixReads> compute(TrainingSettings settings, Map<Integer, int[]> sizes,
                                                    long memoryBudget) {
        int extra = settings.extraToken() ? 1 : 0;
        long train = settings.trainSamples();
        long needed = memoryNeeded(settings, sizes);
        if (needed > memoryBudget) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "these settings need about %.1f "
                    + "GiB for megatron-core's indices of %d training samples, more than the %.1f GiB this process "
                    + "has for them (CORPUSFORGE_HEAP)", needed / (double) (1L << 30), train,
                    memoryBudget / (double) (1L << 30)));
        }
        Map<Integer, GptSampleOrder> orders = new LinkedHashMap<>();
        Map<Integer, Long> asked = new LinkedHashMap<>();
        Map<Integer, int[]> ranges = new LinkedHashMap<>();
        double[] weights = null;
        long[] targets = null;
        if (settings.weights() != null) {
            double[] raw = settings.weights().stream().mapToDouble(Double::doubleValue).toArray();
            weights = NumpyFloats.normalize(raw);
            targets = new long[weights.length];
            for (int d = 0; d < weights.length; d++) {
                targets[d] = (long) Math.ceil(train * weights[d]);
            }
        }
        for (Map.Entry<Integer, int[]> e : sizes.entrySet()) {
            int d = e.getKey();
            long samples = weights == null ? train
                    : (long) Math.ceil(Math.ceil(train * weights[d]) * (1 + settings.surplus()));
            int[] range = settings.trainRange(e.getValue().length);
            orders.put(d, GptSampleOrder.build(e.getValue(), range[0], range[1], samples, settings.sequenceLength(),
                    extra, settings.seed()));
            asked.put(d, samples);
            ranges.put(d, range);
        }
        Map<Integer, LongList> pairs = new LinkedHashMap<>();
        orders.keySet().forEach(d -> pairs.put(d, new LongList()));
        long consumed = train;
        int batch = settings.globalBatchSize();
        if (weights == null) {
            GptSampleOrder only = orders.get(0);
            LongList out = pairs.get(0);
            for (long s = 0; s < consumed; s++) {
                long iteration = s / batch + 1;
                only.documents(s, doc -> out.add(((long) doc << 32) | iteration));
            }
        } else {
            // BlendedDataset with size = the sum of the targets, weights normalised once more
            double[] blend = NumpyFloats.normalize(weights);
            long size = Arrays.stream(targets).sum();
            long[] current = new long[blend.length];
            for (long s = 0; s < Math.min(size, consumed); s++) {
                double at = Math.max((double) s, 1.0);
                int best = 0;
                double maxError = blend[0] * at - (double) current[0];
                for (int d = 1; d < blend.length; d++) {
                    double error = blend[d] * at - (double) current[d];
                    if (error > maxError) {
                        maxError = error;
                        best = d;
                    }
                }
                long sample = current[best]++;
                GptSampleOrder order = orders.get(best);
                if (order != null) {
                    if (sample >= order.length()) {
                        throw new IllegalStateException("the blend oversamples prefix " + best + ": sample " + sample
                                + " of " + order.length() + " (megatron-core raises IndexError)");
                    }
                    long iteration = s / batch + 1;
                    LongList out = pairs.get(best);
                    order.documents(sample, doc -> out.add(((long) doc << 32) | iteration));
                }
            }
        }
        Map<Integer, PrefixReads> result = new LinkedHashMap<>();
        for (Map.Entry<Integer, GptSampleOrder> e : orders.entrySet()) {
            int d = e.getKey();
            result.put(d, reads(d, sizes.get(d).length, ranges.get(d), e.getValue(), asked.get(d),
                    pairs.get(d).sortedDistinct()));
        }
        return result;
    }

    /**
     * The memory {@link #compute} will hold, from arithmetic alone (nothing is allocated): per asked prefix, the
     * document index (epochs x documents ints), the sample index and shuffle index (longs per sample), and the
     * (document, iteration) pairs of the samples it reads (about one per document a sample touches, held three times
     * while sorting). Settings whose numbers overflow a long need {@link Long#MAX_VALUE}.
     */
    static long memoryNeeded(TrainingSettings settings, Map<Integer, int[]> sizes) {
        int extra = settings.extraToken() ? 1 : 0;
        long train = settings.trainSamples();
        double[] weights = settings.weights() == null ? null
                : NumpyFloats.normalize(settings.weights().stream().mapToDouble(Double::doubleValue).toArray());
        long needed = 0;
        try {
            for (Map.Entry<Integer, int[]> e : sizes.entrySet()) {
                int[] range = settings.trainRange(e.getValue().length);
                long tokensPerEpoch = 0;
                for (int d = range[0]; d < range[1]; d++) {
                    tokensPerEpoch += e.getValue()[d];
                }
                long documents = range[1] - range[0];
                if (tokensPerEpoch <= 1 || documents == 0) {
                    continue; // GptSampleOrder refuses it with its own message
                }
                double share = weights == null ? 1 : weights[e.getKey()];
                long read = (long) Math.ceil(train * share);
                long asked = weights == null ? train : (long) Math.ceil(read * (1 + settings.surplus()));
                long requested = Math.addExact(Math.multiplyExact(asked, (long) settings.sequenceLength()), extra);
                long epochs = Math.max(1, -Math.floorDiv(-requested, tokensPerEpoch));
                long samples = (Math.multiplyExact(epochs, tokensPerEpoch) - extra) / settings.sequenceLength();
                long documentsPerSample = 1 - Math.floorDiv(-(settings.sequenceLength() + (long) extra),
                        Math.max(1, tokensPerEpoch / documents));
                needed = Math.addExact(needed, Math.multiplyExact(Math.multiplyExact(epochs, documents), 4));
                needed = Math.addExact(needed, Math.multiplyExact(samples + 1, 8 * 3));
                needed = Math.addExact(needed, Math.multiplyExact(Math.multiplyExact(read, documentsPerSample), 8 * 3));
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return needed;
    }

    private static PrefixReads reads(int prefix, int documents, int[] range, GptSampleOrder order, long asked,
                                     long[] pairs) {
        long[] offsets = new long[documents + 1];
        int[] iterations = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            offsets[(int) (pairs[i] >>> 32) + 1]++;
            iterations[i] = (int) pairs[i];
        }
        for (int d = 0; d < documents; d++) {
            offsets[d + 1] += offsets[d];
        }
        return new PrefixReads(prefix, documents, range, order.epochs, order.tokensPerEpoch, asked,
                order.separateFinalEpoch, offsets, iterations);
    }

    /** A growable array of longs. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, 2L * size)));
            }
            values[size++] = v;
        }

        long[] sortedDistinct() {
            long[] v = Arrays.copyOf(values, size);
            Arrays.sort(v);
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (n == 0 || v[n - 1] != v[i]) {
                    v[n++] = v[i];
                }
            }
            return Arrays.copyOf(v, n);
        }
    }
}
