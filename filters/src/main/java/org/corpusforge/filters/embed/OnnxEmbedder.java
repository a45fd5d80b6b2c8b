package org.corpusforge.filters.embed;

import java.util.ArrayList;
import java.util.List;
import org.corpusforge.filters.classify.OnnxModel;

/**
 * A sentence-embedding model exported to ONNX (an e5- or ruri-style BERT encoder) with its {@code tokenizer.json}, run
 * by ONNX Runtime as the classifier stage runs its models: texts get their prefix ({@code "query: "} and
 * {@code "passage: "} for e5), are encoded and batched, and the token states are pooled (the mean over the attention
 * mask, or the first token's) and, if asked, scaled to unit length. A model whose output is already one vector per
 * text is taken as it is.
 */
public final class OnnxEmbedder implements AutoCloseable {
    public enum Pooling { MEAN, CLS }

    private final OnnxModel model;
    private final Pooling pooling;
    private final boolean normalize;

    /** @throws IllegalArgumentException naming what the model or tokenizer lacks */
    public OnnxEmbedder(byte[] model, byte[] tokenizerJson, int maxTokens, Pooling pooling, boolean normalize) {
        this.model = OnnxModel.encoder(model, tokenizerJson, maxTokens);
        this.pooling = pooling;
        this.normalize = normalize;
    }

    /** The vectors' width, or -1 when the model leaves it to the run. */
    public int dimensions() {
        return model.width();
    }

    /** Each text's vector, in order. */
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        if (texts.isEmpty()) {
            return out;
        }
        OnnxModel.Output batch = model.run(texts);
        long[] shape = batch.shape();
        int hidden = (int) shape[shape.length - 1];
        for (int row = 0; row < texts.size(); row++) {
            float[] v = new float[hidden];
            if (shape.length == 2) {
                System.arraycopy(batch.values(), row * hidden, v, 0, hidden);
            } else {
                int sequence = (int) shape[1];
                int base = row * sequence * hidden;
                if (pooling == Pooling.CLS) {
                    System.arraycopy(batch.values(), base, v, 0, hidden);
                } else {
                    // the mean of the attended tokens' states, summed in double as sentence-transformers' float32
                    // sum would differ by rounding only
                    double[] sum = new double[hidden];
                    long attended = 0;
                    for (int t = 0; t < sequence; t++) {
                        if (batch.mask()[row * batch.length() + t] != 0) {
                            attended++;
                            for (int h = 0; h < hidden; h++) {
                                sum[h] += batch.values()[base + t * hidden + h];
                            }
                        }
                    }
                    for (int h = 0; h < hidden; h++) {
                        v[h] = (float) (sum[h] / Math.max(1, attended));
                    }
                }
            }
            if (normalize) {
                double norm = 0;
                for (float x : v) {
                    norm += (double) x * x;
                }
                norm = Math.sqrt(norm);
                for (int h = 0; h < hidden; h++) {
                    v[h] = (float) (v[h] / Math.max(norm, 1e-12));
                }
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
