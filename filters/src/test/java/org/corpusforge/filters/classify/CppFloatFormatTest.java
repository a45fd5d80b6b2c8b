package org.corpusforge.filters.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings as glibc's printf("%g") gives them for the same floats (checked with python3's "%g"). */
class CppFloatFormatTest {
    @Test
    void printsLikeStdCout() {
        assertEquals("1.00001", CppFloatFormat.format(1.00001f));
        assertEquals("1e-05", CppFloatFormat.format(1e-5f));
        assertEquals("0.5", CppFloatFormat.format(0.5f));
        assertEquals("0.999991", CppFloatFormat.format(0.99999094f));
        assertEquals("0.000123457", CppFloatFormat.format(0.000123456789f));
        assertEquals("1.23457e-05", CppFloatFormat.format(0.0000123456789f));
        assertEquals("123457", CppFloatFormat.format(123456.7f));
        assertEquals("1.23457e+06", CppFloatFormat.format(1234567f));
        assertEquals("1", CppFloatFormat.format(1f));
        assertEquals("0", CppFloatFormat.format(0f));
        assertEquals("-0.25", CppFloatFormat.format(-0.25f));
    }
}
