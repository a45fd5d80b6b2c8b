package org.corpusforge.jobs.global;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;

/**
 * Benchmark decontamination ({@code decontamination:}), the last corpus-wide stage: a document that shares an
 * n-gram of {@code ngramChars} characters (or {@code minShare} of an item's n-grams) with an item of a configured
 * benchmark is dropped with the reason {@code contamination}, or has the shared spans cut out ({@code action: cut};
 * dropped when fewer than {@code minChars} characters are left). Items shorter than the n-gram are matched whole,
 * down to {@code minItemChars} characters.
 */
public record DecontaminationSpec(List<Benchmark> benchmarks, int ngramChars, int minItemChars, double minShare,
                                  String action, long minChars) implements Serializable {
    public static final String DROP = "drop";
    public static final String CUT = "cut";

    /**
     * One benchmark file: where, its name in the manifest and report (default: its directory and file name without
     * extension), its format, the fields of an item (empty: JGLUE's, recognised) and the field with an item's id.
     */
    public record Benchmark(String path, String name, String format, List<String> fields, String idField)
            implements Serializable {}

    public static DecontaminationSpec parse(ConfigNode node) {
        List<Benchmark> benchmarks = new ArrayList<>();
        for (ConfigNode b : node.list("benchmarks")) {
            String path = b.requireString("path");
            benchmarks.add(new Benchmark(path, b.string("name", defaultName(path)),
                    b.choice("format", "auto", "auto", "squad", "jsonl", "json"),
                    List.copyOf(b.stringList("fields")), b.string("id_field", null)));
        }
        int ngram = node.intValue("ngram_chars", 20, 5, 1000);
        DecontaminationSpec spec = new DecontaminationSpec(List.copyOf(benchmarks), ngram,
                node.intValue("min_item_chars", Math.min(10, ngram), 1, ngram),
                node.doubleValue("min_share", 0.0, 0.0, 1.0),
                node.choice("action", DROP, DROP, CUT),
                node.longValue("min_chars", 1, 0, Long.MAX_VALUE));
        long names = benchmarks.stream().map(Benchmark::name).distinct().count();
        if (names < benchmarks.size()) {
            throw new ConfigException(node.path() + ".benchmarks: two files have the same name; give them name:");
        }
        return spec;
    }

    public boolean enabled() {
        return !benchmarks.isEmpty();
    }

    /** {@code jglue/jsquad-v1.3/valid-v1.3.json} is named {@code jsquad-v1.3/valid-v1.3}. */
    static String defaultName(String path) {
        String[] parts = path.replace('\\', '/').split("/");
        String file = parts[parts.length - 1];
        String stem = file.replaceFirst("\\.(jsonl|json)(\\.gz)?$", "");
        return parts.length > 1 ? parts[parts.length - 2] + "/" + stem : stem;
    }
}
