package org.corpusforge.filters.toxicity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.corpusforge.filters.text.JapaneseNormalizer;
import org.corpusforge.filters.text.StableHashes;

/**
 * A small linear toxicity model: character 1- to 3-grams of the normalised text, hashed into 2^18 buckets
 * (presence, L2-normalised), and logistic regression trained with AdaGrad in a seeded order, the classes weighed
 * equally however rare the toxic examples are, so the same data
 * always gives the same model. Pure Java; the model file is plain text.
 */
public final class ToxicityClassifier {
    static final int BUCKETS = 1 << 18;
    private static final String HEADER = "corpusforge-toxicity-model 1";
    private final double[] weights;
    private double bias;
    private final JapaneseNormalizer normalizer = new JapaneseNormalizer();

    private ToxicityClassifier(double[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** The probability that the text is toxic. */
    public double probability(String text) {
        int[] features = features(normalizer.normalize(text));
        double z = bias;
        double norm = features.length == 0 ? 1 : Math.sqrt(features.length);
        for (int f : features) {
            z += weights[f] / norm;
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    static int[] features(String text) {
        int[] cps = text.codePoints().toArray();
        List<Integer> out = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= cps.length; i++) {
                long h = StableHashes.of(new String(cps, i, n)) ^ n;
                out.add((int) ((StableHashes.fmix64(h) >>> 1) % BUCKETS));
            }
        }
        return out.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    }

    /** Trains on texts with labels (true: toxic). */
    public static ToxicityClassifier train(List<String> texts, List<Boolean> labels, int epochs, long seed) {
        JapaneseNormalizer normalizer = new JapaneseNormalizer();
        List<int[]> xs = texts.stream().map(t -> features(normalizer.normalize(t))).toList();
        double[] w = new double[BUCKETS];
        double[] g2 = new double[BUCKETS];
        double b = 0;
        double gb2 = 0;
        double rate = 0.5;
        double l2 = 1e-5;
        Integer[] order = new Integer[xs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        // toxic examples are rare in public data (19 of 302 in Inspection AI's rows): weigh the classes equally
        long positives = labels.stream().filter(l -> l).count();
        double positiveWeight = positives == 0 ? 1.0 : (double) (labels.size() - positives) / positives;
        for (int epoch = 0; epoch < epochs; epoch++) {
            java.util.Collections.shuffle(Arrays.asList(order), random);
            for (int i : order) {
                int[] x = xs.get(i);
                double norm = x.length == 0 ? 1 : Math.sqrt(x.length);
                double z = b;
                for (int f : x) {
                    z += w[f] / norm;
                }
                double p = 1.0 / (1.0 + Math.exp(-z));
                double error = (p - (labels.get(i) ? 1.0 : 0.0)) * (labels.get(i) ? positiveWeight : 1.0);
                for (int f : x) {
                    double g = error / norm + l2 * w[f];
                    g2[f] += g * g;
                    w[f] -= rate * g / Math.sqrt(g2[f] + 1e-8);
                }
                gb2 += error * error;
                b -= rate * error / Math.sqrt(gb2 + 1e-8);
            }
        }
        return new ToxicityClassifier(w, b);
    }

    public void save(Writer out) throws IOException {
        out.write(HEADER + "\n");
        out.write(String.format(Locale.ROOT, "bias %.17g%n", bias));
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) {
                out.write(String.format(Locale.ROOT, "%d %.17g%n", i, weights[i]));
            }
        }
    }

    public static ToxicityClassifier load(Reader in) throws IOException {
        BufferedReader r = new BufferedReader(in);
        if (!HEADER.equals(r.readLine())) {
            throw new IOException("not a corpusforge toxicity model (expected the line '" + HEADER + "')");
        }
        String[] biasLine = r.readLine().split(" ");
        double[] w = new double[BUCKETS];
        String line;
        while ((line = r.readLine()) != null) {
            String[] parts = line.split(" ");
            w[Integer.parseInt(parts[0])] = Double.parseDouble(parts[1]);
        }
        return new ToxicityClassifier(w, Double.parseDouble(biasLine[1]));
    }
}
