package org.corpusforge.jobs.bench;

import org.corpusforge.jobs.local.LocalRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.filters.decontam.BenchmarkFile;
import org.corpusforge.filters.decontam.ContaminationIndex;
import org.corpusforge.filters.decontam.MatchKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Recall of the decontamination stage on benchmark items planted into real documents, in the ways a copy of an item
 * differs from the original, and the documents it flags that nothing was planted into; with the speed of the scan.
 * Without Spark: the index and matcher the stage broadcasts, on the texts the per-document stages make.
 * scripts/eval-decontam wraps it.
 */
@Command(name = "decontam", mixinStandardHelpOptions = true,
        description = "Plants benchmark items into real documents (verbatim, NFKC, width changes, spacing, a part of "
                + "a passage, inside a long document), prints recall per kind and benchmark, untouched documents "
                + "flagged, and the scan's MB/s per core.")
final class EvalDecontamCommand implements Callable<Integer> {
    private static final List<String> KINDS = List.of("verbatim", "nfkc", "width", "spacing", "partial", "long");
    /** Harder than the aims, reported but not in the last line: one sentence of a passage; an item's first field. */
    private static final List<String> INFORMATIVE = List.of("sentence", "first-field");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--benchmarks", required = true, description = "A directory of benchmark files (*.json, *.jsonl),"
            + " searched at any depth; each named by its directory and file name.")
    Path benchmarks;

    @Parameters(paramLabel = "[FORMAT:]PATH", arity = "1..*", description = "Documents (Aozora JSONL, ...).")
    List<String> docs;

    @Option(names = "--per-kind", defaultValue = "2000", description = "Items planted per kind.")
    int perKind;

    @Option(names = "--ngram-chars", defaultValue = "20")
    int ngram;

    @Option(names = "--min-item-chars", defaultValue = "10")
    int minItemChars;

    @Option(names = "--min-share", defaultValue = "0", description = "decontamination.min_share")
    double minShare;

    @Option(names = "--scale-items", defaultValue = "0",
            description = "Also build an index of this many items (the benchmarks' items, then altered copies of them)"
                    + " and report its memory and scan speed.")
    int scaleItems;

    @Option(names = "--seed", defaultValue = "20261204")
    long seed;

    private record Item(String benchmark, String id, List<String> fields) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> texts = new ArrayList<>();
        StageChain chain = LocalRecords.readNormalised(docs, (file, o) -> {
            if (o.status() == Outcome.Status.KEPT && o.document().source() != SourceKind.TRANSCRIPT) {
                texts.add(o.document().text());
            }
            return true;
        });
        List<Item> items = readItems(benchmarks);
        long started = System.nanoTime();
        ContaminationIndex index = index(items, chain);
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        long docBytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        out.printf("%d items in %s; index: %d postings, %.1f MB on the heap, built in %.2f s%n", index.items(),
                index.counts().keySet(), index.postings(), index.heapBytes() / 1e6, buildSeconds);
        index.counts().forEach((name, c) -> out.printf("  %-40s %6d items, %d too short to match%n", name, c[0], c[1]));
        out.printf("%d documents, %.1f MB of text%n", texts.size(), docBytes / 1e6);

        // untouched documents: what is flagged, and how fast the scan goes (best of three passes, one thread)
        int flagged = 0;
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            int f = 0;
            for (String text : texts) {
                List<ContaminationIndex.Found> found = index.find(MatchKey.of(text), minShare);
                if (!found.isEmpty()) {
                    f++;
                    if (pass == 0 && f <= 5) {
                        ContaminationIndex.Found first = found.get(0);
                        ContaminationIndex.Span s = first.spans().get(0);
                        out.printf("flagged untouched document: %s %s: %s%n", index.benchmark(first.item()),
                                index.itemId(first.item()), text.substring(s.start(), s.end()).replace('\n', ' '));
                    }
                }
            }
            flagged = f;
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        out.printf("scan: %.1f MB in %.2f s = %.1f MB/s per core (UTF-8 text, one thread, best of 3)%n",
                docBytes / 1e6, best, docBytes / 1e6 / best);

        Random random = new Random(seed);
        String longest = texts.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
        Map<String, int[]> byKind = new LinkedHashMap<>();
        Map<String, int[]> byBenchmark = new java.util.TreeMap<>();
        long found = 0;
        long planted = 0;
        for (String kind : java.util.stream.Stream.concat(KINDS.stream(), INFORMATIVE.stream()).toList()) {
            int[] counts = byKind.computeIfAbsent(kind, k -> new int[2]);
            int shown = 0;
            for (int i = 0; i < perKind; i++) {
                int itemIndex = random.nextInt(items.size());
                Item item = items.get(itemIndex);
                String copy = plant(kind, item, random);
                if (copy == null) {
                    i--;
                    continue;
                }
                String host = kind.equals("long") ? longest : texts.get(random.nextInt(texts.size()));
                int at = lineStart(host, random);
                String doc = host.substring(0, at) + copy + "\n" + host.substring(at);
                boolean hit = index.find(MatchKey.of(doc), minShare).stream()
                        .anyMatch(f -> index.itemId(f.item()).equals(item.id())
                                && index.benchmark(f.item()).equals(item.benchmark()));
                counts[hit ? 0 : 1]++;
                int[] b = byBenchmark.computeIfAbsent(item.benchmark() + " " + kind, k -> new int[2]);
                b[hit ? 0 : 1]++;
                if (INFORMATIVE.contains(kind)) {
                    continue;
                }
                if (hit) {
                    found++;
                } else if (shown++ < 3) {
                    out.printf("missed (%s) %s %s: %s%n", kind, item.benchmark(), item.id(), copy.replace('\n', '/'));
                }
                planted++;
            }
            out.printf("%-9s recall %.4f (%d of %d)%n", kind, counts[0] / (double) (counts[0] + counts[1]), counts[0],
                    counts[0] + counts[1]);
        }
        byBenchmark.forEach((k, c) -> out.printf("  %-50s recall %.4f (%d of %d)%n", k, c[0] / (double) (c[0] + c[1]),
                c[0], c[0] + c[1]));
        if (scaleItems > 0) {
            scaled(items, chain, texts, docBytes, out, new Random(seed));
        }
        out.printf("recall=%.4f false_positive_docs=%d%n", found / (double) planted, flagged);
        out.flush();
        return 0;
    }

    /** The copy of an item a document would hold, or null when the kind does not apply to the item. */
    private static String plant(String kind, Item item, Random random) {
        String laidOut = String.join("\n", item.fields());
        switch (kind) {
            case "verbatim":
            case "long":
                return laidOut;
            case "nfkc":
                return java.text.Normalizer.normalize(laidOut, java.text.Normalizer.Form.NFKC);
            case "width":
                return widthChanged(laidOut);
            case "spacing": {
                StringBuilder spaced = new StringBuilder();
                for (int i = 0; i < laidOut.length(); i++) {
                    spaced.append(laidOut.charAt(i));
                    if (random.nextInt(6) == 0 && !Character.isHighSurrogate(laidOut.charAt(i))) {
                        spaced.append(random.nextBoolean() ? " " : random.nextBoolean() ? "\n" : "\u3000");
                    }
                }
                return spaced.toString();
            }
            case "partial": {
                // a third of the item's longest field (a reading passage), at least 40 characters of it
                String field = item.fields().stream().max(java.util.Comparator.comparingInt(String::length)).get();
                if (field.length() < 60) {
                    return null;
                }
                int length = Math.max(40, field.length() / 3);
                int from = random.nextInt(field.length() - length + 1);
                return field.substring(from, from + length);
            }
            case "sentence": {
                // one sentence of the item's longest field (a reading passage), whatever its length
                String field = item.fields().stream().max(java.util.Comparator.comparingInt(String::length)).get();
                String[] sentences = field.split("(?<=。)");
                if (field.length() < 60 || sentences.length < 2) {
                    return null;
                }
                return sentences[random.nextInt(sentences.length)];
            }
            case "first-field":
                return item.fields().size() < 2 ? null : item.fields().get(0);
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** ASCII letters and digits to full width, katakana to half width: what NFKC undoes. */
    private static String widthChanged(String text) {
        String halfKana = com.ibm.icu.text.Transliterator.getInstance("Fullwidth-Halfwidth").transliterate(text);
        StringBuilder sb = new StringBuilder();
        halfKana.codePoints().forEach(c -> sb.appendCodePoint(c >= '!' && c <= '~' ? c - '!' + '！' : c));
        return sb.toString();
    }

    private static int lineStart(String host, Random random) {
        int at = random.nextInt(host.length() + 1);
        int line = host.lastIndexOf('\n', Math.max(0, at - 1));
        return line < 0 ? 0 : line + 1;
    }

    private static List<Item> readItems(Path dir) throws IOException {
        List<Item> items = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl")).sorted()
                    .toList();
        }
        for (Path file : files) {
            String name = file.getParent().getFileName() + "/" + file.getFileName().toString().replaceFirst("\\.(jsonl|json)$", "");
            for (BenchmarkFile.Item item : BenchmarkFile.read(Files.readAllBytes(file), "auto", List.of(), null)) {
                items.add(new Item(name, item.id(), item.fields()));
            }
        }
        return items;
    }

    private ContaminationIndex index(List<Item> items, StageChain chain) {
        ContaminationIndex.Builder builder = new ContaminationIndex.Builder(ngram, minItemChars, chain::redact);
        items.forEach(i -> builder.add(i.benchmark(), i.id(), i.fields()));
        return builder.build();
    }

    /** An index of {@code scaleItems} items: the real ones, then copies with one character in eight changed. */
    private void scaled(List<Item> items, StageChain chain, List<String> texts, long docBytes, PrintWriter out,
                        Random random) {
        List<Item> many = new ArrayList<>(items);
        for (int copy = 1; many.size() < scaleItems; copy++) {
            for (Item item : items) {
                if (many.size() == scaleItems) {
                    break;
                }
                List<String> fields = new ArrayList<>();
                for (String f : item.fields()) {
                    char[] chars = f.toCharArray();
                    for (int i = 0; i < chars.length; i++) {
                        if (random.nextInt(8) == 0 && !Character.isSurrogate(chars[i])) {
                            chars[i] = (char) ('一' + random.nextInt(20000));
                        }
                    }
                    fields.add(new String(chars));
                }
                many.add(new Item(item.benchmark() + "+" + copy, item.id(), fields));
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        ContaminationIndex index = index(many, chain);
        double build = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long t1 = System.nanoTime();
            for (String text : texts) {
                index.find(MatchKey.of(text), minShare);
            }
            best = Math.min(best, (System.nanoTime() - t1) / 1e9);
        }
        out.printf("scaled to %d items: %d postings, %.1f MB by count (%.1f MB heap growth), built in %.1f s; "
                + "scan %.1f MB/s per core%n", index.items(), index.postings(), index.heapBytes() / 1e6,
                (after - before) / 1e6, build, docBytes / 1e6 / best);
    }
}
