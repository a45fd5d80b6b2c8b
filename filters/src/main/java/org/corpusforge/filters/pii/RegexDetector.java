package org.corpusforge.filters.pii;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A detector made of a pattern (its group 1 is the span, or the whole match) and a validator of the found text. */
final class RegexDetector implements PiiDetector {
    private final String type;
    private final Pattern pattern;
    private final Predicate<String> valid;

    RegexDetector(String type, String regex, Predicate<String> valid) {
        this.type = type;
        this.pattern = Pattern.compile(regex);
        this.valid = valid;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void find(String text, List<PiiSpan> out) {
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
