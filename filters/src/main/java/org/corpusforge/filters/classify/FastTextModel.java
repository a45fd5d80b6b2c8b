package org.corpusforge.filters.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fastText supervised model ({@code .bin}, or quantised {@code .ftz}) read and run in the JVM, computing what
 * fastText 0.9's {@code predict-prob} computes, in the same float arithmetic and order: the line's words (split at
 * ASCII whitespace, {@code </s>} at the end of a line), their character n-grams and the word n-grams hashed into the
 * buckets (FNV-1a over the UTF-8 bytes, sign-extended as fastText's {@code int8_t} cast does), the hidden layer as
 * the mean of those input rows, then softmax, one-vs-all sigmoids or the hierarchical softmax over the labels, and
 * {@code log(p + 1e-5)} scores, so that the probabilities printed are {@code p + 1e-5}, as fastText's are.
 * Immutable once loaded; safe to share between threads.
 */
public final class FastTextModel {
    private static final int MAGIC = 793712314;
    private static final String EOS = "</s>";
    private static final int LOSS_HS = 1;
    private static final int LOSS_NS = 2;
    private static final int LOSS_SOFTMAX = 3;
    private static final int LOSS_OVA = 4;
    private static final int MODEL_SUPERVISED = 3;
    private static final int SIGMOID_TABLE_SIZE = 512;
    private static final int MAX_SIGMOID = 8;
    private static final float[] SIGMOID = new float[SIGMOID_TABLE_SIZE + 1];

    static {
        for (int i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
            float x = (float) (i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
            // fastText: 1.0 / (1.0 + std::exp(-x)) with a float x, so a float exp in a double sum
            SIGMOID[i] = (float) (1.0 / (1.0 + expf(-x)));
        }
    }

    private final int dim;
    private final int wordNgrams;
    private final int loss;
    private final int bucket;
    private final int minn;
    private final int maxn;
    private static final String LABEL_PREFIX = "__label__";
    private final int nwords;
    private final String[] labels;
    private final byte[][] wordBytes;
    /** Open addressing over the dictionary by fastText's word hash: word index, or -1. */
    private final int[] table;
    private static final byte[] EOS_BYTES = EOS.getBytes(StandardCharsets.UTF_8);
    private static final byte[] LABEL_BYTES = LABEL_PREFIX.getBytes(StandardCharsets.UTF_8);
    private final int[][] subwords;
    private final Map<Integer, Integer> pruned;
    private final Rows input;
    private final Rows output;
    private final int[][] tree;

    /** One prediction: a label (with its {@code __label__} prefix) and its probability as fastText prints it. */
    public record Prediction(String label, float probability) {}

    private FastTextModel(Reader in) throws IOException {
        if (in.int32() != MAGIC) {
            throw new IOException("not a fastText model (no magic number)");
        }
        int version = in.int32();
        if (version != 11 && version != 12) {
            throw new IOException("fastText model version " + version + " (11 and 12 are read)");
        }
        dim = in.int32();
        in.int32(); // ws
        in.int32(); // epoch
        in.int32(); // minCount
        in.int32(); // neg
        wordNgrams = in.int32();
        loss = in.int32();
        int model = in.int32();
        bucket = in.int32();
        int minnRead = in.int32();
        int maxnRead = in.int32();
        in.int32(); // lrUpdateRate
        in.float64(); // t
        if (model != MODEL_SUPERVISED) {
            throw new IOException("not a supervised fastText model (model " + model + ")");
        }
        minn = minnRead;
        maxn = version == 11 ? 0 : maxnRead;
        int size = in.int32();
        nwords = in.int32();
        int nlabels = in.int32();
        in.int64(); // ntokens
        long pruneSize = in.int64();
        String[] words = new String[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            words[i] = in.cString();
            counts[i] = in.int64();
            in.int8(); // type: the first nwords are words, the rest labels
        }
        pruned = pruneSize < 0 ? null : new HashMap<>();
        for (long i = 0; i < pruneSize; i++) {
            pruned.put(in.int32(), in.int32());
        }
        wordBytes = new byte[size][];
        table = new int[Integer.highestOneBit(Math.max(2, size) * 2) * 2];
        Arrays.fill(table, -1);
        for (int i = 0; i < size; i++) {
            wordBytes[i] = words[i].getBytes(StandardCharsets.UTF_8);
            int slot = hash(wordBytes[i]) & (table.length - 1);
            while (table[slot] != -1) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = i;
        }
        labels = Arrays.copyOfRange(words, nwords, size);
        long[] labelCounts = Arrays.copyOfRange(counts, nwords, size);
        if (labels.length != nlabels) {
            throw new IOException("the dictionary holds " + labels.length + " labels, its header says " + nlabels);
        }
        subwords = new int[size][];
        for (int i = 0; i < size; i++) {
            IntList ngrams = new IntList(8);
            ngrams.add(i);
            if (!words[i].equals(EOS)) {
                addCharNgrams(words[i], ngrams);
            }
            subwords[i] = java.util.Arrays.copyOf(ngrams.values, ngrams.size);
        }
        boolean quantisedInput = in.bool();
        input = quantisedInput ? QuantRows.read(in) : DenseRows.read(in);
        boolean quantisedOutput = in.bool();
        output = quantisedInput && quantisedOutput ? QuantRows.read(in) : DenseRows.read(in);
        if (input.columns() != dim || output.columns() != dim || output.rows() != nlabels) {
            throw new IOException("matrix shapes do not fit the dimension " + dim + " and " + nlabels + " labels");
        }
        if (loss != LOSS_SOFTMAX && loss != LOSS_OVA && loss != LOSS_HS && loss != LOSS_NS) {
            throw new IOException("unknown loss " + loss);
        }
        tree = loss == LOSS_HS ? huffman(labelCounts) : null;
    }

    public static FastTextModel read(InputStream in) throws IOException {
        return new FastTextModel(new Reader(in));
    }

    public List<String> labels() {
        return List.of(labels);
    }

    /**
     * The {@code k} most probable labels of one line (its text up to the first line break, as fastText reads a line),
     * most probable first; empty when the line has no word.
     */
    public List<Prediction> predict(String line, int k) {
        return predict(line, k, true);
    }

    /**
     * As {@link #predict(String, int)}; {@code endOfLine} false for a last line without a line break, which fastText
     * reads without the {@code </s>} a line break gives.
     */
    public List<Prediction> predict(String line, int k, boolean endOfLine) {
        return predict(inputRows(line, endOfLine), k);
    }

    /** As {@link #predict(String, int, boolean)}, for the UTF-8 bytes {@code utf8[from, to)} of a line (as fastText reads bytes). */
    public List<Prediction> predict(byte[] utf8, int from, int to, int k, boolean endOfLine) {
        return predict(inputRows(utf8, from, to, endOfLine), k);
    }

    private List<Prediction> predict(int[] rows, int k) {
        if (rows.length == 0) {
            return List.of();
        }
        float[] hidden = new float[dim];
        for (int row : rows) {
            input.addRow(row, hidden);
        }
        float scale = (float) (1.0 / rows.length);
        for (int j = 0; j < dim; j++) {
            hidden[j] *= scale;
        }
        PredictionHeap heap = new PredictionHeap(k);
        if (loss == LOSS_HS) {
            dfs(k, 2 * labels.length - 2, 0f, heap, hidden);
        } else {
            float[] out = new float[labels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = output.dot(i, hidden);
            }
            if (loss == LOSS_SOFTMAX) {
                softmax(out);
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] = sigmoid(out[i]);
                }
            }
            for (int i = 0; i < out.length; i++) {
                heap.offer(stdLog(out[i]), i);
            }
        }
        List<Prediction> result = new ArrayList<>(heap.size());
        for (float[] p : heap.sorted()) {
            result.add(new Prediction(labels[(int) p[1]], expf(p[0])));
        }
        return result;
    }

    /** The input rows of a line: each word's id and character n-grams (or an unknown word's n-grams), then the word n-grams. */
    int[] inputRows(String line, boolean endOfLine) {
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        int end = 0;
        while (end < utf8.length && utf8[end] != '\n') {
            end++;
        }
        return inputRows(utf8, 0, end, endOfLine);
    }

    /** The input rows of the line {@code utf8[from, to)} (no line break inside). */
    int[] inputRows(byte[] utf8, int from, int to, boolean endOfLine) {
        IntList rows = new IntList(64);
        IntList wordHashes = new IntList(16);
        int start = -1;
        for (int i = from; i <= to; i++) {
            boolean space = i == to || isSpace(utf8[i]);
            if (space && start >= 0) {
                addWord(utf8, start, i, rows, wordHashes);
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        if (endOfLine) {
            addWord(EOS_BYTES, 0, EOS_BYTES.length, rows, wordHashes);
        }
        for (int i = 0; i < wordHashes.size; i++) {
            long h = wordHashes.values[i]; // int32 sign-extended to uint64, as fastText does
            for (int j = i + 1; j < wordHashes.size && j < i + wordNgrams; j++) {
                h = h * 116049371L + wordHashes.values[j];
                pushHash(rows, (int) (h >= 0 ? h % bucket : Long.remainderUnsigned(h, bucket)));
            }
        }
        return Arrays.copyOf(rows.values, rows.size);
    }

    /** fastText's word separators: ASCII whitespace and NUL (a line break ends the line before this). */
    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\r' || b == '\t' || b == 0x0B || b == '\f' || b == 0;
    }

    /** One token of a line: its rows (id and subwords, or an unknown word's n-grams) and its hash; labels skipped. */
    private void addWord(byte[] b, int from, int to, IntList rows, IntList wordHashes) {
        int h = hash(b, from, to);
        int id = lookup(b, from, to, h);
        boolean label = id >= 0 ? id >= nwords : startsWith(b, from, to, LABEL_BYTES);
        if (label) {
            return;
        }
        if (id < 0) {
            if (!Arrays.equals(b, from, to, EOS_BYTES, 0, EOS_BYTES.length)) {
                addCharNgrams(b, from, to, rows);
            }
        } else if (maxn <= 0) {
            rows.add(id);
        } else {
            for (int s : subwords[id]) {
                rows.add(s);
            }
        }
        wordHashes.add(h);
    }

    private int lookup(byte[] b, int from, int to, int h) {
        int mask = table.length - 1;
        for (int slot = h & mask; table[slot] != -1; slot = (slot + 1) & mask) {
            byte[] w = wordBytes[table[slot]];
            if (Arrays.equals(w, 0, w.length, b, from, to)) {
                return table[slot];
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(b, from, from + prefix.length, prefix, 0, prefix.length);
    }

    /** A growable int array (the rows of a line), without boxing. */
    private static final class IntList {
        int[] values;
        int size;

        IntList(int capacity) {
            values = new int[capacity];
        }

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    private void addCharNgrams(String word, IntList out) {
        byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
        addCharNgrams(utf8, 0, utf8.length, out);
    }

    /** The character n-grams of {@code <word>}, as fastText's computeSubwords. */
    private void addCharNgrams(byte[] word, int from, int to, IntList out) {
        byte[] bytes = new byte[to - from + 2];
        bytes[0] = '<';
        System.arraycopy(word, from, bytes, 1, to - from);
        bytes[bytes.length - 1] = '>';
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) == 0x80) {
                continue;
            }
            int j = i;
            for (int n = 1; j < bytes.length && n <= maxn; n++) {
                j++;
                while (j < bytes.length && (bytes[j] & 0xC0) == 0x80) {
                    j++;
                }
                if (n >= minn && !(n == 1 && (i == 0 || j == bytes.length))) {
                    int h = hash(bytes, i, j);
                    pushHash(out, Integer.remainderUnsigned(h, bucket));
                }
            }
        }
    }

    private void pushHash(IntList out, int id) {
        if (pruned != null) {
            Integer mapped = pruned.get(id);
            if (mapped == null) {
                return;
            }
            id = mapped;
        }
        out.add(nwords + id);
    }

    static int hash(byte[] bytes) {
        return hash(bytes, 0, bytes.length);
    }

    /** FNV-1a over bytes taken as signed, as fastText's {@code uint32_t(int8_t(c))}. */
    static int hash(byte[] bytes, int from, int to) {
        int h = (int) 2166136261L;
        for (int i = from; i < to; i++) {
            h ^= bytes[i];
            h *= 16777619;
        }
        return h;
    }

    /** std::exp of a float: the float nearest e^x (glibc's expf is correctly rounded). */
    private static float expf(float x) {
        return (float) Math.exp(x);
    }

    private static float stdLog(float x) {
        return (float) Math.log(x + 1e-5);
    }

    /** fastText's sigmoid for one-vs-all and negative-sampling outputs: a table of 513 values over [-8, 8]. */
    private static float sigmoid(float x) {
        if (x < -MAX_SIGMOID) {
            return 0f;
        }
        if (x > MAX_SIGMOID) {
            return 1f;
        }
        return SIGMOID[(int) ((x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2)];
    }

    private static void softmax(float[] out) {
        float max = out[0];
        for (float v : out) {
            max = Math.max(v, max);
        }
        float z = 0f;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.exp(out[i] - max);
            z += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= z;
        }
    }

    /** The hierarchical softmax's search, as fastText's dfs. */
    private void dfs(int k, int node, float score, PredictionHeap heap, float[] hidden) {
        if (score < stdLog(0f)) { // fastText's threshold, 0 for predict-prob
            return;
        }
        if (heap.full() && score < heap.front()) {
            return;
        }
        int osz = labels.length;
        if (tree[node][0] == -1 && tree[node][1] == -1) {
            heap.push(score, node);
            return;
        }
        float f = output.dot(node - osz, hidden);
        f = (float) (1.0 / (1 + expf(-f))); // fastText: 1. / (1 + std::exp(-f)), float exp, float sum
        dfs(k, tree[node][0], score + stdLog(1.0f - f), heap, hidden);
        dfs(k, tree[node][1], score + stdLog(f), heap, hidden);
    }

    /** fastText's Huffman tree over the label counts: {left, right} per node, leaves first. */
    private static int[][] huffman(long[] counts) {
        int osz = counts.length;
        int[][] tree = new int[2 * osz - 1][];
        long[] count = new long[2 * osz - 1];
        for (int i = 0; i < 2 * osz - 1; i++) {
            tree[i] = new int[] {-1, -1};
            count[i] = i < osz ? counts[i] : (long) 1e15;
        }
        int leaf = osz - 1;
        int node = osz;
        for (int i = osz; i < 2 * osz - 1; i++) {
            int[] mini = new int[2];
            for (int j = 0; j < 2; j++) {
                if (leaf >= 0 && count[leaf] < count[node]) {
                    mini[j] = leaf--;
                } else {
                    mini[j] = node++;
                }
            }
            tree[i][0] = mini[0];
            tree[i][1] = mini[1];
            count[i] = count[mini[0]] + count[mini[1]];
        }
        return tree;
    }

    /** A matrix of float rows, dense or product-quantised. */
    private interface Rows {
        long rows();

        long columns();

        void addRow(int row, float[] x);

        float dot(int row, float[] x);
    }

    private record DenseRows(long rows, long columns, float[] data) implements Rows {
        static DenseRows read(Reader in) throws IOException {
            long m = in.int64();
            long n = in.int64();
            if (m < 0 || n < 0 || m * n > Integer.MAX_VALUE) {
                throw new IOException("a matrix of " + m + " x " + n + " floats is more than this reader holds");
            }
            return new DenseRows(m, n, in.floats((int) (m * n)));
        }

        @Override
        public void addRow(int row, float[] x) {
            int n = x.length; // int bounds: a counted loop the JIT unrolls and vectorises
            int base = row * n;
            float[] d = data;
            for (int j = 0; j < n; j++) {
                x[j] += d[base + j];
            }
        }

        @Override
        public float dot(int row, float[] x) {
            int n = x.length;
            int base = row * n;
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                sum += data[base + j] * x[j];
            }
            return sum;
        }
    }

    /** fastText's QuantMatrix: per row, one byte per sub-quantiser and, with qnorm, a quantised norm. */
    private record QuantRows(long rows, long columns, byte[] codes, Quantizer pq, byte[] normCodes, Quantizer npq)
            implements Rows {
        static QuantRows read(Reader in) throws IOException {
            boolean qnorm = in.bool();
            long m = in.int64();
            long n = in.int64();
            int codeSize = in.int32();
            byte[] codes = in.bytes(codeSize);
            Quantizer pq = Quantizer.read(in);
            byte[] normCodes = null;
            Quantizer npq = null;
            if (qnorm) {
                normCodes = in.bytes((int) m);
                npq = Quantizer.read(in);
            }
            return new QuantRows(m, n, codes, pq, normCodes, npq);
        }

        private float norm(int row) {
            return normCodes == null ? 1f : npq.centroids[npq.centroid(0, normCodes[row] & 0xFF)];
        }

        /** fastText's addcode: the row decoded, times its norm, added to x. */
        @Override
        public void addRow(int row, float[] x) {
            float alpha = norm(row);
            float[] c = pq.centroids;
            for (int m = 0, code = pq.nsubq * row; m < pq.nsubq; m++) {
                int from = pq.centroid(m, codes[code + m] & 0xFF);
                for (int k = 0, d = pq.width(m); k < d; k++) {
                    x[m * pq.dsub + k] += alpha * c[from + k];
                }
            }
        }

        /** fastText's mulcode: the row decoded, dotted with x, times its norm. */
        @Override
        public float dot(int row, float[] x) {
            float alpha = norm(row);
            float[] c = pq.centroids;
            float res = 0f;
            for (int m = 0, code = pq.nsubq * row; m < pq.nsubq; m++) {
                int from = pq.centroid(m, codes[code + m] & 0xFF);
                for (int k = 0, d = pq.width(m); k < d; k++) {
                    res += x[m * pq.dsub + k] * c[from + k];
                }
            }
            return res * alpha;
        }
    }

    /** fastText's ProductQuantizer: 256 centroids per sub-quantiser. */
    private record Quantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
        private static final int KSUB = 256;

        static Quantizer read(Reader in) throws IOException {
            int dim = in.int32();
            int nsubq = in.int32();
            int dsub = in.int32();
            int lastdsub = in.int32();
            return new Quantizer(dim, nsubq, dsub, lastdsub, in.floats(dim * KSUB));
        }

        /** Where the centroid {@code i} of sub-quantiser {@code m} starts in {@link #centroids}. */
        int centroid(int m, int i) {
            return m == nsubq - 1 ? m * KSUB * dsub + i * lastdsub : (m * KSUB + i) * dsub;
        }

        /** The sub-vector width of sub-quantiser {@code m} (the last may be narrower). */
        int width(int m) {
            return m == nsubq - 1 ? lastdsub : dsub;
        }
    }

    /** Little-endian reads of fastText's fields. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buffer = new byte[8];

        Reader(InputStream in) {
            this.in = in;
        }

        private ByteBuffer read(int n) throws IOException {
            if (in.readNBytes(buffer, 0, n) != n) {
                throw new IOException("the model ends early");
            }
            return ByteBuffer.wrap(buffer, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        }

        int int32() throws IOException {
            return read(4).getInt();
        }

        long int64() throws IOException {
            return read(8).getLong();
        }

        double float64() throws IOException {
            return read(8).getDouble();
        }

        byte int8() throws IOException {
            return read(1).get();
        }

        boolean bool() throws IOException {
            return int8() != 0;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new IOException("the model ends early");
            }
            return b;
        }

        float[] floats(int n) throws IOException {
            float[] f = new float[n];
            ByteBuffer b = ByteBuffer.wrap(bytes(Math.multiplyExact(n, 4))).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().get(f);
            return f;
        }

        String cString() throws IOException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int c = in.read(); c != 0; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the model ends early");
                }
                out.write(c);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
