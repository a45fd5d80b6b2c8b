package org.corpusforge.jobs.global;

import java.io.Serializable;
import org.corpusforge.core.config.ConfigNode;

/**
 * The corpus-wide boilerplate stage ({@code boilerplate:}): a line found in more than {@code maxDocumentsPerLine}
 * documents is removed from all of them; a document left with fewer than {@code minChars} characters is dropped
 * with the reason {@code boilerplate}. Lines shorter than {@code minLineChars} that may be template
 * ({@link org.corpusforge.filters.ShortLines}) are counted within their site ({@code shortLines: site}, the URL's
 * host), within the site or, for documents without a URL, the whole corpus ({@code corpus}), or not at all
 * ({@code none}); one found in more than {@code maxDocumentsPerShortLine} documents of its site is removed from them.
 */
public record BoilerplateSpec(boolean enabled, long maxDocumentsPerLine, int minLineChars, long minChars,
                              String shortLines, long maxDocumentsPerShortLine) implements Serializable {

    /** @param listed an entry of {@code global_stages:}, on unless it says otherwise (the section is off unless on) */
    public static BoilerplateSpec parse(ConfigNode node, boolean listed) {
        return new BoilerplateSpec(
                listed || node.bool("enabled", false),
                node.longValue("max_documents_per_line", 10, 1, Long.MAX_VALUE),
                node.intValue("min_line_chars", 1, 1, 1_000_000),
                node.longValue("min_chars", 1, 0, Long.MAX_VALUE),
                node.choice("short_lines", "site", "site", "corpus", "none"),
                node.longValue("max_documents_per_short_line", 2, 1, Long.MAX_VALUE));
    }
}
