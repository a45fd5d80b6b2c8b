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
        // the kind of failure, never its message, which could quote the document
        assertEquals("java.lang.IllegalStateException", e.detail());
        assertEquals("BOOM", e.excerpt());
    }

    @Test
    void readerOutcomesPassThroughUnchanged() {
        Outcome unreadable = Outcome.unreadable("t/2", SourceKind.WEB, new Provenance("file:/x", "line:2", "00"),
                "malformed-json", "bad", "{");
        assertSame(unreadable, chain.process(unreadable));
        assertEquals(List.of("upper", "no-x", "strict"), chain.names());
    }

    /** A stage that judges in batches of three and records them; it fails a whole batch holding "BAD". */
    private static final class Batched implements DocumentStage {
        final List<List<String>> batches = new java.util.ArrayList<>();

        @Override
        public Verdict apply(Document d) {
            if (d.text().equals("BAD")) {
                throw new IllegalStateException("bad document");
            }
            return d.text().startsWith("D") ? Verdict.drop(d, "starts-with-d") : Verdict.keep(d.withSignal("batched", 1));
        }

        @Override
        public int batchSize() {
            return 3;
        }

        @Override
        public List<Verdict> applyAll(List<Document> docs) {
            batches.add(docs.stream().map(Document::text).toList());
            return docs.stream().map(this::apply).toList();
        }
    }

    @Test
    void batchesHoldOnlyTheDocumentsStillKeptAndGiveWhatOneAtATimeGives() {
        Batched batched = new Batched();
        StageChain withBatches = new StageChain(List.of(chain.stages().get(0), chain.stages().get(1),
                new NamedStage("batched", batched), chain.stages().get(2)));
        Outcome unreadable = Outcome.unreadable("t/2", SourceKind.WEB, new Provenance("file:/x", "line:2", "00"),
                "malformed-json", "bad", "{");
        List<Outcome> in = new java.util.ArrayList<>();
        for (String text : List.of("a", "x1", "b", "d1", "c", "bad", "e", "", "f", "g", "boom")) {
            in.add(Outcome.kept(doc(text)));
        }
        in.add(3, unreadable);
        List<Outcome> out = new java.util.ArrayList<>();
        withBatches.processAll(in.iterator()).forEachRemaining(out::add);
        List<Outcome> oneByOne = in.stream().map(withBatches::process).toList();
        assertEquals(oneByOne.size(), out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(oneByOne.get(i).status(), out.get(i).status(), "outcome " + i);
            assertEquals(oneByOne.get(i).stage(), out.get(i).stage(), "outcome " + i);
            assertEquals(oneByOne.get(i).reason(), out.get(i).reason(), "outcome " + i);
            assertEquals(oneByOne.get(i).document(), out.get(i).document(), "outcome " + i);
        }
        assertSame(unreadable, out.get(3));
        // outcomes are read three at a time (the largest batch): "X1" was dropped before the batched stage, the
        // unreadable record never reaches it, "BAD" failed its batch, whose documents were then judged one at a time
        assertEquals(List.of(List.of("A", "B"), List.of("D1", "C"), List.of("BAD", "E", ""),
                List.of("F", "G", "BOOM")), batched.batches.subList(batched.batches.size() - 4, batched.batches.size()));
        assertEquals("stage-error", out.get(6).reason());
        assertEquals("batched", out.get(6).stage());
        assertEquals("starts-with-d", out.get(4).reason());
        assertEquals(1.0, out.get(5).document().signals().get("batched"));
    }
}
