package org.corpusforge.jobs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code .idx} half of a Megatron-LM indexed dataset (MMIDIDX version 1, as Megatron-LM's
 * {@code indexed_dataset.py} writes and memory-maps it), little-endian:
 * <pre>
 * "MMIDIDX\0\0"  u64 version = 1  u8 dtype code  u64 sequence count  u64 document-index count
 * i32[sequences] lengths  i64[sequences] byte offsets into .bin  i64[documents + 1] document indices
 * </pre>
 * Here every document is one sequence, so the document indices are 0, 1, ..., n.
 */
public final class MegatronIndex {
    static final byte[] MAGIC = {'M', 'M', 'I', 'D', 'I', 'D', 'X', 0, 0};
    static final long VERSION = 1;
    private static final int HEADER_BYTES = MAGIC.length + 8 + 1 + 8 + 8;

    /** Token types Megatron picks by vocabulary size: uint16 below 65,500 entries, else int32. */
    public enum TokenType {
        UINT16(8, 2, "uint16"),
        INT32(4, 4, "int32");

        final int code;
        final int width;
        final String label;

        TokenType(int code, int width, String label) {
            this.code = code;
            this.width = width;
            this.label = label;
        }

        public static TokenType forVocabulary(int size) {
            return size < 65_500 ? UINT16 : INT32;
        }

        public String label() {
            return label;
        }

        public int width() {
            return width;
        }

        static TokenType ofCode(int code) {
            for (TokenType t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("dtype code " + code + " is not a token type this tool writes");
        }
    }

    private final TokenType type;
    private final int[] lengths;

    public MegatronIndex(TokenType type, int[] lengths) {
        this.type = type;
        this.lengths = lengths;
    }

    public TokenType type() {
        return type;
    }

    /** Tokens per document, end-of-document token included. */
    public int[] lengths() {
        return lengths;
    }

    public long tokens() {
        return Arrays.stream(lengths).asLongStream().sum();
    }

    /** The byte offset of document {@code i} in the {@code .bin} file. */
    public long pointer(int i) {
        long tokens = 0;
        for (int d = 0; d < i; d++) {
            tokens += lengths[d];
        }
        return tokens * type.width;
    }

    public byte[] toBytes() {
        int n = lengths.length;
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(HEADER_BYTES + 4L * n + 8L * n + 8L * (n + 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putLong(VERSION).put((byte) type.code).putLong(n).putLong(n + 1L);
        for (int length : lengths) {
            b.putInt(length);
        }
        long pointer = 0;
        for (int length : lengths) {
            b.putLong(pointer);
            pointer += (long) length * type.width;
        }
        for (long d = 0; d <= n; d++) {
            b.putLong(d);
        }
        return b.array();
    }

    /** Reads an index this tool wrote; anything else (several sequences per document, modes) is refused. */
    public static MegatronIndex parse(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Megatron MMIDIDX index");
            }
            long version = b.getLong();
            if (version != VERSION) {
                throw new IOException("MMIDIDX version " + version + ", expected " + VERSION);
            }
            TokenType type = TokenType.ofCode(b.get());
            int sequences = Math.toIntExact(b.getLong());
            long documentIndices = b.getLong();
            if (documentIndices != sequences + 1L) {
                throw new IOException(documentIndices + " document indices for " + sequences + " sequences");
            }
            if (sequences < 0 || 12L * sequences + 8L * documentIndices != b.remaining()) {
                throw new IOException("the header claims " + sequences + " sequences, the file holds "
                        + b.remaining() + " bytes after it");
            }
            int[] lengths = new int[sequences];
            for (int i = 0; i < sequences; i++) {
                lengths[i] = b.getInt();
            }
            long expected = 0;
            for (int i = 0; i < sequences; i++) {
                long pointer = b.getLong();
                if (pointer != expected) {
                    throw new IOException("sequence " + i + " points at byte " + pointer + ", expected " + expected);
                }
                expected += (long) lengths[i] * type.width;
            }
            for (long d = 0; d <= sequences; d++) {
                long index = b.getLong();
                if (index != d) {
                    throw new IOException("document index " + d + " is " + index);
                }
            }
            if (b.hasRemaining()) {
                throw new IOException(b.remaining() + " bytes after the document indices");
            }
            return new MegatronIndex(type, lengths);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | ArithmeticException e) {
            throw new IOException("truncated or damaged Megatron index: " + e.getMessage(), e);
        }
    }
}
