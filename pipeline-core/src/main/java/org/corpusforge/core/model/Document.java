package org.corpusforge.core.model;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One document on its way through the pipeline. Immutable: a stage that changes the text or adds
 * signals returns a new instance through {@link #withText} or {@link #withSignal}.
 *
 * <p>The id is derived from where the document was found, never from its content, so it stays the
 * same when stages change the text; {@link #contentSha256()} identifies the content.
 */
public final class Document implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String text;
    private final SourceKind source;
    private final Provenance provenance;
    private final Metadata metadata;
    // TreeMaps keep the order of signals stable, which keeps the written bytes stable.
    private final TreeMap<String, Double> signals;

    public Document(String id, String text, SourceKind source, Provenance provenance, Metadata metadata) {
        this(id, text, source, provenance, metadata, new TreeMap<>());
    }

    private Document(String id, String text, SourceKind source, Provenance provenance, Metadata metadata,
                     TreeMap<String, Double> signals) {
        this.id = Objects.requireNonNull(id, "id");
        this.text = Objects.requireNonNull(text, "text");
        this.source = Objects.requireNonNull(source, "source");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.metadata = metadata == null ? Metadata.EMPTY : metadata;
        this.signals = signals;
    }

    public String id() { return id; }

    public String text() { return text; }

    public SourceKind source() { return source; }

    public Provenance provenance() { return provenance; }

    public Metadata metadata() { return metadata; }

    /** Numeric measurements added by stages, by name, in name order. */
    public SortedMap<String, Double> signals() { return Collections.unmodifiableSortedMap(signals); }

    public Document withText(String newText) {
        return newText.equals(text) ? this : new Document(id, newText, source, provenance, metadata, signals);
    }

    /** The same document under another id (a rehydrated copy). */
    public Document withId(String newId) {
        return new Document(newId, text, source, provenance, metadata, signals);
    }

    public Document withMetadata(Metadata newMetadata) {
        return new Document(id, text, source, provenance, newMetadata, signals);
    }

    public Document withSignal(String name, double value) {
        TreeMap<String, Double> copy = new TreeMap<>(signals);
        copy.put(name, value);
        return new Document(id, text, source, provenance, metadata, copy);
    }

    public Document withSignals(Map<String, Double> more) {
        TreeMap<String, Double> copy = new TreeMap<>(signals);
        copy.putAll(more);
        return new Document(id, text, source, provenance, metadata, copy);
    }

    /** The length of the text in UTF-8 bytes, counted without encoding it. */
    public long textUtf8Bytes() {
        long bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** SHA-256 of the UTF-8 bytes of the current text, as lower-case hex. */
    public String contentSha256() {
        return Hashing.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document d && id.equals(d.id) && text.equals(d.text) && source == d.source
                && provenance.equals(d.provenance) && metadata.equals(d.metadata) && signals.equals(d.signals);
    }

    @Override
    public int hashCode() { return Objects.hash(id, text, source, provenance, metadata, signals); }

    @Override
    public String toString() { return "Document[" + id + ", " + text.length() + " chars]"; }
}
