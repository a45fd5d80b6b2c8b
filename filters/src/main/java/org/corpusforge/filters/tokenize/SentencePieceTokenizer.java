package org.corpusforge.filters.tokenize;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;

/**
 * SentencePiece through DJL's JNI binding of the reference C++ library (native code inside the jar, no download).
 * The C++ processor's encode is const, so one instance serves all threads.
 */
final class SentencePieceTokenizer implements SubwordTokenizer {
    private final TokenizerModel model;
    private final SpProcessor processor;
    private final int size;
    private final String endOfSequence;
    private volatile SubwordTokenizer inText;

    SentencePieceTokenizer(TokenizerModel model) {
        this(model, model.bytes());
    }

    /** @param proto the model's bytes as given to the processor (the model's own, or with add_dummy_prefix off) */
    private SentencePieceTokenizer(TokenizerModel model, byte[] proto) {
        this.model = model;
        this.size = pieceCount(model.bytes());
        SpTokenizer tokenizer = new SpTokenizer(proto);
        this.processor = tokenizer.getProcessor();
        this.endOfSequence = idOf("</s>") >= 0 ? "</s>" : null;
    }

    @Override
    public int[] encode(String text) {
        return text.isEmpty() ? new int[0] : processor.encode(text);
    }

    @Override
    public String decode(int[] ids) {
        return ids.length == 0 ? "" : processor.decode(ids);
    }

    @Override
    public SubwordTokenizer inText() {
        if (inText == null) {
            inText = new SentencePieceTokenizer(model, withoutDummyPrefix(model.bytes()));
        }
        return inText;
    }

    @Override
    public int vocabularySize() {
        return size;
    }

    @Override
    public int idOf(String piece) {
        int id = processor.getId(piece);
        // SentencePiece answers unknown pieces with the id of <unk>
        return id >= 0 && id < size && processor.getToken(id).equals(piece) ? id : -1;
    }

    @Override
    public String endOfSequence() {
        return endOfSequence;
    }

    @Override
    public TokenizerModel model() {
        return model;
    }

    /** One top-level field of a protobuf message: its number, and where its bytes (tag included) and content lie. */
    private record Field(int number, int start, int contentStart, int end) {}

    /**
     * The top-level fields of the ModelProto, by walking the protobuf wire format (DJL's binding exposes neither the
     * vocabulary size nor the normaliser spec).
     */
    private static java.util.List<Field> fields(byte[] proto) {
        java.util.List<Field> fields = new java.util.ArrayList<>();
        int[] at = {0};
        while (at[0] < proto.length) {
            int start = at[0];
            long tag = varint(proto, at);
            int wireType = (int) (tag & 7);
            int content = at[0];
            switch (wireType) {
                case 0 -> varint(proto, at);
                case 1 -> at[0] += 8;
                case 2 -> {
                    long length = varint(proto, at);
                    content = at[0];
                    at[0] = Math.toIntExact(at[0] + length);
                }
                case 5 -> at[0] += 4;
                default -> throw new IllegalArgumentException("not a SentencePiece model (wire type " + wireType + ")");
            }
            fields.add(new Field((int) (tag >>> 3), start, content, at[0]));
        }
        if (at[0] != proto.length) {
            throw new IllegalArgumentException("not a SentencePiece model");
        }
        return fields;
    }

    /** The number of pieces: the repeated field 1 of the ModelProto's top level. */
    static int pieceCount(byte[] proto) {
        int pieces = (int) fields(proto).stream().filter(f -> f.number() == 1).count();
        if (pieces == 0) {
            throw new IllegalArgumentException("not a SentencePiece model");
        }
        return pieces;
    }

    /**
     * The model with {@code normalizer_spec.add_dummy_prefix} (field 3 of field 3) set to false: appended to the
     * normaliser spec, since protobuf keeps the last value of a repeated scalar field. Nothing else changes.
     */
    static byte[] withoutDummyPrefix(byte[] proto) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(proto.length + 16);
        boolean found = false;
        for (Field f : fields(proto)) {
            if (f.number() == 3) {
                writeNormalizerSpec(out, java.util.Arrays.copyOfRange(proto, f.contentStart(), f.end()));
                found = true;
            } else {
                out.write(proto, f.start(), f.end() - f.start());
            }
        }
        if (!found) {
            writeNormalizerSpec(out, new byte[0]);
        }
        return out.toByteArray();
    }

    private static void writeNormalizerSpec(java.io.ByteArrayOutputStream out, byte[] spec) {
        out.write((3 << 3) | 2);
        writeVarint(out, spec.length + 2);
        out.write(spec, 0, spec.length);
        out.write(3 << 3); // add_dummy_prefix, varint
        out.write(0);      // false
    }

    private static void writeVarint(java.io.ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= bytes.length) {
                throw new IllegalArgumentException("not a SentencePiece model (truncated)");
            }
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("not a SentencePiece model (bad varint)");
    }
}
