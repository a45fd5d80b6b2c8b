package org.corpusforge.filters.classify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A float as C++'s {@code std::cout << f} prints it by default (what fastText's predict-prob prints): six
 * significant digits, fixed notation for exponents from -4 to 5 and scientific ({@code 1e-05}) otherwise, trailing
 * zeros removed, the exact binary value rounded half to even as glibc's printf does.
 */
public final class CppFloatFormat {
    private static final int PRECISION = 6;

    private CppFloatFormat() {}

    /** Probabilities repeat (1e-05, 1.00001, ...): the exact formatting is remembered, up to a bound. */
    private static final java.util.Map<Float, String> RECENT = new java.util.concurrent.ConcurrentHashMap<>();

    public static String format(float f) {
        String known = RECENT.get(f);
        if (known != null) {
            return known;
        }
        String formatted = exact(f);
        if (RECENT.size() > 100_000) {
            RECENT.clear();
        }
        RECENT.put(f, formatted);
        return formatted;
    }

    private static String exact(float f) {
        if (Float.isNaN(f)) {
            return "nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        if (f == 0f) {
            return Float.floatToRawIntBits(f) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(f).round(new MathContext(PRECISION, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < PRECISION) {
            return rounded.toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(rounded.signum() < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        return out.append(abs < 10 ? "0" : "").append(abs).toString();
    }
}
