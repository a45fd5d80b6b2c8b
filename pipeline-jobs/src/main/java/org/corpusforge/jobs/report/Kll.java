package org.corpusforge.jobs.report;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Base64;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A KLL quantiles sketch of one measurement (DataSketches; k = 200, about 1.3 % rank error), as report.json of
 * version 1 stores it (base64), read back so that {@code report DIR} draws an older corpus's report again. New runs
 * use {@link Histogram}: KLL compacts at random, and its result depends on the order sketches are merged in.
 */
public final class Kll implements Serializable, Distribution {
    private static final long serialVersionUID = 1L;
    static final int K = 200;
    private transient KllDoublesSketch sketch;

    public Kll() {
        sketch = KllDoublesSketch.newHeapInstance(K);
    }

    private Kll(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    public void add(double value) {
        if (!Double.isNaN(value)) {
            sketch.update(value);
        }
    }

    public Kll merge(Kll other) {
        sketch.merge(other.sketch);
        return this;
    }

    public KllDoublesSketch sketch() {
        return sketch;
    }

    @Override
    public long count() {
        return sketch.getN();
    }

    @Override
    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    @Override
    public double min() {
        return sketch.getMinItem();
    }

    @Override
    public double max() {
        return sketch.getMaxItem();
    }

    @Override
    public double[] counts(double[] edges) {
        double[] pmf = sketch.getPMF(edges, org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
        double[] counts = new double[edges.length + 1];
        for (int i = 0; i < Math.min(counts.length, pmf.length); i++) {
            counts[i] = pmf[i] * sketch.getN();
        }
        return counts;
    }

    @Override
    public double median() {
        return sketch.getQuantile(0.5, org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(sketch.toByteArray());
    }

    public static Kll ofBase64(String base64) {
        return new Kll(KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(base64))));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        byte[] bytes = sketch.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private void readObject(ObjectInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
    }
}
