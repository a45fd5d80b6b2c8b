package org.corpusforge.jobs.report;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Base64;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A KLL quantiles sketch of one measurement (DataSketches; k = 200, about 1.3 % rank error, a few KB whatever the
 * count), Java-serialisable so that tasks can build it and the driver merge it, and storable as base64.
 */
public final class Kll implements Serializable {
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

    public long count() {
        return sketch.getN();
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
