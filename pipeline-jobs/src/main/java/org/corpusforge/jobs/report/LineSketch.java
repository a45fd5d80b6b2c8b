package org.corpusforge.jobs.report;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.spark.util.AccumulatorV2;

/**
 * The boilerplate lines removed, as a frequent-items sketch (DataSketches; the most frequent lines with error
 * bounds, in bounded memory), built by the tasks that clean the documents and merged on the driver.
 */
public final class LineSketch extends AccumulatorV2<String, LineSketch> {
    private static final long serialVersionUID = 1L;
    static final int MAX_MAP_SIZE = 1 << 10;
    private transient ItemsSketch<String> sketch = new ItemsSketch<>(MAX_MAP_SIZE);

    public ItemsSketch<String> sketch() {
        return sketch;
    }

    @Override
    public boolean isZero() {
        return sketch.isEmpty();
    }

    @Override
    public LineSketch copy() {
        LineSketch copy = new LineSketch();
        copy.sketch.merge(sketch);
        return copy;
    }

    @Override
    public void reset() {
        sketch = new ItemsSketch<>(MAX_MAP_SIZE);
    }

    @Override
    public void add(String line) {
        sketch.update(line);
    }

    @Override
    public void merge(AccumulatorV2<String, LineSketch> other) {
        sketch.merge(((LineSketch) other).sketch);
    }

    @Override
    public LineSketch value() {
        return this;
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(sketch.toByteArray(new ArrayOfStringsSerDe()));
    }

    public static ItemsSketch<String> ofBase64(String base64) {
        return ItemsSketch.getInstance(Memory.wrap(Base64.getDecoder().decode(base64)), new ArrayOfStringsSerDe());
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        byte[] bytes = sketch.toByteArray(new ArrayOfStringsSerDe());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        sketch = ItemsSketch.getInstance(Memory.wrap(bytes), new ArrayOfStringsSerDe());
    }

    /** Spark's own toString prints value(), which is this sketch. */
    @Override
    public String toString() {
        return "LineSketch(" + sketch.getStreamLength() + " lines)";
    }
}
