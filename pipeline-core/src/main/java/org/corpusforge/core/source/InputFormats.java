package org.corpusforge.core.source;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The input formats by name: the kinds ({@link InputFormat}) registered one line each in
 * {@code META-INF/services/org.corpusforge.core.source.InputFormat}, in that order. Every place that needs the list
 * asks here; {@link Formats} recognises files by what the formats say.
 */
public final class InputFormats {
    private static final Map<String, InputFormat> FORMATS = new LinkedHashMap<>();

    static {
        for (InputFormat format : ServiceLoader.load(InputFormat.class, InputFormats.class.getClassLoader())) {
            if (FORMATS.putIfAbsent(format.name(), format) != null) {
                throw new IllegalStateException("two input formats are named " + format.name());
            }
        }
    }

    private InputFormats() {}

    /** Every format, in the order registered. */
    public static Collection<InputFormat> all() {
        return FORMATS.values();
    }

    /** The names a user may give, in the order README lists them. */
    public static List<String> names() {
        return FORMATS.values().stream().filter(f -> !f.internal()).map(InputFormat::name).toList();
    }

    /** @throws IllegalArgumentException for a name no format has */
    public static InputFormat get(String name) {
        InputFormat format = FORMATS.get(name);
        if (format == null) {
            throw new IllegalArgumentException("no reader for format " + name);
        }
        return format;
    }
}
