package org.corpusforge.search.query;

import java.util.List;
import org.corpusforge.search.TextSearch;

/** The corpus's own queries, one small class each (registered in {@code META-INF/services}). */
public final class Queries {
    private Queries() {}

    public static final class Count extends SearchQuery {
        public Count() {
            super("count", List.of("q"), false, List.of(),
                    "occurrences of TEXT in the kept texts (overlapping ones too) and the documents holding it");
        }

        @Override
        public Object answer(TextSearch search, List<String> texts, QueryArguments arguments) {
            return search.count(texts.get(0));
        }
    }

    public static final class Prob extends SearchQuery {
        public Prob() {
            super("prob", List.of("a", "b"), false, List.of(), "P(B | A) = count(AB) / count(A), with both counts");
        }

        @Override
        public Object answer(TextSearch search, List<String> texts, QueryArguments arguments) {
            return search.prob(texts.get(0), texts.get(1));
        }
    }

    public static final class Next extends SearchQuery {
        public Next() {
            super("next", List.of("q"), false, List.of(QueryParameter.TOP),
                    "what follows TEXT: the next character, and the next word (Kuromoji), with counts and shares");
        }

        @Override
        public Object answer(TextSearch search, List<String> texts, QueryArguments arguments) {
            return search.next(texts.get(0), arguments.number(QueryParameter.TOP));
        }
    }

    public static final class Find extends SearchQuery {
        public Find() {
            super("find", List.of("q"), false, List.of(QueryParameter.OFFSET, QueryParameter.LIMIT),
                    "the documents holding TEXT, in shard and row order (--offset, --limit), with their provenance "
                            + "and the text around each match");
        }

        @Override
        public Object answer(TextSearch search, List<String> texts, QueryArguments arguments) {
            return search.find(texts.get(0), arguments.number(QueryParameter.OFFSET),
                    arguments.number(QueryParameter.LIMIT));
        }
    }

    public static final class Trace extends SearchQuery {
        public Trace() {
            super("trace", List.of("q"), true, List.of(QueryParameter.MIN_CHARS, QueryParameter.MAX_COUNT,
                            QueryParameter.SOURCES, QueryParameter.TOP),
                    "the maximal spans of a model's output (TEXT, --file, or standard input) found verbatim in the "
                            + "corpus, with counts and source documents, and the documents ranked by BM25");
        }

        @Override
        public Object answer(TextSearch search, List<String> texts, QueryArguments arguments) {
            return search.trace(texts.get(0), arguments.number(QueryParameter.MIN_CHARS),
                    arguments.longNumber(QueryParameter.MAX_COUNT), arguments.number(QueryParameter.SOURCES),
                    arguments.number(QueryParameter.TOP));
        }
    }

    public static final class Passages extends SearchQuery {
        public Passages() {
            super("passages", List.of("q"), true, List.of(QueryParameter.K),
                    "the --k passages that best answer TEXT (a question, or a model's whole answer; TEXT, --file or "
                            + "standard input) by keyword: BM25 over the passage index (Kuromoji), each with its "
                            + "score, document, offsets and provenance");
        }

        @Override
        public Object answer(TextSearch search, List<String> texts, QueryArguments arguments) {
            return search.passages(texts.get(0), arguments.number(QueryParameter.K));
        }
    }

    public static final class Similar extends SearchQuery {
        public Similar() {
            super("similar", List.of("q"), true, List.of(QueryParameter.K, QueryParameter.HYBRID, QueryParameter.EXACT),
                    "the --k passages nearest TEXT by meaning: its vector from the passages' own embedding model "
                            + "(output.search_index.embedding) against theirs (HNSW, approximate), score = cosine; "
                            + "--hybrid fuses the keyword and vector lists by reciprocal rank");
        }

        @Override
        public Object answer(TextSearch search, List<String> texts, QueryArguments arguments) {
            int k = arguments.number(QueryParameter.K);
            return arguments.isOn(QueryParameter.HYBRID) ? search.hybrid(texts.get(0), k)
                    : arguments.isOn(QueryParameter.EXACT) ? search.similarExact(texts.get(0), k)
                    : search.similar(texts.get(0), k);
        }
    }
}
