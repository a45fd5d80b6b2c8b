package org.corpusforge.core.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression that may spend only a bounded number of steps on a text: {@value #STEPS_PER_CHAR} character
 * reads per character of the text, plus {@value #BASE_STEPS}. Java's regex engine has no such bound, and one
 * pattern that backtracks on some input can hold a task for hours; counted in character reads, the bound is the
 * same on every machine and every run, so a record that exceeds it is quarantined deterministically
 * ({@link Exceeded}) rather than after a timeout that depends on the load. Every pattern here is written to stay
 * far below it (possessive or bounded repetition, never a repeated group that recurses per character); the bound
 * is the net under that rule, and the tests feed each pattern family adversarial text of 1 MB through it.
 */
public final class BoundedPattern {
    /** Far above what a linear pattern needs (the PII address pattern tries 47 prefectures at each position). */
    public static final int STEPS_PER_CHAR = 2_000;
    public static final int BASE_STEPS = 1_000_000;

    private final Pattern pattern;
    private final String name;

    private BoundedPattern(Pattern pattern, String name) {
        this.pattern = pattern;
        this.name = name;
    }

    /** @param name what the pattern finds, for the message of {@link Exceeded} (never the text) */
    public static BoundedPattern compile(String name, String regex) {
        return new BoundedPattern(Pattern.compile(regex), name);
    }

    public static BoundedPattern compile(String name, String regex, int flags) {
        return new BoundedPattern(Pattern.compile(regex, flags), name);
    }

    /** A pattern compiled elsewhere (a user's {@code line_pattern}), bounded the same way. */
    public static BoundedPattern of(String name, Pattern pattern) {
        return new BoundedPattern(pattern, name);
    }

    public Pattern pattern() {
        return pattern;
    }

    /** A matcher over the text that throws {@link Exceeded} once its steps are spent. */
    public Matcher matcher(CharSequence text) {
        return pattern.matcher(new Counted(text, (long) STEPS_PER_CHAR * text.length() + BASE_STEPS, name));
    }

    /**
     * A pattern spent its bound on one text. The message names the pattern and the text's length, never its
     * content, so it may stand in a quarantine record.
     */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String name, long steps, int length) {
            super("the " + name + " pattern took more than " + steps + " steps on " + length + " characters");
        }
    }

    /** The text, counting reads; sub-sequences share the count. */
    private static final class Counted implements CharSequence {
        private final CharSequence text;
        private final long[] left;
        private final long budget;
        private final String name;
        private final int length;

        Counted(CharSequence text, long budget, String name) {
            this(text, new long[] {budget}, budget, name, text.length());
        }

        private Counted(CharSequence text, long[] left, long budget, String name, int length) {
            this.text = text;
            this.left = left;
            this.budget = budget;
            this.name = name;
            this.length = length;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exceeded(name, budget, length);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.subSequence(start, end), left, budget, name, length);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
