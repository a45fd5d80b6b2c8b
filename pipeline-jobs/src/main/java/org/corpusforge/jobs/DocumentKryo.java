package org.corpusforge.jobs;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;

/**
 * Kryo's form of a document, written for the way the job uses documents: every persisted dataset and the shards'
 * shuffle carry them. Kryo's own field serializer wrote the text one character at a time and each signal as two
 * objects with their classes; here the text is its UTF-8 bytes (the JDK's bulk encoder and decoder) and each signal a
 * name and a double. A text with a surrogate outside a pair, which UTF-8 cannot carry, goes character by character.
 */
final class DocumentKryo extends Serializer<Document> {
    private static final int UTF8 = 0;
    private static final int CHARS = 1;
    private static final SourceKind[] SOURCES = SourceKind.values();

    @Override
    public void write(Kryo kryo, Output output, Document doc) {
        output.writeString(doc.id());
        String text = doc.text();
        if (pairedSurrogatesOnly(text)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            output.writeVarInt(UTF8, true);
            output.writeVarInt(bytes.length, true);
            output.writeBytes(bytes);
        } else {
            output.writeVarInt(CHARS, true);
            output.writeString(text);
        }
        output.writeVarInt(doc.source().ordinal(), true);
        kryo.writeObject(output, doc.provenance());
        kryo.writeObject(output, doc.metadata());
        Map<String, Double> signals = doc.signals();
        output.writeVarInt(signals.size(), true);
        for (Map.Entry<String, Double> e : signals.entrySet()) {
            output.writeString(e.getKey());
            output.writeDouble(e.getValue());
        }
    }

    @Override
    public Document read(Kryo kryo, Input input, Class<Document> type) {
        String id = input.readString();
        String text = input.readVarInt(true) == UTF8
                ? new String(input.readBytes(input.readVarInt(true)), StandardCharsets.UTF_8)
                : input.readString();
        SourceKind source = SOURCES[input.readVarInt(true)];
        Provenance provenance = kryo.readObject(input, Provenance.class);
        Metadata metadata = kryo.readObject(input, Metadata.class);
        int count = input.readVarInt(true);
        Document doc = new Document(id, text, source, provenance, metadata);
        if (count == 0) {
            return doc;
        }
        TreeMap<String, Double> signals = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            signals.put(input.readString(), input.readDouble());
        }
        return doc.withSignals(signals);
    }

    /** Whether UTF-8 carries the text exactly: every surrogate is half of a pair. */
    static boolean pairedSurrogatesOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }
}
