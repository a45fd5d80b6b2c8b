package org.corpusforge.filters.toxicity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.filters.text.JapaneseNormalizer;
import org.corpusforge.filters.text.ScriptCounts;

/**
 * An NG-word lexicon in categories (one word per line, the file name the category), matched with Aho–Corasick
 * over normalised text. Words are normalised like the text (NFKC: ﾁﾝﾁﾝ is チンチン); words written in Latin letters
 * or digits only match as whole words (SM is not in SMTP). The measure is Swallow's: characters covered by
 * matches over Japanese characters.
 */
public final class NgWordLexicon {
    private final List<String> words = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private final AhoCorasick automaton;

    /** @param lists category name to its words */
    public NgWordLexicon(Map<String, List<String>> lists) {
        JapaneseNormalizer normalizer = new JapaneseNormalizer();
        lists.forEach((category, list) -> {
            for (String w : list) {
                String n = normalizer.normalize(w).strip();
                if (!n.isEmpty()) {
                    words.add(n);
                    categories.add(category);
                }
            }
        });
        automaton = new AhoCorasick(words);
    }

    /** The lexicon shipped in the jar: conf/lexicon/ng-words-ja (MosasoM/inappropriate-words-ja, MIT). */
    public static NgWordLexicon builtIn() {
        Map<String, List<String>> lists = new TreeMap<>();
        for (String category : List.of("Offensive", "Sexual")) {
            lists.put(category.toLowerCase(java.util.Locale.ROOT), read("/lexicon/ng-words-ja/" + category + ".txt"));
        }
        return new NgWordLexicon(lists);
    }

    private static List<String> read(String resource) {
        try (InputStream in = NgWordLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lexicon resource missing: " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hits per category and the share of Japanese characters the hits cover. */
    public record Hits(Map<String, Integer> perCategory, double coverage) {}

    public Hits match(String text) {
        Map<String, Integer> perCategory = new TreeMap<>();
        boolean[] covered = null;
        int coveredChars = 0;
        for (AhoCorasick.Match m : automaton.find(text)) {
            String word = words.get(m.word());
            if (isAsciiWord(word) && !wholeWord(text, m.start(), m.end())) {
                continue;
            }
            perCategory.merge(categories.get(m.word()), 1, Integer::sum);
            if (covered == null) {
                covered = new boolean[text.length()];
            }
            for (int i = m.start(); i < m.end(); i++) {
                if (!covered[i]) {
                    covered[i] = true;
                    coveredChars++;
                }
            }
        }
        int japanese = ScriptCounts.of(text).japanese();
        return new Hits(perCategory, japanese == 0 ? 0.0 : Math.min(1.0, (double) coveredChars / japanese));
    }

    private static boolean isAsciiWord(String w) {
        return w.chars().allMatch(c -> c < 128);
    }

    private static boolean wholeWord(String text, int start, int end) {
        boolean before = start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) >= 128;
        boolean after = end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) >= 128;
        return before && after;
    }
}
