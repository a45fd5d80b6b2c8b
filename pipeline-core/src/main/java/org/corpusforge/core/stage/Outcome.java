package org.corpusforge.core.stage;

import java.io.Serializable;
import java.util.Objects;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;

/**
 * Where one input record ended up: kept (with its final document), dropped by a stage for a reason,
 * or quarantined by the reader or a stage with an error. Every record read yields exactly one outcome,
 * which is what makes the manifest add up.
 */
public final class Outcome implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String READ_STAGE = "read";
    private static final int EXCERPT_CHARS = 1000;
    /**
     * How much more than {@link #EXCERPT_CHARS} is kept until the excerpt is redacted: personal data that crosses
     * the cut is seen whole by the masker and masked before the cut is made (cut first, 12 of a card's 16 digits
     * once survived).
     */
    private static final int EXCERPT_MARGIN = 512;
    /**
     * What is dropped from the end of a redacted excerpt whose record went on past the margin: a value cut by the
     * margin stands there, unseen by the masker, whatever the masks before it did to the length.
     */
    private static final int EXCERPT_TAIL = 256;

    public enum Status { KEPT, DROPPED, QUARANTINED }

    private final Status status;
    private final String stage;
    private final String reason;
    private final String detail;
    private final String id;
    private final SourceKind source;
    private final Provenance provenance;
    private final Document document;
    private final String excerpt;

    private Outcome(Status status, String stage, String reason, String detail, String id, SourceKind source,
                    Provenance provenance, Document document, String excerpt) {
        this.status = status;
        this.stage = stage;
        this.reason = reason;
        this.detail = detail;
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.document = document;
        this.excerpt = excerpt;
    }

    public static Outcome kept(Document document) {
        return new Outcome(Status.KEPT, null, null, null, document.id(), document.source(), document.provenance(),
                document, null);
    }

    public static Outcome dropped(String stage, String reason, Document measured) {
        return dropped(stage, reason, null, measured);
    }

    /** A drop with a detail for people, e.g. which document a duplicate duplicates. */
    public static Outcome dropped(String stage, String reason, String detail, Document measured) {
        return new Outcome(Status.DROPPED, stage, reason, detail, measured.id(), measured.source(),
                measured.provenance(), measured, null);
    }

    /** A record a stage could not process; the document is kept as it entered that stage. */
    public static Outcome quarantined(String stage, String reason, String detail, Document document) {
        return new Outcome(Status.QUARANTINED, stage, reason, detail, document.id(), document.source(),
                document.provenance(), document, excerpt(document.text()));
    }

    /** A record the reader could not turn into a document; {@code raw} is what could be read of it, if anything. */
    public static Outcome unreadable(String id, SourceKind source, Provenance provenance, String reason, String detail,
                                     String raw) {
        return new Outcome(Status.QUARANTINED, READ_STAGE, reason, detail, id, source, provenance, null, excerpt(raw));
    }

    /** A record the reader read but that is not a document (a WARC request, a 404 page, an image). */
    /** @param detail what the record was instead of a document (its kind, its status), never its content */
    public static Outcome skipped(String id, SourceKind source, Provenance provenance, String reason, String detail) {
        return new Outcome(Status.DROPPED, READ_STAGE, reason, detail, id, source, provenance, null, null);
    }

    private static String excerpt(String raw) {
        return cut(raw, EXCERPT_CHARS + EXCERPT_MARGIN);
    }

    private static String cut(String raw, int chars) {
        if (raw == null || raw.length() <= chars) {
            return raw;
        }
        int end = chars;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end);
    }

    /** The same outcome under another id (its document too). */
    public Outcome withId(String newId) {
        return newId.equals(id) ? this : new Outcome(status, stage, reason, detail, newId, source, provenance,
                document == null ? null : document.withId(newId), excerpt);
    }

    /** The same outcome without the document text, for when only the accounting is still needed. */
    public Outcome withoutText() {
        return document == null ? this
                : new Outcome(status, stage, reason, detail, id, source, provenance, null, excerpt);
    }

    /**
     * The same outcome with its detail and excerpt passed through {@code redact} (nulls stay null), the excerpt
     * then cut to its length.
     */
    public Outcome withSideText(java.util.function.UnaryOperator<String> redact) {
        String d = detail == null ? null : redact.apply(detail);
        String e = excerpt == null ? null : redact.apply(excerpt);
        if (e != null && excerpt.length() >= EXCERPT_CHARS + EXCERPT_MARGIN - 1) {
            e = cut(e, Math.max(0, e.length() - EXCERPT_TAIL));
        }
        e = cut(e, EXCERPT_CHARS);
        return java.util.Objects.equals(d, detail) && java.util.Objects.equals(e, excerpt) ? this
                : new Outcome(status, stage, reason, d, id, source, provenance, document, e);
    }

    public Status status() { return status; }

    /** The stage that dropped or quarantined the record; null when kept. */
    public String stage() { return stage; }

    public String reason() { return reason; }

    /** The error message of a quarantine, for people reading the quarantine output. */
    public String detail() { return detail; }

    public String id() { return id; }

    public SourceKind source() { return source; }

    public Provenance provenance() { return provenance; }

    /** The final document when kept, the measured one when dropped, the one that failed when quarantined by a stage. */
    public Document document() { return document; }

    /** The beginning of the raw record or text of a quarantined record, at most 1,000 characters. */
    /** What could be read of the record, at most {@value #EXCERPT_CHARS} characters. */
    public String excerpt() { return cut(excerpt, EXCERPT_CHARS); }
}
