package org.corpusforge.filters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * JIS X 0213 plane-row-cell ("men-ku-ten", as in Aozora's {@code 第3水準1-88-85}) to Unicode: the code point is
 * turned into its Shift_JIS-2004 bytes and decoded with the JDK's {@code x-SJIS_0213} charset. Some cells are
 * two code points (カ゚ is U+30AB U+309A).
 */
public final class JisX0213 {
    private static final Charset SJIS_2004 = Charset.forName("x-SJIS_0213");

    private JisX0213() {}

    /** The character at plane (1 or 2), row and cell (1 to 94), or null when there is none. */
    public static String toUnicode(int plane, int row, int cell) {
        if (row < 1 || row > 94 || cell < 1 || cell > 94) {
            return null;
        }
        int lead;
        boolean oddRow;
        if (plane == 1) {
            lead = row <= 62 ? (row + 0x101) >> 1 : (row + 0x181) >> 1;
            oddRow = row % 2 == 1;
        } else if (plane == 2) {
            switch (row) {
                case 1, 8 -> lead = 0xF0;
                case 3, 4 -> lead = 0xF1;
                case 5, 12 -> lead = 0xF2;
                case 13, 14 -> lead = 0xF3;
                case 15, 78 -> lead = 0xF4;
                default -> {
                    if (row < 79) {
                        return null;
                    }
                    lead = (row + 0x19B) >> 1;
                }
            }
            oddRow = row == 1 || row == 3 || row == 5 || row == 13 || row == 15 || (row >= 79 && row % 2 == 1);
        } else {
            return null;
        }
        int trail = oddRow ? cell + 0x3F + (cell >= 64 ? 1 : 0) : cell + 0x9E;
        try {
            String s = SJIS_2004.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(new byte[] {(byte) lead, (byte) trail})).toString();
            return s.isEmpty() || s.indexOf('\uFFFD') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
