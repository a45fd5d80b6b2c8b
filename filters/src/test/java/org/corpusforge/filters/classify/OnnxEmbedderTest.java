package org.corpusforge.filters.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.corpusforge.filters.embed.OnnxEmbedder;
import org.junit.jupiter.api.Test;

/**
 * The passage index's embeddings against Python's ONNX Runtime and numpy (scripts/onnx-reference.py --pool), with a
 * BERT-shaped encoder of random weights made by the tests' own script (tiny-encoder.onnx, see the README beside it):
 * mean and first-token pooling, unit length, the e5 prefix; batches of seven give what texts alone give.
 */
class OnnxEmbedderTest {
    @Test
    void embeddingsAreTheReferenceRuntimesPooledAndNormalised() throws Exception {
        OnnxClassifierTest.data();
        byte[] encoder = OnnxClassifierTest.resource("/classify/tiny-encoder.onnx");
        List<String> texts = OnnxClassifierTest.texts.subList(0, 60);
        for (OnnxEmbedder.Pooling pooling : OnnxEmbedder.Pooling.values()) {
            List<List<Double>> reference = OnnxClassifierTest.reference(texts, encoder, OnnxClassifierTest.tokenizer,
                    "--pool", pooling.name().toLowerCase(), "--normalize", "--prefix", "passage: ");
            try (OnnxEmbedder embedder = new OnnxEmbedder(encoder, OnnxClassifierTest.tokenizer,
                    OnnxClassifierTest.MAX_TOKENS, pooling, true)) {
                assertEquals(32, embedder.dimensions());
                List<String> prefixed = texts.stream().map(t -> "passage: " + t).toList();
                List<float[]> alone = new ArrayList<>();
                for (String t : prefixed) {
                    alone.addAll(embedder.embed(List.of(t)));
                }
                List<float[]> batched = new ArrayList<>();
                for (int from = 0; from < prefixed.size(); from += 7) {
                    batched.addAll(embedder.embed(prefixed.subList(from, Math.min(prefixed.size(), from + 7))));
                }
                double largest = 0;
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(alone.get(i), batched.get(i), 0f, "batch changed text " + i);
                    double norm = 0;
                    for (int h = 0; h < 32; h++) {
                        double d = Math.abs(reference.get(i).get(h) - alone.get(i)[h]);
                        largest = Math.max(largest, d);
                        assertTrue(d <= 1e-5, pooling + " text " + i + " dimension " + h + ": " + alone.get(i)[h]
                                + " vs reference " + reference.get(i).get(h));
                        norm += alone.get(i)[h] * alone.get(i)[h];
                    }
                    assertEquals(1.0, norm, 1e-5);
                }
                System.out.printf("embeddings (%s): %d texts, largest difference from the reference %.3g%n", pooling,
                        texts.size(), largest);
            }
        }
    }

    @Test
    void aTokenizerIsNotAModelNorAModelATokenizer() throws Exception {
        OnnxClassifierTest.data();
        byte[] encoder = OnnxClassifierTest.resource("/classify/tiny-encoder.onnx");
        assertThrows(IllegalArgumentException.class, () -> new OnnxEmbedder(OnnxClassifierTest.tokenizer,
                OnnxClassifierTest.tokenizer, 64, OnnxEmbedder.Pooling.MEAN, true));
        assertThrows(IllegalArgumentException.class, () -> new OnnxEmbedder(encoder, encoder, 64,
                OnnxEmbedder.Pooling.MEAN, true));
    }
}
