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

    SentencePieceTokenizer(TokenizerModel model) {
        this.model = model;
        this.size = pieceCount(model.bytes());
        SpTokenizer tokenizer = new SpTokenizer(model.bytes());
        this.processor = tokenizer.getProcessor();
        this.endOfSequence = idOf("</s>") >= 0 ? "</s>" : null;
    }

    @Override
    public int[] encode(String text) {
        return text.isEmpty() ? new int[0] : processor.encode(text);
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

    /**
     * The number of pieces: the repeated field 1 of the ModelProto's top level, counted by walking the protobuf wire
     * format (the binding cannot tell the vocabulary size).
     */
    static int pieceCount(byte[] proto) {
        int[] at = {0};
        int pieces = 0;
        while (at[0] < proto.length) {
            long tag = varint(proto, at);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> varint(proto, at);
                case 1 -> at[0] += 8;
                case 2 -> {
                    long length = varint(proto, at);
                    at[0] = Math.toIntExact(at[0] + length);
                    if (tag >>> 3 == 1) {
                        pieces++;
                    }
                }
                case 5 -> at[0] += 4;
                default -> throw new IllegalArgumentException("not a SentencePiece model (wire type " + wireType + ")");
            }
        }
        if (at[0] != proto.length || pieces == 0) {
            throw new IllegalArgumentException("not a SentencePiece model");
        }
        return pieces;
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
