package org.corpusforge.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.NamedStage;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.junit.jupiter.api.Test;

/** Issue 27: one masking rule for all a corpus publishes, metadata and side outputs as the text. */
class MetadataAndSideOutputMaskingTest {
    private static final String EMAIL = "taro.yamada@example.co.jp";
    private static final PiiStage PII = new PiiStage(new PiiMasker(PiiMasker.TYPES, Map.of()), 0.5);

    @Test
    void titleUrlLicenceAndAttributesAreMaskedAsTheTextIsAndTheIdAndProvenanceStay() {
        Metadata metadata = new Metadata("連絡は " + EMAIL + " へ", "https://a.example/form?mail=" + EMAIL + "&x=1",
                "2024-05-18", "CC BY, contact 090-1234-5678", Map.of("author", "山田 ０９０-１２３４-５６７８",
                "charset", "UTF-8"));
        Document doc = new Document("crawl/a.jsonl:7", "吾輩は猫である。名前はまだ無い。", SourceKind.WEB,
                new Provenance("file:/d/a.jsonl", "line:7", "00"), metadata);
        Document masked = PII.apply(doc).document();
        assertEquals("連絡は <EMAIL> へ", masked.metadata().title());
        assertEquals("https://a.example/form?mail=<EMAIL>&x=1", masked.metadata().url());
        assertEquals("CC BY, contact <PHONE>", masked.metadata().license());
        assertEquals("山田 <PHONE>", masked.metadata().attributes().get("author"));
        assertEquals("UTF-8", masked.metadata().attributes().get("charset"));
        assertEquals("2024-05-18", masked.metadata().date());
        assertEquals("crawl/a.jsonl:7", masked.id());
        assertEquals(doc.provenance(), masked.provenance());
        // a field with nothing to mask is left exactly as it was (no NFKC applied to it)
        Document plain = new Document("x", "本文。", SourceKind.WEB, new Provenance("file:/d", "line:1", "00"),
                new Metadata("ＡＢＣの話", null, null, null, Map.of()));
        assertEquals("ＡＢＣの話", PII.apply(plain).document().metadata().title());
    }

    @Test
    void anExcerptIsMaskedBeforeItIsCutSoNoPartOfAValueAcrossTheCutSurvives() {
        StageChain chain = new StageChain(List.of(new NamedStage("pii", PII)));
        for (int at = 980; at <= 1000; at++) {
            String raw = "あ".repeat(at) + "カード 4111 1111 1111 1111 と " + EMAIL + " の記録" + "い".repeat(3000);
            Outcome unreadable = Outcome.unreadable("t/1", SourceKind.WEB, new Provenance("file:/x", "line:1", "00"),
                    "malformed-json", "bad", raw);
            String excerpt = chain.process(unreadable).excerpt();
            assertTrue(excerpt.length() <= 1000, "excerpt of " + excerpt.length());
            int cutAt = at;
            assertFalse(excerpt.contains("1111") || excerpt.contains("4111") || excerpt.contains("taro"),
                    () -> "a card cut at " + cutAt + ": " + excerpt.substring(Math.max(0, excerpt.length() - 40)));
        }
        // a value cut by the margin (the record read on beyond it) never shows either, even after masks shortened
        // what came before
        String many = (EMAIL + " ").repeat(30);
        String tail = "あ".repeat(Math.max(0, 1512 - many.length() - 10)) + "4111 1111 1111 1111";
        Outcome shifted = Outcome.unreadable("t/2", SourceKind.WEB, new Provenance("file:/x", "line:2", "00"),
                "malformed-json", "bad", many + tail + "う".repeat(1000));
        String excerpt = chain.process(shifted).excerpt();
        assertFalse(excerpt.contains("4111") || excerpt.contains("taro"), excerpt);
    }
}
