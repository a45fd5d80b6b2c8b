package org.corpusforge.core.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.corpusforge.core.model.Document;

/**
 * Runs documents through the configured stages in order and turns every verdict into an
 * {@link Outcome}. A stage that throws quarantines the document instead of failing the run.
 */
public final class StageChain {
    private final List<NamedStage> stages;
    /** What an id read becomes before anything sees it (a pseudonym for one holding personal data). */
    private final java.util.function.UnaryOperator<String> ids;

    public StageChain(List<NamedStage> stages) {
        this(stages, java.util.function.UnaryOperator.identity());
    }

    public StageChain(List<NamedStage> stages, java.util.function.UnaryOperator<String> ids) {
        this.stages = List.copyOf(stages);
        this.ids = ids;
    }

    public List<NamedStage> stages() {
        return stages;
    }

    public List<String> names() {
        return stages.stream().map(NamedStage::name).toList();
    }

    /**
     * Passes kept outcomes through the stages; outcomes already decided (by the reader) keep their decision. The
     * excerpt and detail of every record that is not kept go through each stage's {@link DocumentStage#redact},
     * so a quarantine file never shows personal data the corpus beside it masks.
     */
    public Outcome process(Outcome read) {
        Outcome outcome = read.withId(ids.apply(read.id()));
        Outcome result = outcome.status() == Outcome.Status.KEPT ? process(outcome.document()) : outcome;
        return result.status() == Outcome.Status.KEPT ? result : result.withSideText(this::redact);
    }

    /** Text for a side output, as every stage of the chain would redact it. */
    public String redact(String text) {
        String current = text;
        for (NamedStage named : stages) {
            current = named.stage().redact(current);
        }
        return current;
    }

    /** A search query as the chain's stages would rewrite its characters ({@link DocumentStage#normalizeQuery}). */
    public String normalizeQuery(String text) {
        String current = text;
        for (NamedStage named : stages) {
            current = named.stage().normalizeQuery(current);
        }
        return current;
    }

    public Outcome process(Document document) {
        Document current = document;
        for (NamedStage named : stages) {
            Verdict verdict;
            try {
                verdict = named.stage().apply(current);
            } catch (RuntimeException | StackOverflowError e) {
                return failed(named, e, current);
            }
            Outcome ended = ended(named, verdict, current);
            if (ended != null) {
                return ended;
            }
            current = verdict.document();
        }
        return Outcome.kept(current);
    }

    /**
     * Every outcome through {@link #process(Outcome)}, lazily and in order. When a stage judges documents in batches
     * ({@link DocumentStage#batchSize}), outcomes are read ahead in blocks of the largest batch size and each stage
     * is handed the block's documents still kept when they reach it; the outcomes are those of one at a time.
     */
    public Iterator<Outcome> processAll(Iterator<Outcome> outcomes) {
        int block = stages.stream().mapToInt(s -> s.stage().batchSize()).max().orElse(1);
        return new Iterator<>() {
            private Iterator<Outcome> done = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (!done.hasNext() && outcomes.hasNext()) {
                    if (block <= 1) {
                        return true;
                    }
                    List<Outcome> read = new ArrayList<>(block);
                    while (read.size() < block && outcomes.hasNext()) {
                        read.add(outcomes.next());
                    }
                    done = processBlock(read).iterator();
                }
                return done.hasNext();
            }

            @Override
            public Outcome next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return done.hasNext() ? done.next() : process(outcomes.next());
            }
        };
    }

    private List<Outcome> processBlock(List<Outcome> read) {
        List<Outcome> block = read.stream().map(o -> o.withId(ids.apply(o.id()))).toList();
        Outcome[] ended = new Outcome[block.size()];
        Document[] current = new Document[block.size()];
        for (int i = 0; i < block.size(); i++) {
            if (block.get(i).status() == Outcome.Status.KEPT) {
                current[i] = block.get(i).document();
            } else {
                ended[i] = block.get(i);
            }
        }
        for (NamedStage named : stages) {
            List<Integer> going = new ArrayList<>();
            for (int i = 0; i < block.size(); i++) {
                if (ended[i] == null) {
                    going.add(i);
                }
            }
            int size = Math.max(1, named.stage().batchSize());
            for (int from = 0; from < going.size(); from += size) {
                List<Integer> batch = going.subList(from, Math.min(going.size(), from + size));
                List<Verdict> verdicts = judge(named, batch.stream().map(i -> current[i]).toList());
                for (int k = 0; k < batch.size(); k++) {
                    int i = batch.get(k);
                    Verdict verdict = verdicts == null ? null : verdicts.get(k);
                    if (verdict == null) {
                        try {
                            verdict = named.stage().apply(current[i]);
                        } catch (RuntimeException | StackOverflowError e) {
                            ended[i] = failed(named, e, current[i]);
                            continue;
                        }
                    }
                    ended[i] = ended(named, verdict, current[i]);
                    current[i] = verdict.document();
                }
            }
        }
        List<Outcome> results = new ArrayList<>(block.size());
        for (int i = 0; i < block.size(); i++) {
            Outcome result = ended[i] != null ? ended[i] : Outcome.kept(current[i]);
            results.add(result.status() == Outcome.Status.KEPT ? result : result.withSideText(this::redact));
        }
        return results;
    }

    /** A batch's verdicts, or null when the stage failed on the batch: then each document is judged alone. */
    private static List<Verdict> judge(NamedStage named, List<Document> batch) {
        if (batch.size() == 1) {
            return null;
        }
        try {
            List<Verdict> verdicts = named.stage().applyAll(batch);
            return verdicts.size() == batch.size() ? verdicts : null;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** The outcome a verdict ends the chain with, or null when the document goes on. */
    private static Outcome ended(NamedStage named, Verdict verdict, Document current) {
        return switch (verdict.kind()) {
            case KEEP -> null;
            case DROP -> Outcome.dropped(named.name(), verdict.reason(), verdict.detail(), verdict.document());
            case QUARANTINE -> Outcome.quarantined(named.name(), verdict.reason(), verdict.detail(), current);
        };
    }

    /**
     * The detail names the kind of failure only: a library's message may quote the document's text, cut where the
     * masker no longer recognises what it cuts. A pattern's own bound says which pattern, never the text.
     */
    private static Outcome failed(NamedStage named, Throwable error, Document current) {
        String detail = error instanceof org.corpusforge.core.text.BoundedPattern.Exceeded ? error.getMessage()
                : error.getClass().getName();
        return Outcome.quarantined(named.name(), "stage-error", detail, current);
    }
}
