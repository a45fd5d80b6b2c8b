package org.corpusforge.search.query;

import java.util.Map;
import org.corpusforge.search.TextSearch;

/**
 * A query's settings as given (by the server's query string or the command line's options), read with the
 * parameters' defaults; a value that is not what the parameter takes is a {@link TextSearch.BadQuery}.
 */
public final class QueryArguments {
    private final Map<QueryParameter, String> given;

    /** @param given the values given, by parameter; a missing or empty one takes the default */
    public QueryArguments(Map<QueryParameter, String> given) {
        this.given = given;
    }

    private String value(QueryParameter p) {
        String value = given.get(p);
        return value == null || value.isEmpty() ? p.defaultValue() : value;
    }

    public int number(QueryParameter p) {
        long value = longNumber(p);
        if (value != (int) value) {
            throw new TextSearch.BadQuery(p.key() + "=" + value + ": expected a whole number");
        }
        return (int) value;
    }

    public long longNumber(QueryParameter p) {
        String value = value(p);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new TextSearch.BadQuery(p.key() + "=" + value + ": expected a whole number");
        }
    }

    /** A switch: {@code true} or {@code 1}, {@code false} or {@code 0}. */
    public boolean isOn(QueryParameter p) {
        String value = value(p);
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new TextSearch.BadQuery(p.key() + "=" + value + ": expected true or false (1 or 0)");
        };
    }
}
