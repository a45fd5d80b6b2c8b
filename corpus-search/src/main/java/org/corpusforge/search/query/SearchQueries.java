package org.corpusforge.search.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The queries by name: the kinds registered one line each in {@code META-INF/services}, in that order. */
public final class SearchQueries {
    private static final Map<String, SearchQuery> QUERIES = new LinkedHashMap<>();

    static {
        for (SearchQuery query : ServiceLoader.load(SearchQuery.class, SearchQueries.class.getClassLoader())) {
            if (QUERIES.putIfAbsent(query.name(), query) != null) {
                throw new IllegalStateException("two search queries are named " + query.name());
            }
        }
    }

    private SearchQueries() {}

    /** The query of that name, or null. */
    public static SearchQuery get(String name) {
        return QUERIES.get(name);
    }

    public static Collection<SearchQuery> all() {
        return QUERIES.values();
    }

    /** The names, for messages: "count, prob, ... or similar". */
    public static String names() {
        String all = String.join(", ", QUERIES.keySet());
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
