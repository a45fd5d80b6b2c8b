package org.corpusforge.jobs.bench;

import org.corpusforge.jobs.local.LocalRecords;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.filters.pii.PiiMasker;
import org.corpusforge.filters.pii.PiiSpan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Recall of the PII detectors on generated, valid personal data planted into real sentences, and their false
 * positives on untouched prose. Without Spark. scripts/eval-pii wraps it.
 */
@Command(name = "pii", mixinStandardHelpOptions = true,
        description = "Plants generated PII of every structured type into real sentences of the given texts and prints "
                + "recall per type and false positives per million characters on the untouched books among them.")
final class EvalPiiCommand implements Callable<Integer> {
    private static final List<String> STRUCTURED = List.of("email", "corporate_number", "my_number", "card", "phone",
            "postal_code", "ip", "address");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "[FORMAT:]PATH", arity = "1..*", description = "Texts (Aozora JSONL, Debian docs, ...).")
    List<String> paths;

    @Option(names = "--per-type", defaultValue = "1000", description = "Planted instances per type.")
    int perType;

    @Option(names = "--seed", defaultValue = "20261122")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<String> sentences = new ArrayList<>();
        List<String> books = new ArrayList<>();
        // Aozora inputs are books with their markup to remove; everything else is read as it comes
        LocalRecords.readNormalised(paths, (file, o) -> {
            if (o.status() == Outcome.Status.KEPT) {
                String text = o.document().text();
                if (o.document().source() == SourceKind.BOOK) {
                    books.add(text);
                }
                for (String s : text.split("(?<=。)|\n")) {
                    if (s.length() >= 10 && s.length() <= 200) {
                        sentences.add(s);
                    }
                }
            }
            return true;
        });
        PiiMasker masker = new PiiMasker(PiiMasker.TYPES, Map.of());
        PiiSamples samples = new PiiSamples(seed);
        Random random = new Random(seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d sentences to plant into, %d book texts (%d characters) for false positives%n", sentences.size(),
                books.size(), books.stream().mapToLong(String::length).sum());
        long foundAll = 0;
        Map<String, Double> recall = new LinkedHashMap<>();
        for (String type : STRUCTURED) {
            int found = 0;
            int shown = 0;
            for (int i = 0; i < perType; i++) {
                String sentence = sentences.get(random.nextInt(sentences.size()));
                int at = random.nextInt(sentence.length() + 1);
                if (at > 0 && at < sentence.length() && Character.isLowSurrogate(sentence.charAt(at))) {
                    at--;
                }
                String pii = new org.corpusforge.filters.text.JapaneseNormalizer().normalize(samples.of(type));
                String text = sentence.substring(0, at) + " " + pii + " " + sentence.substring(at);
                String core = pii.replace("〒", "");
                int start = text.indexOf(core, at);
                int end = start + core.length();
                boolean hit = false;
                for (PiiSpan s : masker.find(text)) {
                    if (s.type().equals(type) && s.start() <= start && s.end() >= end) {
                        hit = true;
                        break;
                    }
                }
                if (hit) {
                    found++;
                } else if (shown++ < 2) {
                    out.printf("missed %s: %s -> %s%n", type, text, masker.find(text));
                }
            }
            recall.put(type, (double) found / perType);
            foundAll += found;
            out.printf("%-17s recall %.4f (%d of %d)%n", type, (double) found / perType, found, perType);
        }
        long chars = 0;
        Map<String, Integer> falsePositives = new LinkedHashMap<>();
        for (String book : books) {
            chars += book.codePointCount(0, book.length());
            for (PiiSpan s : new PiiMasker(STRUCTURED, Map.of()).find(book)) {
                falsePositives.merge(s.type(), 1, Integer::sum);
                if (falsePositives.values().stream().mapToInt(Integer::intValue).sum() <= 5) {
                    out.printf("false positive (%s): %s%n", s.type(), book.substring(Math.max(0, s.start() - 15),
                            Math.min(book.length(), s.end() + 15)).replace('\n', ' '));
                }
            }
        }
        long fp = falsePositives.values().stream().mapToLong(Integer::longValue).sum();
        double perMillion = chars == 0 ? 0 : fp * 1e6 / chars;
        out.printf("false positives on untouched books: %d in %d characters %s%n", fp, chars, falsePositives);
        out.printf("recall=%.4f false_positives_per_million=%.3f%n",
                (double) foundAll / (perType * STRUCTURED.size()), perMillion);
        out.flush();
        return 0;
    }
}
