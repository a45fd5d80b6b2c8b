package org.corpusforge.filters;

import java.util.Set;

/**
 * Lines as the unit of corpus-wide boilerplate (menus, copyright lines, credit footers): a stable 64-bit hash per
 * line, and the text without the lines whose hash is in a given set. Lines are compared after trimming; blank
 * lines and lines shorter than a minimum are never boilerplate.
 */
public final class BoilerplateLines {
    private final int minLineChars;

    public BoilerplateLines(int minLineChars) {
        this.minLineChars = minLineChars;
    }

    /** The hashes of the document's distinct candidate lines: each counts once per document. */
    public long[] distinctHashes(String text) {
        return text.lines().map(String::strip).filter(this::candidate).mapToLong(BoilerplateLines::hash)
                .distinct().sorted().toArray();
    }

    /** The text without the lines in {@code boilerplate}, and what was taken out. */
    /** The text left, and the lines removed (how many, their characters, and each distinct one, stripped). */
    public record Removal(String text, int lines, int chars, Set<String> removed) {}

    public Removal remove(String text, Set<Long> boilerplate) {
        StringBuilder out = new StringBuilder(text.length());
        Set<String> removed = new java.util.LinkedHashSet<>();
        int lines = 0;
        int chars = 0;
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (candidate(stripped) && boilerplate.contains(hash(stripped))) {
                lines++;
                chars += stripped.codePointCount(0, stripped.length());
                removed.add(stripped);
                continue;
            }
            out.append(line).append('\n');
        }
        String cleaned = out.length() == 0 ? "" : out.substring(0, out.length() - 1);
        return new Removal(lines == 0 ? text : cleaned.strip(), lines, chars, removed);
    }

    private boolean candidate(String stripped) {
        return !stripped.isEmpty() && stripped.codePointCount(0, stripped.length()) >= minLineChars;
    }

    static long hash(String line) {
        return StableHashes.of(line);
    }
}
