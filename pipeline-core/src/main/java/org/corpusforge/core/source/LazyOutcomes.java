package org.corpusforge.core.source;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * An iterator that asks {@link #computeNext()} for one record at a time. An {@link IOException} becomes a
 * single {@code read-error} quarantine record and ends the file, so a truncated or corrupt file costs the
 * rest of that file, visibly, and never the run.
 */
public abstract class LazyOutcomes implements Iterator<Outcome> {
    protected final InputFile file;
    private Outcome next;
    private boolean done;
    private long produced;

    protected LazyOutcomes(InputFile file) {
        this.file = file;
    }

    /** The next record, or null when the file has no more. */
    protected abstract Outcome computeNext() throws IOException;

    /** Where reading stopped, for the read-error record. */
    protected abstract String currentLocator();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            try {
                next = computeNext();
            } catch (IOException | RuntimeException e) {
                String locator = currentLocator();
                next = Outcome.unreadable(file.idPrefix() + "@" + locator, file.source(),
                        new Provenance(file.uri(), locator, file.sha256()), "read-error",
                        "reading stopped: " + describe(e), null);
                done = true;
                return true;
            }
            if (next == null) {
                done = true;
                if (produced == 0) {
                    next = Outcome.unreadable(file.idPrefix(), file.source(),
                            new Provenance(file.uri(), "file", file.sha256()), "empty-file",
                            "the file holds no records", null);
                }
            }
        }
        return next != null;
    }

    /**
     * A failure as a quarantine detail: the parsers' messages (jwarc's, Jackson's) quote the bytes around the fault,
     * which may be personal data the masker cannot see whole; theirs give only their kind. Decompressors and our
     * own readers say where and what without quoting.
     */
    private static String describe(Exception e) {
        return e instanceof org.netpreserve.jwarc.ParsingException
                || e instanceof com.fasterxml.jackson.core.JsonProcessingException
                || e instanceof RuntimeException ? e.getClass().getName() : e.toString();
    }

    @Override
    public final Outcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Outcome result = next;
        next = null;
        produced++;
        return result;
    }
}
