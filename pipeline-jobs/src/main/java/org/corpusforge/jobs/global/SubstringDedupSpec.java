package org.corpusforge.jobs.global;

import java.io.Serializable;
import org.corpusforge.core.config.ConfigNode;

/**
 * Repeated-substring removal ({@code substring_dedup:}): a span of at least {@code minChars} characters that a kept
 * document shares with a document before it in the corpus's order is cut from it; a document left with fewer than
 * {@code minDocumentChars} characters is dropped with the reason {@code substring-dedup}.
 */
public record SubstringDedupSpec(boolean enabled, int minChars, long minDocumentChars) implements Serializable {
    /** See BENCHMARKS and EVALUATION: long enough that no sentence shared by two books is cut. */
    public static final int DEFAULT_MIN_CHARS = 100;

    /** @param listed an entry of {@code global_stages:}, on unless it says otherwise (the section is off unless on) */
    public static SubstringDedupSpec parse(ConfigNode node, boolean listed) {
        return new SubstringDedupSpec(
                listed || node.bool("enabled", false),
                node.intValue("min_chars", DEFAULT_MIN_CHARS, 8, 100_000),
                node.longValue("min_document_chars", 1, 0, Long.MAX_VALUE));
    }
}
