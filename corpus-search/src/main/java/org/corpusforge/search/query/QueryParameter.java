package org.corpusforge.search.query;

import org.corpusforge.search.TextSearch;

/**
 * The settings queries take, each with its one default: the server's {@code NAME=} and the CLI's {@code --NAME}
 * ({@code _} written {@code -}).
 */
public enum QueryParameter {
    TOP("top", "10", "next: continuations; trace: ranked documents"),
    LIMIT("limit", "10", "find: documents per page"),
    OFFSET("offset", "0", "find: documents to skip"),
    K("k", "10", "passages, similar: how many"),
    MIN_CHARS("min_chars", String.valueOf(TextSearch.DEFAULT_MIN_CHARS), "trace: the shortest span reported"),
    MAX_COUNT("max_count", "1000", "trace: a span occurring more often is marked common, without sources"),
    SOURCES("sources", "5", "trace: documents shown per span"),
    HYBRID("hybrid", "false", "similar: fuse the keyword (BM25) and vector lists by reciprocal rank"),
    EXACT("exact", "false", "similar: scan every passage's vector instead of the HNSW graph (exact, slower)");

    private final String key;
    private final String defaultValue;
    private final String help;

    QueryParameter(String key, String defaultValue, String help) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    /** The name in a query string. */
    public String key() {
        return key;
    }

    /** The name of the command line's option. */
    public String option() {
        return "--" + key.replace('_', '-');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    /** Whether it is a switch (true or false) rather than a number. */
    public boolean isSwitch() {
        return defaultValue.equals("false");
    }

    /** The parameter whose option this is, or null. */
    public static QueryParameter ofOption(String option) {
        for (QueryParameter p : values()) {
            if (p.option().equals(option)) {
                return p;
            }
        }
        return null;
    }
}
