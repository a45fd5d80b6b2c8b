package org.corpusforge.filters.classify;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transformer sequence classifier exported to ONNX (BERT, DeBERTa and the like), run by ONNX Runtime on the CPU,
 * with the Hugging Face {@code tokenizer.json} it was trained with. Texts are encoded as that tokenizer encodes
 * them for the model (its special tokens added, truncated to {@code maxTokens} tokens), padded to the longest text
 * of the batch, and run together; the model's first output holds one row of logits per text.
 *
 * <p>ONNX Runtime runs one thread per session: Spark already gives each task one core, and a fixed thread count
 * keeps the arithmetic the same on every machine. Only a text's first {@code 64 * maxTokens} characters are
 * tokenised, so a huge document costs no more than a long one (its tokens past {@code maxTokens} are cut anyway;
 * fewer would reach the model only if its tokens averaged more than 64 characters).
 */
public final class OnnxModel implements AutoCloseable {
    private static final Set<String> INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final long padId;
    private final Set<String> inputs;
    private final String output;
    private final int width;

    /**
     * @throws IllegalArgumentException naming what the model or tokenizer lacks or cannot be read as
     */
    public OnnxModel(byte[] model, byte[] tokenizerJson, int maxTokens) {
        this(model, tokenizerJson, maxTokens, false);
    }

    /**
     * A sentence encoder instead: its first output is {@code [batch, sequence, hidden]} token states (pooled by the
     * reader) or {@code [batch, hidden]} sentence embeddings.
     */
    public static OnnxModel encoder(byte[] model, byte[] tokenizerJson, int maxTokens) {
        return new OnnxModel(model, tokenizerJson, maxTokens, true);
    }

    private OnnxModel(byte[] model, byte[] tokenizerJson, int maxTokens, boolean encoder) {
        this.maxTokens = maxTokens;
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                    Map.of("addSpecialTokens", "true", "truncation", "true", "maxLength", String.valueOf(maxTokens),
                            "padding", "false"));
            this.padId = padId(new ObjectMapper().readTree(tokenizerJson));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Hugging Face tokenizer.json: " + e.getMessage(), e);
        }
        try (OrtSession.SessionOptions options = onLargeStack(() -> {
            OrtEnvironment.getEnvironment(); // loads the native library
            return new OrtSession.SessionOptions();
        })) {
            this.environment = OrtEnvironment.getEnvironment();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            this.session = onLargeStack(() -> environment.createSession(model, options));
            this.inputs = session.getInputNames();
            if (!inputs.contains("input_ids") || !INPUTS.containsAll(inputs)) {
                throw new IllegalArgumentException("the model's inputs are " + inputs + "; this stage gives input_ids"
                        + " and, when the model asks for them, attention_mask and token_type_ids");
            }
            Map.Entry<String, NodeInfo> first = session.getOutputInfo().entrySet().iterator().next();
            this.output = first.getKey();
            long[] shape = first.getValue().getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
            if (encoder && (shape.length < 2 || shape.length > 3)) {
                throw new IllegalArgumentException("the model's first output \"" + output + "\" is not [batch, "
                        + "sequence, hidden] token states or [batch, hidden] embeddings");
            }
            if (!encoder && (shape.length < 1 || shape.length > 2)) {
                throw new IllegalArgumentException("the model's first output \"" + output + "\" is not [batch, labels]"
                        + " or [batch] logits");
            }
            this.width = shape.length == 1 ? 1 : (int) shape[shape.length - 1];
        } catch (OrtException e) {
            throw new IllegalArgumentException("not an ONNX model ONNX Runtime can run: " + e.getMessage(), e);
        }
    }

    private interface Loading<T> {
        T load() throws OrtException;
    }

    /**
     * Runs ONNX Runtime's loading on a thread of its own with a 64 MB stack. Loading its native library and creating
     * a session take nearly all of a default 1 MB thread stack, and more the longer the JVM's command line: with a
     * Spark-sized classpath the process dies of SIGSEGV with no Java error and no hs_err file (seen with 1.29.0 on
     * x86-64 Linux; a 7,000-character command line is enough). Running a loaded session needs no such stack.
     */
    private static <T> T onLargeStack(Loading<T> loading) throws OrtException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread loader = new Thread(null, () -> {
            try {
                result[0] = loading.load();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "onnxruntime-loader", 64L << 20);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ONNX Runtime loaded", e);
        }
        if (failure[0] instanceof OrtException e) {
            throw e;
        } else if (failure[0] instanceof RuntimeException e) {
            throw e;
        } else if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T loaded = (T) result[0];
        return loaded;
    }

    /** The number of logits per text, or -1 when the model leaves it to the run. */
    public int width() {
        return width;
    }

    /** Each text's logits, in order. */
    public List<float[]> logits(List<String> texts) {
        Output out = run(texts);
        int columns = out.values().length / texts.size();
        List<float[]> rows = new ArrayList<>(texts.size());
        for (int row = 0; row < texts.size(); row++) {
            rows.add(java.util.Arrays.copyOfRange(out.values(), row * columns, (row + 1) * columns));
        }
        return rows;
    }

    /**
     * A batch's first output: its values in row-major order, its shape, and each text's attention mask padded to the
     * batch's longest ({@code mask[row * length + i]}).
     */
    public record Output(float[] values, long[] shape, long[] mask, int length) {}

    /** Runs the model on a batch of texts, padded to the longest. */
    public Output run(List<String> texts) {
        List<Encoding> encodings = new ArrayList<>(texts.size());
        int length = 1;
        for (String text : texts) {
            String head = text.codePointCount(0, text.length()) > 64L * maxTokens
                    ? text.substring(0, text.offsetByCodePoints(0, 64 * maxTokens)) : text;
            Encoding encoding = tokenizer.encode(head);
            encodings.add(encoding);
            length = Math.max(length, encoding.getIds().length);
        }
        long[] ids = new long[texts.size() * length];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        java.util.Arrays.fill(ids, padId);
        for (int row = 0; row < encodings.size(); row++) {
            Encoding encoding = encodings.get(row);
            System.arraycopy(encoding.getIds(), 0, ids, row * length, encoding.getIds().length);
            System.arraycopy(encoding.getAttentionMask(), 0, mask, row * length, encoding.getIds().length);
            System.arraycopy(encoding.getTypeIds(), 0, types, row * length, encoding.getIds().length);
        }
        long[] shape = {texts.size(), length};
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            if (inputs.contains("attention_mask")) {
                feed.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            }
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(feed, Set.of(output))) {
                OnnxTensor tensor = (OnnxTensor) result.get(0);
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return new Output(values, tensor.getInfo().getShape(), mask, length);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** The padding id the tokenizer.json sets, else that of its [PAD] or <pad> token, else 0 (masked anyway). */
    private static long padId(JsonNode json) {
        if (json.path("padding").has("pad_id")) {
            return json.path("padding").path("pad_id").asLong();
        }
        for (JsonNode added : json.path("added_tokens")) {
            String content = added.path("content").asText();
            if (content.equals("[PAD]") || content.equals("<pad>")) {
                return added.path("id").asLong();
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        tokenizer.close();
    }
}
