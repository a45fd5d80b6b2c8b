package org.corpusforge.filters.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX model's logits under the names the configuration gives its output columns (the model itself carries
 * none), as logits or as probabilities: a softmax over the columns, or a sigmoid when the model has one column.
 */
public final class OnnxClassifier implements TextClassifier {
    /** What the scores are. */
    public enum Output { PROBABILITY, LOGIT }

    private final OnnxModel model;
    private final List<String> labels;
    private final Output output;

    /** @throws IllegalArgumentException when the model's output has a different number of columns */
    public OnnxClassifier(OnnxModel model, List<String> labels, Output output) {
        if (model.width() > 0 && model.width() != labels.size()) {
            throw new IllegalArgumentException("the model gives " + model.width() + " logits per text and "
                    + labels.size() + " labels name them: " + labels);
        }
        this.model = model;
        this.labels = List.copyOf(labels);
        this.output = output;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<double[]> scores(List<String> texts) {
        List<double[]> rows = new ArrayList<>(texts.size());
        for (float[] logits : model.logits(texts)) {
            if (logits.length != labels.size()) {
                throw new IllegalStateException("the model gave " + logits.length + " logits for "
                        + labels.size() + " labels");
            }
            rows.add(output == Output.LOGIT ? widen(logits) : probabilities(logits));
        }
        return rows;
    }

    /** Softmax over the logits, in double, the largest subtracted first; a single logit through the sigmoid. */
    static double[] probabilities(float[] logits) {
        double[] p = new double[logits.length];
        if (logits.length == 1) {
            p[0] = 1.0 / (1.0 + Math.exp(-logits[0]));
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] widen(float[] logits) {
        double[] wide = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            wide[i] = logits[i];
        }
        return wide;
    }
}
