package org.corpusforge.filters.pii;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.corpusforge.core.text.BoundedPattern;

/**
 * A detector made of a pattern (its group 1 is the span, or the whole match) and a validator of the found text. The
 * pattern is a {@link BoundedPattern}: text built to make it backtrack quarantines the document instead of holding
 * the task.
 */
final class RegexDetector implements PiiDetector {
    private final String type;
    private final BoundedPattern pattern;
    private final Predicate<String> valid;
    private final String needsAnyOf;

    RegexDetector(String type, String regex, Predicate<String> valid) {
        this(type, regex, valid, null);
    }

    /** @param needsAnyOf characters one of which every match contains; text without any is not scanned */
    RegexDetector(String type, String regex, Predicate<String> valid, String needsAnyOf) {
        this.type = type;
        this.pattern = BoundedPattern.compile(type, regex);
        this.valid = valid;
        this.needsAnyOf = needsAnyOf;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void find(String text, List<PiiSpan> out) {
        if (needsAnyOf != null && !containsAny(text, needsAnyOf)) {
            return;
        }
        Matcher m = pattern.matcher(text);
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            int group = 0;
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    group = g;
                    break;
                }
            }
            if (valid.test(m.group(group))) {
                out.add(new PiiSpan(m.start(group), m.end(group), type));
                from = m.end();
            } else {
                // a look-alike may hide a real one that starts inside it ("255 4940-3171-...")
                from = m.start() + 1;
            }
        }
    }

    private static boolean containsAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    static String digits(String s) {
        StringBuilder d = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        return d.toString();
    }
}
