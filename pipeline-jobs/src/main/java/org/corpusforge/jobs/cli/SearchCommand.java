package org.corpusforge.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.jobs.SearchableCorpus;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.search.SearchJson;
import org.corpusforge.search.TextSearch;
import org.corpusforge.search.query.QueryArguments;
import org.corpusforge.search.query.QueryParameter;
import org.corpusforge.search.query.SearchQueries;
import org.corpusforge.search.query.SearchQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Queries a corpus's search index (output.search_index, or built with `index`) and prints one "
                + "JSON object. No Spark. Every count is of the string, in characters, exactly (see README, Corpus "
                + "search).",
                "${sys:corpusforge.queries}",
                "TEXT is first normalised as the run normalised its documents."})
final class SearchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Parameters(index = "1", paramLabel = "QUERY", description = "${sys:corpusforge.query_names}.")
    String query;

    @Parameters(index = "2..*", paramLabel = "TEXT", description = "The text (prob: two).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "Read the text from this UTF-8 file (every query of "
            + "one text; a long one does not fit a command line).")
    java.nio.file.Path file;

    /** The help's list of queries, one line each, and their names: the registry's. */
    static void describeQueries() {
        StringBuilder lines = new StringBuilder();
        for (SearchQuery q : SearchQueries.all()) {
            String texts = q.texts().size() == 2 ? "A B" : q.longText() ? "[TEXT]" : "TEXT";
            lines.append(lines.length() == 0 ? "" : "%n").append(String.format("  %-15s ", q.name() + " " + texts))
                    .append(q.help().replace("%", "%%"));
        }
        System.setProperty("corpusforge.queries", lines.toString());
        System.setProperty("corpusforge.query_names", SearchQueries.names());
    }

    /** Each query parameter as an option, with its one default (the server reads the same parameters). */
    static void addParameterOptions(CommandLine.Model.CommandSpec search) {
        for (QueryParameter p : QueryParameter.values()) {
            search.addOption(CommandLine.Model.OptionSpec.builder(p.option())
                    .type(p.isSwitch() ? boolean.class : String.class)
                    .arity(p.isSwitch() ? "0" : "1")
                    .paramLabel(p.isSwitch() ? "" : "N")
                    .defaultValue(p.defaultValue())
                    .description(p.help() + (p.isSwitch() ? "." : " (default: " + p.defaultValue() + ")."))
                    .build());
        }
    }

    @Override
    public Integer call() throws IOException {
        SearchQuery kind = SearchQueries.get(query);
        if (kind == null) {
            throw new UserError("search: QUERY \"" + query + "\": expected " + SearchQueries.names());
        }
        List<String> given = texts;
        if (kind.longText() || (file != null && kind.texts().size() == 1)) {
            given = List.of(longText(kind));
        } else if (texts.size() != kind.texts().size()) {
            throw new UserError("search " + query + ": expected " + (kind.texts().size() == 1 ? "one TEXT"
                    : kind.texts().size() + " TEXTs (" + String.join(" ", kind.texts()).toUpperCase(java.util.Locale.ROOT)
                    + ")") + ", got " + texts.size());
        }
        java.util.Map<QueryParameter, String> values = new java.util.EnumMap<>(QueryParameter.class);
        for (QueryParameter p : kind.parameters()) {
            values.put(p, String.valueOf((Object) spec.findOption(p.option()).getValue()));
        }
        try (SearchableCorpus corpus = SearchableCorpus.open(dir, new Configuration())) {
            Object result = kind.answer(corpus.search(), given, new QueryArguments(values));
            spec.commandLine().getOut().println(SearchJson.toJson(result));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (TextSearch.BadQuery e) {
            throw new UserError("search " + query + ": " + e.getMessage());
        } catch (org.corpusforge.search.DamagedIndex e) {
            throw new UserError(dir + ": " + e.getMessage() + " (corpusforge verify " + dir + ")");
        }
    }

    /** The query's one text: the TEXT given, the --file, or standard input; strictly UTF-8. */
    private String longText(SearchQuery kind) throws IOException {
        if (texts.size() > 1 || (texts.size() == 1 && file != null)) {
            throw new UserError("search " + query + ": give the text once: as TEXT, with --file, or on standard input");
        }
        if (texts.size() == 1) {
            return texts.get(0);
        }
        byte[] bytes;
        if (file != null) {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new UserError("search " + query + ": --file " + file + ": not a regular file");
            }
            if (java.nio.file.Files.size(file) > 4L * kind.maxChars()) {
                throw new UserError("search " + query + ": --file " + file + ": longer than " + kind.maxChars()
                        + " characters");
            }
            bytes = java.nio.file.Files.readAllBytes(file);
        } else {
            bytes = System.in.readNBytes(4 * kind.maxChars() + 1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError("search " + query + ": the text is not valid UTF-8");
        }
    }
}
