package org.corpusforge.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.junit.jupiter.api.Test;

/** Ids holding an e-mail address or a phone number become a keyed pseudonym; every other id stays as it is. */
class IdPseudonymsTest {
    private final IdPseudonyms ids = new IdPseudonyms("a key");

    @Test
    void idsWithAnAddressOrAPhoneNumberBecomeAStablePseudonym() {
        String email = ids.apply("user-taro.yamada@example.co.jp");
        assertTrue(email.matches("pseudonym-[0-9a-f]{32}"), email);
        assertEquals(email, new IdPseudonyms("a key").apply("user-taro.yamada@example.co.jp"), "stable under one key");
        assertNotEquals(email, new IdPseudonyms("another key").apply("user-taro.yamada@example.co.jp"));
        assertNotEquals(email, ids.apply("user-hanako@example.co.jp"));
        assertTrue(ids.apply("tel:090-1234-5678").startsWith(IdPseudonyms.PREFIX));
        assertTrue(ids.apply("連絡先：０９０－１２３４－５６７８").startsWith(IdPseudonyms.PREFIX), "full-width forms too");
    }

    @Test
    void otherIdsStayAsTheyAre() {
        // numeric ids whose check digits a card or My Number detector could pass by chance are not text to mask
        for (String id : List.of("4111111111111111", "123456789018", "doc-000123", "aozora:4527_ruby_27466",
                "claims/huge-list.parquet:row_group:0", "https://a.example/page?id=3", "2024-01-01T00:00.jsonl:2")) {
            assertEquals(id, ids.apply(id));
            assertFalse(IdPseudonyms.holdsPersonalData(id), id);
        }
    }

    /** The chain applies the rule to every outcome it is given, before any stage, and to its document too. */
    @Test
    void theChainRenamesOutcomesBeforeAnyStage() {
        Document doc = new Document("taro@example.co.jp", "吾輩は猫である。", SourceKind.WEB,
                new Provenance("file:/x.jsonl", "line:1", null), new Metadata(null, null, null, null, Map.of()));
        StageChain chain = new StageChain(List.of(), ids);
        Outcome kept = chain.process(Outcome.kept(doc));
        assertTrue(kept.id().startsWith(IdPseudonyms.PREFIX));
        assertEquals(kept.id(), kept.document().id());
        Outcome unreadable = chain.process(Outcome.unreadable("taro@example.co.jp", SourceKind.WEB,
                new Provenance("file:/x.jsonl", "line:2", null), "malformed-json", "bad", null));
        assertEquals(kept.id(), unreadable.id());
        assertEquals("line:2", unreadable.provenance().locator(), "the provenance still names the bytes");
    }
}
