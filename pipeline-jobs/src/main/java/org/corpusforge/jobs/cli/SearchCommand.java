package org.corpusforge.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.jobs.SearchableCorpus;
import org.corpusforge.jobs.UserError;
import org.corpusforge.search.CorpusSearch;
import org.corpusforge.search.SearchJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Queries a corpus's search index (output.search_index, or built with `index`) and prints one "
                + "JSON object. No Spark.",
                "  count TEXT   occurrences of TEXT's tokens in the corpus, and the documents holding them",
                "  next TEXT    the tokens that follow TEXT, with counts and probabilities, and the infini-gram "
                        + "estimate (the longest suffix of TEXT that is followed by anything)",
                "  find TEXT    the documents that hold TEXT, with their provenance and the text around the match",
                "TEXT is normalised as the run normalised its documents and tokenised as it would be inside a "
                        + "document; matching is by tokens (see README, Corpus search)."})
final class SearchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Parameters(index = "1", paramLabel = "QUERY", description = "count, next or find.")
    String query;

    @Parameters(index = "2", paramLabel = "TEXT", description = "The text to look for.")
    String text;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "next: how many continuations (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "find: how many documents (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (!query.equals("count") && !query.equals("next") && !query.equals("find")) {
            throw new UserError("search: QUERY \"" + query + "\": expected count, next or find");
        }
        try (SearchableCorpus corpus = SearchableCorpus.open(dir, new Configuration())) {
            CorpusSearch search = corpus.search();
            Object result = switch (query) {
                case "count" -> search.count(text);
                case "next" -> search.next(text, top);
                default -> search.find(text, limit);
            };
            spec.commandLine().getOut().println(SearchJson.toJson(result));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (CorpusSearch.BadQuery e) {
            throw new UserError("search: " + e.getMessage());
        }
    }
}
