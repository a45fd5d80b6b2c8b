package org.corpusforge.filters.classify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.corpusforge.core.model.Hashing;

/**
 * The classifier models of this JVM, parsed once each and shared by every task (a model is immutable): a run's job
 * reads each model once on the driver, from any file system, and hands its bytes to every executor
 * ({@link #provide}); without that (the local commands), a model is read from the local file its location names.
 * Parsed models are keyed by their SHA-256, so a file replaced between two runs of one JVM is read again.
 */
public final class ClassifierModels {
    /** A model's bytes and their SHA-256, as the driver read them. */
    public record Bytes(byte[] content, String sha256) implements java.io.Serializable {
        public static Bytes of(byte[] content) {
            return new Bytes(content, Hashing.sha256Hex(content));
        }
    }

    /** Reads a location the driver was not given bytes for; local files unless the job installs its own. */
    public interface Reader {
        byte[] read(String location) throws IOException;
    }

    private static final Map<String, Bytes> PROVIDED = new ConcurrentHashMap<>();
    private static volatile Reader reader = location -> Files.readAllBytes(Path.of(location));
    private static final Map<String, FastTextModel> PARSED = new ConcurrentHashMap<>();
    private static final Map<String, OnnxModel> SESSIONS = new ConcurrentHashMap<>();

    private ClassifierModels() {}

    /** How locations are read when no bytes were provided (the command line: any file system Hadoop reaches). */
    public static void readWith(Reader newReader) {
        reader = newReader;
    }

    /** Models by the location the configuration gives them under, read by the driver. */
    public static void provide(Map<String, Bytes> models) {
        PROVIDED.putAll(models);
    }

    /** The bytes of the model the configuration names {@code location}: as the driver read them, or read now. */
    public static Bytes bytes(String location) {
        Bytes bytes = PROVIDED.get(location);
        if (bytes == null) {
            try {
                bytes = Bytes.of(reader.read(location));
            } catch (IOException e) {
                throw new UncheckedIOException(location + ": " + e.getMessage(), e);
            }
        }
        return bytes;
    }

    /** The fastText model the configuration names {@code location}. */
    public static FastTextModel fastText(String location) {
        Bytes bytes = bytes(location);
        byte[] content = bytes.content();
        return PARSED.computeIfAbsent(bytes.sha256(), sha -> {
            try {
                return FastTextModel.read(new ByteArrayInputStream(content));
            } catch (IOException e) {
                throw new UncheckedIOException(location + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The ONNX model the configuration names {@code location}, with the tokenizer.json at {@code tokenizer}: one
     * ONNX Runtime session per JVM for each model, tokenizer and length, shared by its tasks (sessions run
     * concurrently) and kept until the JVM ends.
     */
    public static OnnxModel onnx(String location, String tokenizer, int maxTokens) {
        Bytes model = bytes(location);
        Bytes vocabulary = bytes(tokenizer);
        return SESSIONS.computeIfAbsent(model.sha256() + " " + vocabulary.sha256() + " " + maxTokens,
                key -> new OnnxModel(model.content(), vocabulary.content(), maxTokens));
    }
}
