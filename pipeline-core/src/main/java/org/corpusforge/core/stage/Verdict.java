package org.corpusforge.core.stage;

import java.util.Objects;
import org.corpusforge.core.model.Document;

/** What a stage decided about one document: keep it (perhaps changed), drop it for a reason, or quarantine it. */
public final class Verdict {
    public enum Kind { KEEP, DROP, QUARANTINE }

    private final Kind kind;
    private final Document document;
    private final String reason;
    private final String detail;

    private Verdict(Kind kind, Document document, String reason, String detail) {
        this.kind = kind;
        this.document = document;
        this.reason = reason;
        this.detail = detail;
    }

    public static Verdict keep(Document document) {
        return new Verdict(Kind.KEEP, Objects.requireNonNull(document), null, null);
    }

    /** Drops the document; {@code measured} is the document with the signals that led to the decision. */
    public static Verdict drop(Document measured, String reason) {
        return new Verdict(Kind.DROP, Objects.requireNonNull(measured), requireReason(reason), null);
    }

    /** The document cannot be processed (it is malformed, not merely unwanted). */
    public static Verdict quarantine(String reason, String detail) {
        return new Verdict(Kind.QUARANTINE, null, requireReason(reason), detail);
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a drop or quarantine needs a reason");
        }
        return reason;
    }

    public Kind kind() { return kind; }

    public Document document() { return document; }

    public String reason() { return reason; }

    public String detail() { return detail; }
}
