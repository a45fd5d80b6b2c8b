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

    /** Dropped, with a detail for people: what was found (no text of the document). */
    public static Verdict drop(Document measured, String reason, String detail) {
        return new Verdict(Kind.DROP, Objects.requireNonNull(measured), requireReason(reason), detail);
    }

    /**
     * Dropped because a measured value broke a threshold: the detail says which value and which threshold
     * ({@code avg_sentence_length 112.4 > 90}), so that a person reading the dropped record or the report sees why.
     */
    public static Verdict drop(Document measured, String reason, String signal, double value, String comparison,
                               double threshold) {
        return new Verdict(Kind.DROP, Objects.requireNonNull(measured), requireReason(reason),
                signal + " " + number(value) + " " + comparison + " " + number(threshold));
    }

    /** A value as a person reads it: whole numbers whole, others to four significant digits. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
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
