package org.corpusforge.filters.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds personal data with one detector per type and replaces each span by a typed placeholder
 * ({@code <EMAIL>}, {@code <PHONE>}, ...). Where detectors overlap, the span that starts first wins, then the
 * longer, then the detector listed first. Run it after normalisation: NFKC turns full-width digits and letters into
 * ASCII, so one pattern covers both.
 */
public final class PiiMasker {
    /** The prefectures the address detector knows, in its order. */
    public static final java.util.List<String> PREFECTURES = java.util.List.of(Detectors.PREFECTURES.split("\\|"));

    /** Types in order of precedence. */
    public static final List<String> TYPES = List.of("email", "corporate_number", "my_number", "card", "phone",
            "postal_code", "ip", "address", "name");

    private final List<PiiDetector> detectors;
    private final Map<String, String> placeholders;

    /**
     * @param types        the types to detect ({@link #TYPES})
     * @param placeholders replacement text per type; types without one get {@code <TYPE>}
     */
    public PiiMasker(List<String> types, Map<String, String> placeholders) {
        List<PiiDetector> all = new ArrayList<>(Detectors.structured());
        all.add(new NameDetector());
        this.detectors = all.stream().filter(d -> types.contains(d.type()))
                .sorted(Comparator.comparingInt(d -> TYPES.indexOf(d.type()))).toList();
        this.placeholders = placeholders;
    }

    /** The masked text, the count of spans per type, and how many characters were masked. */
    public record Result(String text, Map<String, Integer> counts, int maskedChars) {}

    /** How far around a digit or an @ a structured identifier can reach (an address starts with its prefecture). */
    private static final int WINDOW = 64;

    /** The spans to mask, in text order, overlaps resolved. */
    public List<PiiSpan> find(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        // every structured type contains an ASCII digit or an @: scan only the windows around them
        List<int[]> windows = windows(text);
        for (PiiDetector d : detectors) {
            if (d instanceof NameDetector) {
                d.find(text, spans);
                continue;
            }
            for (int[] w : windows) {
                List<PiiSpan> found = new ArrayList<>();
                d.find(text.substring(w[0], w[1]), found);
                for (PiiSpan f : found) {
                    spans.add(new PiiSpan(f.start() + w[0], f.end() + w[0], f.type()));
                }
            }
        }
        spans.sort(Comparator.comparingInt(PiiSpan::start).thenComparingInt(s -> -(s.end() - s.start()))
                .thenComparingInt(s -> TYPES.indexOf(s.type())));
        List<PiiSpan> kept = new ArrayList<>();
        int at = 0;
        for (PiiSpan s : spans) {
            if (s.start() >= at) {
                kept.add(s);
                at = s.end();
            }
        }
        return kept;
    }

    /** Merged stretches of text around ASCII digits and @ signs, at least WINDOW characters on each side. */
    private static List<int[]> windows(String text) {
        List<int[]> windows = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '@') {
                int start = Math.max(0, i - WINDOW);
                int end = Math.min(n, i + WINDOW + 1);
                if (!windows.isEmpty() && windows.get(windows.size() - 1)[1] >= start) {
                    windows.get(windows.size() - 1)[1] = end;
                } else {
                    windows.add(new int[] {start, end});
                }
            }
        }
        // never cut a surrogate pair at a window edge
        for (int[] w : windows) {
            if (w[0] > 0 && Character.isLowSurrogate(text.charAt(w[0]))) {
                w[0]--;
            }
            if (w[1] < n && Character.isLowSurrogate(text.charAt(w[1]))) {
                w[1]++;
            }
        }
        return windows;
    }

    public Result mask(String text) {
        List<PiiSpan> spans = find(text);
        if (spans.isEmpty()) {
            return new Result(text, Map.of(), 0);
        }
        StringBuilder out = new StringBuilder(text.length());
        Map<String, Integer> counts = new TreeMap<>();
        int masked = 0;
        int at = 0;
        for (PiiSpan s : spans) {
            out.append(text, at, s.start()).append(placeholders.getOrDefault(s.type(),
                    "<" + s.type().toUpperCase(java.util.Locale.ROOT) + ">"));
            counts.merge(s.type(), 1, Integer::sum);
            masked += text.codePointCount(s.start(), s.end());
            at = s.end();
        }
        out.append(text, at, text.length());
        return new Result(out.toString(), counts, masked);
    }
}
