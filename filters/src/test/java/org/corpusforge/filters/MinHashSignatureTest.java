package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MinHashSignatureTest {
    private final MinHashSignature minhash = new MinHashSignature(5, 100, 42);

    @Test
    void shinglesAreCharacterFiveGramsOfCodePointsWithoutAnySpaceSplitting() {
        assertEquals(3, minhash.shingles("吾輩は猫である").length);   // 7 characters: 3 distinct 5-grams
        assertEquals(1, minhash.shingles("猫").length, "a text shorter than n is one shingle, never none");
        assertEquals(0, minhash.shingles("").length);
        assertEquals(1, minhash.shingles("ああああああ").length, "distinct shingles only");
        assertEquals(2, new MinHashSignature(5, 10, 1).shingles("𠮷野家の牛丼").length, "code points, not UTF-16 units");
    }

    @Test
    void theSameSeedGivesTheSameSignatureAndTheEstimateTracksTheExactJaccard() throws IOException {
        String text = JapaneseNormalizerTest.sampleTexts().get(3);
        String edited = text.substring(0, text.length() / 2) + "。これは付け加えた一文です。" + text.substring(text.length() / 2 + 200);
        assertArrayEquals(minhash.signature(text), new MinHashSignature(5, 100, 42).signature(text));
        double exact = MinHashSignature.jaccard(minhash.shingles(text), minhash.shingles(edited));
        double estimate = MinHashSignature.estimatedJaccard(minhash.signature(text), minhash.signature(edited));
        assertTrue(exact > 0.8 && exact < 1.0, "exact " + exact);
        assertEquals(exact, estimate, 0.15, "estimate " + estimate + " vs exact " + exact);
        assertEquals(1.0, MinHashSignature.estimatedJaccard(minhash.signature(text), minhash.signature(text)));
    }

    @Test
    void theDefaultBandLayoutsSCurve() {
        // 20 bands of 5 rows: the documented thresholds in the README
        assertEquals(0.9996, MinHashSignature.candidateProbability(0.8, 20, 5), 1e-4);
        assertEquals(0.9748, MinHashSignature.candidateProbability(0.7, 20, 5), 1e-4);
        assertEquals(1.0000, MinHashSignature.candidateProbability(0.9, 20, 5), 1e-4);
        assertEquals(0.4701, MinHashSignature.candidateProbability(0.5, 20, 5), 1e-4);
    }
}
