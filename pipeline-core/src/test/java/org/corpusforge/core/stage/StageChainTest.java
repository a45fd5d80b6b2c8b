package org.corpusforge.core.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.junit.jupiter.api.Test;

class StageChainTest {
    private static Document doc(String text) {
        return new Document("t/1", text, SourceKind.WEB, new Provenance("file:/x", "line:1", "00"), Metadata.EMPTY);
    }

    private final StageChain chain = new StageChain(List.of(
            new NamedStage("upper", d -> Verdict.keep(d.withText(d.text().toUpperCase()).withSignal("len", d.text().length()))),
            new NamedStage("no-x", d -> d.text().contains("X") ? Verdict.drop(d, "has-x") : Verdict.keep(d)),
            new NamedStage("strict", d -> {
                if (d.text().contains("BOOM")) {
                    throw new IllegalStateException("boom");
                }
                return d.text().isEmpty() ? Verdict.quarantine("empty", "nothing") : Verdict.keep(d);
            })));

    @Test
    void keptDocumentsCarryTheChangesOfEveryStage() {
        Outcome o = chain.process(doc("abc"));
        assertEquals(Outcome.Status.KEPT, o.status());
        assertEquals("ABC", o.document().text());
        assertEquals(3.0, o.document().signals().get("len"));
    }

    @Test
    void aDropNamesTheStageAndReasonAndKeepsTheMeasuredDocument() {
        Outcome o = chain.process(doc("xyz"));
        assertEquals(Outcome.Status.DROPPED, o.status());
        assertEquals("no-x", o.stage());
        assertEquals("has-x", o.reason());
        assertEquals(3.0, o.document().signals().get("len"));
    }

    @Test
    void quarantineAndExceptionsStopTheDocumentButNotTheRun() {
        Outcome q = chain.process(doc(""));
        assertEquals(Outcome.Status.QUARANTINED, q.status());
        assertEquals("strict", q.stage());
        assertEquals("empty", q.reason());
        Outcome e = chain.process(doc("boom"));
        assertEquals("stage-error", e.reason());
        assertTrue(e.detail().contains("boom"));
        assertEquals("BOOM", e.excerpt());
    }

    @Test
    void readerOutcomesPassThroughUnchanged() {
        Outcome unreadable = Outcome.unreadable("t/2", SourceKind.WEB, new Provenance("file:/x", "line:2", "00"),
                "malformed-json", "bad", "{");
        assertSame(unreadable, chain.process(unreadable));
        assertEquals(List.of("upper", "no-x", "strict"), chain.names());
    }
}
