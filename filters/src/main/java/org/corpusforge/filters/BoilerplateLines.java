package org.corpusforge.filters;

import org.corpusforge.filters.text.StableHashes;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Lines as the unit of corpus-wide boilerplate (menus, copyright lines, credit footers): a stable 64-bit hash per
 * line, and the text without the lines whose hash is in a given set. Lines are compared after trimming; blank
 * lines are never boilerplate. A line of at least {@code minLineChars} characters counts across the corpus. A
 * shorter one counts only in a document of a site (a pager's 次のページ), only if it may be template rather than
 * prose ({@link ShortLines}), and twice: within its site and across the corpus, each against its own limit. The
 * lowest two bits of a hash say which count it is for ({@link #kindOf}).
 */
public final class BoilerplateLines {
    /** A line of at least {@code minLineChars}, counted across the corpus. */
    public static final int LONG = 0;
    /** A short line that may be template, counted within its site. */
    public static final int SITE = 1;
    /** A short line that may be template, counted across the corpus. */
    public static final int CORPUS_SHORT = 2;

    private final int minLineChars;

    public BoilerplateLines(int minLineChars) {
        this.minLineChars = minLineChars;
    }

    /** The hashes of the document's distinct candidate lines: each counts once per document. */
    public long[] distinctHashes(String text) {
        return distinctHashes(text, null);
    }

    /** The same, with the short lines that may be template when the document is of a site (null: none). */
    public long[] distinctHashes(String text, String site) {
        return text.lines().map(String::strip).flatMapToLong(line -> LongStream.of(keys(line, site)))
                .distinct().sorted().toArray();
    }

    /** Which count a hash is for ({@link #LONG}, {@link #SITE} or {@link #CORPUS_SHORT}). */
    public static int kindOf(long hash) {
        return (int) (hash & 3);
    }

    /** The text left, and the lines removed (how many, their characters, and each distinct one, stripped). */
    public record Removal(String text, int lines, int chars, Set<String> removed) {}

    public Removal remove(String text, Set<Long> boilerplate) {
        return remove(text, boilerplate, null);
    }

    /** The text without the lines any of whose hashes is in {@code boilerplate}; short lines only of a site. */
    public Removal remove(String text, Set<Long> boilerplate, String site) {
        StringBuilder out = new StringBuilder(text.length());
        Set<String> removed = new LinkedHashSet<>();
        int lines = 0;
        int chars = 0;
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (LongStream.of(keys(stripped, site)).anyMatch(boilerplate::contains)) {
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

    /** Whether any count the stripped line takes part in (of the document's site, or null) is in {@code hashes}. */
    public boolean countedIn(String stripped, String site, Set<Long> hashes) {
        return LongStream.of(keys(stripped, site)).anyMatch(hashes::contains);
    }

    /** The counts a stripped line takes part in: none, its corpus-wide one, or its site's and the corpus's. */
    private long[] keys(String stripped, String site) {
        if (stripped.isEmpty()) {
            return new long[0];
        }
        if (stripped.codePointCount(0, stripped.length()) >= minLineChars) {
            return new long[] {kind(hash(stripped), LONG)};
        }
        if (site == null || !ShortLines.mayBeTemplate(stripped)) {
            return new long[0];
        }
        return new long[] {kind(hash(site + '\0' + stripped), SITE), kind(hash(stripped), CORPUS_SHORT)};
    }

    private static long kind(long hash, int kind) {
        return (hash & ~3L) | kind;
    }

    static long hash(String line) {
        return StableHashes.of(line);
    }
}
