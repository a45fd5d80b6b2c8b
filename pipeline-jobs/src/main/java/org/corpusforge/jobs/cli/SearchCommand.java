package org.corpusforge.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.jobs.SearchableCorpus;
import org.corpusforge.jobs.UserError;
import org.corpusforge.search.SearchJson;
import org.corpusforge.search.TextSearch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Queries a corpus's search index (output.search_index, or built with `index`) and prints one "
                + "JSON object. No Spark. Every count is of the string, in characters, exactly (see README, Corpus "
                + "search).",
                "  count TEXT     occurrences of TEXT in the kept texts (overlapping ones too) and the documents holding it",
                "  prob A B       P(B | A) = count(AB) / count(A), with both counts",
                "  next TEXT      what follows TEXT: the next character, and the next word (Kuromoji), with counts and shares",
                "  find TEXT      the documents holding TEXT, in shard and row order (--offset, --limit), with their "
                        + "provenance and the text around each match",
                "  trace [TEXT]   the maximal spans of a model's output (TEXT, --file, or standard input) found verbatim "
                        + "in the corpus, with counts and source documents, and the documents ranked by BM25",
                "  passages [TEXT] the --k passages that best answer TEXT (a question, or a model's whole answer; "
                        + "TEXT, --file or standard input) by keyword: BM25 over the passage index (Kuromoji), each "
                        + "with its score, document, offsets and provenance",
                "  similar [TEXT] the --k passages nearest TEXT by meaning: its vector from the passages' own embedding "
                        + "model (output.search_index.embedding) against theirs (HNSW, approximate), score = cosine; "
                        + "--hybrid fuses the keyword and vector lists by reciprocal rank",
                "TEXT is first normalised as the run normalised its documents."})
final class SearchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Parameters(index = "1", paramLabel = "QUERY", description = "count, prob, next, find, trace, passages or similar.")
    String query;

    @Parameters(index = "2..*", paramLabel = "TEXT", description = "The text (prob: two).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "next: continuations; trace: ranked documents (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "find: documents per page (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "find: documents to skip (default: ${DEFAULT-VALUE}).")
    int offset;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "passages, similar: how many (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--hybrid", description = "similar: fuse the keyword (BM25) and vector lists by reciprocal rank.")
    boolean hybrid;

    @Option(names = "--exact", description = "similar: scan every passage's vector instead of the HNSW graph (exact, slower).")
    boolean exact;

    @Option(names = "--file", paramLabel = "FILE", description = "trace, passages: read the text from this UTF-8 file.")
    java.nio.file.Path file;

    @Option(names = "--min-chars", paramLabel = "N", defaultValue = "" + TextSearch.DEFAULT_MIN_CHARS,
            description = "trace: the shortest span reported (default: ${DEFAULT-VALUE}).")
    int minChars;

    @Option(names = "--max-count", paramLabel = "N", defaultValue = "1000",
            description = "trace: a span occurring more often is marked common, without sources (default: ${DEFAULT-VALUE}).")
    long maxCount;

    @Option(names = "--sources", paramLabel = "N", defaultValue = "5", description = "trace: documents shown per span (default: ${DEFAULT-VALUE}).")
    int sources;

    @Override
    public Integer call() throws IOException {
        int wanted = switch (query) {
            case "count", "next", "find" -> 1;
            case "prob" -> 2;
            case "trace", "passages", "similar" -> -1;
            default -> throw new UserError("search: QUERY \"" + query + "\": expected count, prob, next, find, trace, "
                    + "passages or similar");
        };
        if (wanted > 0 && texts.size() != wanted) {
            throw new UserError("search " + query + ": expected " + (wanted == 1 ? "one TEXT" : "two TEXTs (A B)")
                    + ", got " + texts.size());
        }
        String traced = wanted < 0 ? traced() : null;
        try (SearchableCorpus corpus = SearchableCorpus.open(dir, new Configuration())) {
            TextSearch search = corpus.search();
            Object result = switch (query) {
                case "count" -> search.count(texts.get(0));
                case "prob" -> search.prob(texts.get(0), texts.get(1));
                case "next" -> search.next(texts.get(0), top);
                case "find" -> search.find(texts.get(0), offset, limit);
                case "passages" -> search.passages(traced, k);
                case "similar" -> hybrid ? search.hybrid(traced, k)
                        : exact ? search.similarExact(traced, k) : search.similar(traced, k);
                default -> search.trace(traced, minChars, maxCount, sources, top);
            };
            spec.commandLine().getOut().println(SearchJson.toJson(result));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (TextSearch.BadQuery e) {
            throw new UserError("search " + query + ": " + e.getMessage());
        } catch (org.corpusforge.search.DamagedIndex e) {
            throw new UserError(dir + ": " + e.getMessage() + " (corpusforge verify " + dir + ")");
        }
    }

    /** The model's output: the TEXT given, the --file, or standard input; strictly UTF-8. */
    private String traced() throws IOException {
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
            if (java.nio.file.Files.size(file) > 4L * TextSearch.MAX_TRACE_CHARS) {
                throw new UserError("search " + query + ": --file " + file + ": longer than " + TextSearch.MAX_TRACE_CHARS
                        + " characters");
            }
            bytes = java.nio.file.Files.readAllBytes(file);
        } else {
            bytes = System.in.readNBytes(4 * TextSearch.MAX_TRACE_CHARS + 1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError("search " + query + ": the text is not valid UTF-8");
        }
    }
}
