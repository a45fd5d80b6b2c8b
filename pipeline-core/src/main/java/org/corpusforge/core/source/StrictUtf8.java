package org.corpusforge.core.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding that refuses malformed bytes instead of silently turning them into U+FFFD. */
final class StrictUtf8 {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The decoded text without a leading byte-order mark, or null when the bytes are not valid UTF-8. */
    String decode(byte[] bytes) {
        try {
            String text = decoder.reset().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Where the first malformed byte is, for the quarantine record. */
    static String describeError(byte[] bytes) {
        CharsetDecoder probe = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        probe.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return "invalid UTF-8 at byte " + in.position() + " of the record";
    }

    /** The record as far as it can be read, with bad bytes replaced, for people looking at the quarantine. */
    static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
