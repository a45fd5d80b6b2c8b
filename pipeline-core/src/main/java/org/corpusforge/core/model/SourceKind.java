package org.corpusforge.core.model;

import java.util.Locale;

/** The kind of material a document came from; written in lower case to the output. */
public enum SourceKind {
    WEB, BOOK, TRANSCRIPT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceKind parse(String label) {
        for (SourceKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown source kind '" + label + "' (expected web, book or transcript)");
    }
}
