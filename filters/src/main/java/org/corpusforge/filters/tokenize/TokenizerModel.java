package org.corpusforge.filters.tokenize;

import java.io.Serializable;
import java.util.Objects;
import org.corpusforge.core.model.Hashing;

/**
 * A subword tokenizer's model file, held as bytes so that it can travel to executors (a broadcast) from any file
 * system, s3a included. Its SHA-256 names it in the manifest and keys the one loaded tokenizer per JVM.
 * (A plain class, not a record, so that Kryo can ship it.)
 */
public final class TokenizerModel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the bytes are to be read. */
    public enum Kind {
        /** a SentencePiece {@code .model} (ModelProto) */
        SENTENCEPIECE("sentencepiece"),
        /** a Hugging Face {@code tokenizer.json} */
        HUGGINGFACE("huggingface");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** {@code tokenizer.json} and other {@code .json} files are Hugging Face's; everything else SentencePiece. */
        public static Kind ofFileName(String fileName) {
            return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? HUGGINGFACE : SENTENCEPIECE;
        }
    }

    private final String name;
    private final String location;
    private final Kind kind;
    private final byte[] bytes;
    private final String sha256;

    public TokenizerModel(String name, String location, Kind kind, byte[] bytes) {
        this.name = Objects.requireNonNull(name, "name");
        this.location = Objects.requireNonNull(location, "location");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.bytes = bytes.clone();
        this.sha256 = Hashing.sha256Hex(this.bytes);
    }

    /** The name users gave it (or the file name), as written to the manifest. */
    public String name() {
        return name;
    }

    /** Where the model was read from. */
    public String location() {
        return location;
    }

    public Kind kind() {
        return kind;
    }

    public String sha256() {
        return sha256;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return name + " (" + kind.label() + ", sha256 " + sha256.substring(0, 12) + ")";
    }
}
