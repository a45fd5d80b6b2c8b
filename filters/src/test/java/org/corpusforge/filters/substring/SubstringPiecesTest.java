package org.corpusforge.filters.substring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The anchors' guarantee, the verified comparison of surroundings, and the cut, each with a string. */
class SubstringPiecesTest {
    @Test
    void everySharedSpanOfTheGuaranteedLengthHasAnAnchorAtTheSamePlaceInBothTexts() {
        Random random = new Random(7);
        SpanAnchors anchors = SpanAnchors.forSpans(24);
        assertEquals(24, anchors.spanChars());
        for (int trial = 0; trial < 200; trial++) {
            int[] span = randomText(random, 24, 6);
            int[] a = concat(randomText(random, random.nextInt(40), 6), span, randomText(random, random.nextInt(40), 6));
            int[] b = concat(randomText(random, random.nextInt(40), 6), span, randomText(random, random.nextInt(40), 6));
            int offsetA = indexOf(a, span);
            int offsetB = indexOf(b, span);
            SpanAnchors.Anchors inA = anchors.of(a);
            SpanAnchors.Anchors inB = anchors.of(b);
            boolean shared = false;
            for (int pa : inA.positions()) {
                for (int pb : inB.positions()) {
                    shared |= pa - offsetA == pb - offsetB && pa >= offsetA && pa + anchors.anchorChars() <= offsetA + 24;
                }
            }
            assertEquals(true, shared, "trial " + trial);
        }
        assertEquals(0, anchors.of(new int[23]).positions().length, "shorter than a span: no anchors");
    }

    @Test
    void surroundingsAreCoveredOnlyWhereAnEarlierOneMatchesCharacterForCharacter() {
        SharedSpans shared = new SharedSpans(5);
        int[] earlier = "あいうえおかきくけこ".codePoints().toArray();
        assertNull(shared.covered(earlier), "nothing remembered yet");
        shared.remember(earlier);
        assertArrayEquals(new int[] {0, 10}, shared.covered(earlier), "the same surroundings: all of it");
        assertArrayEquals(new int[] {2, 8}, shared.covered("XYうえおかきくZW".codePoints().toArray()));
        assertNull(shared.covered("XYうえおかZくZW".codePoints().toArray()), "four in a row is short of five");
        assertNull(shared.covered("いう".codePoints().toArray()));
        shared.remember(earlier);
        assertEquals(1, shared.remembered(), "the same surroundings are held once");
    }

    @Test
    void spansAreMergedAndCutByCodePoint() {
        long[] merged = SpanRemoval.merge(new long[] {SpanRemoval.span(5, 8), SpanRemoval.span(1, 3),
                SpanRemoval.span(2, 4), SpanRemoval.span(4, 5)});
        assertArrayEquals(new long[] {SpanRemoval.span(1, 8)}, merged);
        assertEquals(7, SpanRemoval.length(merged));
        SpanRemoval.Removal r = SpanRemoval.remove("𠮟あい𩸽うえおかき", new long[] {SpanRemoval.span(1, 2),
                SpanRemoval.span(3, 5)});
        assertEquals("𠮟いえおかき", r.text());
        assertEquals(2, r.spans());
        assertEquals(3, r.chars());
    }

    private static int[] randomText(Random random, int length, int alphabet) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = 'あ' + random.nextInt(alphabet);
        }
        return out;
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static int indexOf(int[] text, int[] part) {
        for (int i = 0; i + part.length <= text.length; i++) {
            if (java.util.Arrays.equals(text, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
