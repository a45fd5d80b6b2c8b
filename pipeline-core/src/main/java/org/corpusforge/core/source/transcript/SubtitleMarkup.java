package org.corpusforge.core.source.transcript;

/**
 * Subtitle markup, scanned in one pass: the patterns {@code <[^>]*>|\{\\[^}]*}} and
 * {@code <v(\.[^ >]*)?\s+([^>]+)>} as regular expressions backtrack quadratically on a cue of unclosed {@code <}
 * (a 1 MB cue once ran for hours). Each scan here remembers where the next closing character is, so every
 * character is looked at a bounded number of times whatever the input.
 */
final class SubtitleMarkup {
    private SubtitleMarkup() {}

    /** The line without its tags ({@code <i>}, {@code <c.x>}, {@code <00:01.000>}) and SSA overrides ({@code {\an8}}). */
    static String stripTags(String line) {
        StringBuilder out = null;
        int n = line.length();
        int nextGt = -2; // the next '>' at or after the current position; -1 none; -2 not yet looked for
        int nextBrace = -2;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            int end = -1;
            if (c == '<') {
                if (nextGt != -1 && nextGt < i) {
                    nextGt = line.indexOf('>', i);
                }
                end = nextGt;
            } else if (c == '{' && i + 1 < n && line.charAt(i + 1) == '\\') {
                if (nextBrace != -1 && nextBrace < i + 2) {
                    nextBrace = line.indexOf('}', i + 2);
                }
                end = nextBrace;
            }
            if (end >= 0) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(line, copied, i);
                i = end + 1;
                copied = i;
            } else {
                i++;
            }
        }
        return out == null ? line : out.append(line, copied, n).toString();
    }

    /** The speaker of the line's first {@code <v Name>} (or {@code <v.class Name>}) tag, or null. */
    static String voice(String line) {
        int n = line.length();
        int from = 0;
        while (true) {
            int at = line.indexOf("<v", from);
            if (at < 0) {
                return null;
            }
            int j = at + 2;
            if (j < n && line.charAt(j) == '.') {
                // the class runs to a space or '>' (a tab inside a class is taken as part of it)
                while (j < n && line.charAt(j) != ' ' && line.charAt(j) != '>') {
                    j++;
                }
            }
            int spaces = j;
            while (j < n && isSpace(line.charAt(j))) {
                j++;
            }
            if (j == spaces) {
                // no white space before the name: a tag starting inside the skipped class ends at the same place
                from = Math.max(at + 2, j);
                continue;
            }
            int gt = line.indexOf('>', j);
            if (gt < 0) {
                return null; // no '>' after this point: no later tag closes either
            }
            if (gt == j) {
                // only white space before '>': the pattern gives the name one of those characters
                if (j - spaces >= 2) {
                    return "";
                }
                from = at + 2;
                continue;
            }
            return line.substring(j, gt).strip();
        }
    }

    /** The regular expression's {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
