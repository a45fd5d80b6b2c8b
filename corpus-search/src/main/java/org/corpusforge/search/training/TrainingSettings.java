package org.corpusforge.search.training;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Megatron-LM GPT training run's data settings, as its command line gives them: {@code --data-path} (one prefix,
 * or weights and prefixes), {@code --split}, {@code --seq-length}, {@code --global-batch-size},
 * {@code --train-iters}, {@code --seed}, megatron-core's {@code mid_level_dataset_surplus} and
 * {@code add_extra_token_to_sequence}. ({@code --eval-iters} and {@code --eval-interval} size the validation split
 * only: the training split's order does not depend on them.)
 *
 * @param weights null: one prefix without a weight
 */
public record TrainingSettings(List<String> prefixes, List<Double> weights, String split, int sequenceLength,
                               int globalBatchSize, long trainIterations, long seed, double surplus,
                               boolean extraToken) {
    public static final String DEFAULT_SPLIT = "969,30,1";
    public static final long DEFAULT_SEED = 1234;
    public static final double DEFAULT_SURPLUS = 0.005;

    public TrainingSettings {
        prefixes = List.copyOf(prefixes);
        weights = weights == null ? null : List.copyOf(weights);
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("--data-path: no prefix");
        }
        if (weights == null && prefixes.size() > 1) {
            throw new IllegalArgumentException("--data-path: several prefixes need a weight each (W1 PREFIX1 W2 PREFIX2 ...)");
        }
        if (weights != null && weights.stream().anyMatch(w -> !(w > 0) || w.isInfinite())) {
            throw new IllegalArgumentException("--data-path: every weight must be a positive number: " + weights);
        }
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("--seq-length " + sequenceLength + ": at least 2");
        }
        if (sequenceLength + (extraToken ? 1L : 0) > Integer.MAX_VALUE) {
            // megatron-core's helpers.cpp holds seq_length + add_extra_token_to_sequence in an int32
            throw new IllegalArgumentException("--seq-length " + sequenceLength + ": with the extra token, more than "
                    + "megatron-core's helpers hold in an int32 (2^31 - 1)");
        }
        if (globalBatchSize < 1) {
            throw new IllegalArgumentException("--global-batch-size " + globalBatchSize + ": at least 1");
        }
        if (trainIterations < 1) {
            throw new IllegalArgumentException("--train-iters " + trainIterations + ": at least 1");
        }
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("--seed " + seed + ": numpy takes 0 to 2^32 - 1");
        }
        if (Math.multiplyHigh(trainIterations, globalBatchSize) != 0
                || trainIterations * globalBatchSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--train-iters x --global-batch-size: more samples than one array holds");
        }
        splitVector(split);
    }

    /** A {@code --data-path}: its prefixes and, unless it is one prefix alone, their weights (else null). */
    public record DataPath(List<String> prefixes, List<Double> weights) {}

    /** {@code --data-path} as Megatron reads it: {@code PREFIX}, or {@code W1 PREFIX1 W2 PREFIX2 ...}. */
    public static DataPath parseDataPath(String dataPath) {
        String[] words = dataPath.trim().split("\\s+");
        if (words.length == 1 && !words[0].isEmpty()) {
            return new DataPath(List.of(words[0]), null);
        }
        if (words.length % 2 != 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("--data-path \"" + dataPath + "\": give PREFIX or W1 PREFIX1 W2 PREFIX2 ...");
        }
        List<String> prefixes = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < words.length; i += 2) {
            try {
                weights.add(Double.parseDouble(words[i]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--data-path: \"" + words[i] + "\" is not a weight (W1 PREFIX1 W2 PREFIX2 ...)");
            }
            prefixes.add(words[i + 1]);
        }
        return new DataPath(prefixes, weights);
    }

    public long trainSamples() {
        return trainIterations * globalBatchSize;
    }

    /** megatron-core's parse_and_normalize_split: the numbers in the string, three of them, normalised. */
    static double[] splitVector(String split) {
        Matcher m = Pattern.compile("[.0-9]+").matcher(split);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            try {
                values.add(Double.parseDouble(m.group()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--split \"" + split + "\": " + m.group() + " is not a number");
            }
        }
        if (values.size() > 3 || values.isEmpty()) {
            throw new IllegalArgumentException("--split \"" + split + "\": give up to three weights, train,valid,test");
        }
        double[] vector = new double[3];
        for (int i = 0; i < values.size(); i++) {
            vector[i] = values.get(i);
        }
        if (!(vector[0] > 0)) {
            throw new IllegalArgumentException("--split \"" + split + "\": the training split is empty");
        }
        return NumpyFloats.normalize(vector);
    }

    static final String[] SPLITS = {"train", "valid", "test"};

    /**
     * The split a prefix of {@code documents} would leave empty though its weight asks for documents, or null.
     * megatron-core builds every split with a weight (BlendedMegatronDatasetBuilder), and a GPTDataset over no tokens
     * never finishes counting its epochs: the training hangs before its first step.
     */
    public String emptySplit(int documents) {
        double[] v = splitVector(split);
        double start = 0;
        for (int i = 0; i < 3; i++) {
            double stop = start + v[i];
            if (v[i] > 0 && Math.rint(start * (double) documents) >= Math.rint(stop * (double) documents)) {
                return SPLITS[i];
            }
            start = stop;
        }
        return null;
    }

    /** The training split's documents of a prefix of {@code documents}: [begin, end), rounded as Python rounds. */
    int[] trainRange(int documents) {
        double[] v = splitVector(split);
        // convert_split_vector_to_split_matrix: the training bookend is (0, v[0])
        double start = 0;
        double stop = 0 + v[0];
        return new int[] {(int) Math.rint(start * (double) documents), (int) Math.rint(stop * (double) documents)};
    }
}
