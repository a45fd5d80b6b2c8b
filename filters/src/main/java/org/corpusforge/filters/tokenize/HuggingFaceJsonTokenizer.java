package org.corpusforge.filters.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's binding of the Rust tokenizers library. The vocabulary and
 * special tokens are read from the JSON itself, which the binding does not expose. Encoding adds no special
 * tokens and never truncates: the pipeline counts and stores whole documents.
 */
final class HuggingFaceJsonTokenizer implements SubwordTokenizer {
    private final TokenizerModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int size;

    HuggingFaceJsonTokenizer(TokenizerModel model) {
        this.model = model;
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(model.bytes()),
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            JsonNode json = new ObjectMapper().readTree(model.bytes());
            readVocabulary(json.path("model").path("vocab"));
            for (JsonNode added : json.path("added_tokens")) {
                ids.put(added.path("content").asText(), added.path("id").asInt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + model.location() + ": " + e.getMessage(), e);
        }
        this.size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** Unigram models list [piece, score] pairs in id order; BPE and WordPiece map piece to id. */
    private void readVocabulary(JsonNode vocab) {
        if (vocab.isArray()) {
            for (int id = 0; id < vocab.size(); id++) {
                ids.put(vocab.get(id).get(0).asText(), id);
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ids.put(e.getKey(), e.getValue().asInt());
            }
        }
    }

    @Override
    public int[] encode(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        long[] wide = tokenizer.encode(text, false, false).getIds();
        int[] result = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            result[i] = Math.toIntExact(wide[i]);
        }
        return result;
    }

    @Override
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return tokenizer.decode(wide, false);
    }

    @Override
    public int vocabularySize() {
        return size;
    }

    @Override
    public int idOf(String piece) {
        return ids.getOrDefault(piece, -1);
    }

    @Override
    public String endOfSequence() {
        return null;
    }

    @Override
    public TokenizerModel model() {
        return model;
    }
}
