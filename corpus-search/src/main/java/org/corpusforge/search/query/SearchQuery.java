package org.corpusforge.search.query;

import java.util.List;
import org.corpusforge.search.TextSearch;

/**
 * A kind of query of a corpus's search, all of it in one place: its name (the CLI's QUERY, the server's
 * {@code /api/NAME}), the texts it takes, the parameters it reads, its help line, and its answer. A kind is
 * registered by one line in {@code META-INF/services/org.corpusforge.search.query.SearchQuery}; {@link SearchQueries}
 * is the list the CLI and the server dispatch from.
 */
public abstract class SearchQuery {
    private final String name;
    private final List<String> texts;
    private final boolean longText;
    private final List<QueryParameter> parameters;
    private final String help;

    /**
     * @param texts      the names of the texts it takes in a query string ({@code q}; {@code a}, {@code b}), given in
     *                   this order on the command line
     * @param longText   whether its one text may be a model's whole answer: POSTed to the server, or read from
     *                   {@code --file} or standard input by the CLI
     * @param parameters the settings it reads
     * @param help       what it answers, one line
     */
    protected SearchQuery(String name, List<String> texts, boolean longText, List<QueryParameter> parameters,
                          String help) {
        this.name = name;
        this.texts = texts;
        this.longText = longText;
        this.parameters = parameters;
        this.help = help;
    }

    public final String name() {
        return name;
    }

    public final List<String> texts() {
        return texts;
    }

    public final boolean longText() {
        return longText;
    }

    public final List<QueryParameter> parameters() {
        return parameters;
    }

    public final String help() {
        return help;
    }

    /** The longest text it takes, in characters: a model's whole answer is cut shorter than a string to count. */
    public int maxChars() {
        return longText ? TextSearch.MAX_TRACE_CHARS : TextSearch.MAX_QUERY_CHARS;
    }

    /** The answer, an object {@link org.corpusforge.search.SearchJson} writes; a bad query is a {@link TextSearch.BadQuery}. */
    public abstract Object answer(TextSearch search, List<String> texts, QueryArguments arguments);
}
