package org.corpusforge.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.stage.Outcome;

/**
 * The dataset card written beside every corpus as {@code OUT/README.md}, in the Hugging Face form: a YAML header
 * ({@code configs} pointing {@code load_dataset(OUT)} at the shards alone, licences, language, size category),
 * then a summary a person reads, all taken from the manifest. The manifest's config has its secrets redacted
 * already, and the card shows nothing else that could hold one.
 */
public final class DatasetCard {
    public static final String FILE = "README.md";
    /** Licence identifiers the Hub knows, by the lower-cased name a config may give. */
    private static final Map<String, String> HUB_LICENSES = Map.ofEntries(
            Map.entry("cc0-1.0", "cc0-1.0"), Map.entry("cc-by-4.0", "cc-by-4.0"),
            Map.entry("cc-by-sa-4.0", "cc-by-sa-4.0"), Map.entry("cc-by-nc-4.0", "cc-by-nc-4.0"),
            Map.entry("cc-by-2.1-jp", "cc-by-2.0"), Map.entry("mit", "mit"), Map.entry("apache-2.0", "apache-2.0"),
            Map.entry("unlicense", "unlicense"), Map.entry("odc-by", "odc-by"), Map.entry("pddl", "pddl"));
    private static final long[] SIZE_BOUNDS = {1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};
    private static final String[] SIZE_NAMES = {"n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M",
        "10M<n<100M", "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T"};

    private DatasetCard() {}

    /** @param kinds what each kind of stage says of itself ({@link StageReport#PLAIN} for a kind not registered) */
    public static String markdown(Manifest m, Function<String, StageReport> kinds) {
        StringBuilder out = new StringBuilder();
        header(m, out);
        Manifest.Totals t = m.totals();
        out.append("# Corpus ").append(m.runId()).append("\n\n");
        out.append("Built by ").append(m.tool().name()).append(' ').append(m.tool().version())
                .append(m.tool().gitCommit() == null ? "" : " (" + m.tool().gitCommit() + ")")
                .append(" on ").append(toTheSecond(m.finishedAt())).append(": ").append(n(t.kept())).append(" documents")
                .append(t.tokens() == null ? "" : ", " + n(t.tokens()) + " tokens")
                .append(", ").append(n(t.textBytes())).append(" bytes of UTF-8 text in ").append(t.shardCount())
                .append(" Parquet shards (").append(n(t.shardBytes())).append(" bytes), from ")
                .append(n(t.recordsRead())).append(" records read in ").append(m.inputs().size())
                .append(" input files. Every document traces back to its input file and the record in it ")
                .append("(`source_uri`, `source_locator`, `source_sha256`); [`manifest.json`](manifest.json) lists ")
                .append("every input, stage and file with its checksum.\n\n");
        sources(m, out);
        stages(m, out);
        details(m, kinds, out);
        tokenizer(m, out);
        schema(m, out);
        loading(m, out);
        return out.toString();
    }

    private static void header(Manifest m, StringBuilder out) {
        Set<String> licenses = new LinkedHashSet<>();
        for (Manifest.Composition c : composition(m)) {
            licenses.add(hubLicense(c.license()));
        }
        out.append("---\n");
        out.append("configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: shards/*.parquet\n");
        out.append("language:\n- ja\n");
        if (!licenses.isEmpty()) {
            out.append("license:\n");
            licenses.forEach(l -> out.append("- ").append(l).append('\n'));
        }
        out.append("size_categories:\n- ").append(sizeCategory(m.totals().kept())).append('\n');
        out.append("task_categories:\n- text-generation\n");
        out.append("pretty_name: ").append(yamlString("corpusforge corpus " + m.runId())).append('\n');
        out.append("tags:\n- corpusforge\n- pretraining\n");
        out.append("---\n\n");
    }

    private static void sources(Manifest m, StringBuilder out) {
        out.append("## Sources and licences\n\n");
        List<Manifest.Composition> composition = composition(m);
        if (composition.isEmpty()) {
            out.append("No document was kept.\n\n");
            return;
        }
        boolean tokens = m.totals().tokens() != null;
        out.append("| source | licence | documents | text bytes |").append(tokens ? " tokens |" : "").append('\n');
        out.append("|---|---|---:|---:|").append(tokens ? "---:|" : "").append('\n');
        for (Manifest.Composition c : composition) {
            out.append("| ").append(c.source()).append(" | ")
                    .append(c.license() == null ? "not recorded" : cell(c.license())).append(" | ")
                    .append(n(c.documents())).append(" | ").append(n(c.textBytes())).append(" |")
                    .append(tokens ? " " + n(c.tokens() == null ? 0 : c.tokens()) + " |" : "").append('\n');
        }
        out.append("\nLicences are as the inputs record them (`license` column); where the header says `other`, ")
                .append("the table names the licence. Inputs:\n\n");
        JsonNode inputs = m.config() == null ? null : m.config().get("inputs");
        if (inputs != null) {
            for (JsonNode input : inputs) {
                out.append("- `").append(input.path("path").asText()).append('`');
                if (input.hasNonNull("source")) {
                    out.append(", ").append(input.get("source").asText());
                }
                if (input.hasNonNull("license")) {
                    out.append(", licence: ").append(input.get("license").asText());
                }
                out.append('\n');
            }
        }
        out.append('\n');
    }

    private static void stages(Manifest m, StringBuilder out) {
        out.append("## Stages\n\nIn the order they ran; every record read is kept, dropped with a reason or ")
                .append("quarantined with a reason.\n\n");
        out.append("| stage | in | kept | dropped (reason: count) | quarantined | settings |\n");
        out.append("|---|---:|---:|---|---:|---|\n");
        for (Manifest.StageEntry s : m.stages()) {
            StringBuilder dropped = new StringBuilder();
            s.dropped().forEach((reason, count) -> dropped.append(dropped.length() == 0 ? "" : ", ")
                    .append(reason).append(": ").append(n(count)));
            JsonNode setting = s.settings();
            out.append("| ").append(s.name()).append(" | ").append(n(s.in())).append(" | ").append(n(s.kept()))
                    .append(" | ").append(dropped.length() == 0 ? "" : cell(dropped.toString())).append(" | ")
                    .append(n(s.quarantined())).append(" | ")
                    .append(setting == null || setting.isEmpty() ? "" : "`" + cell(setting.toString()) + "`")
                    .append(" |\n");
        }
        out.append('\n');
    }

    /** Each stage with details, in the order they ran, as its kind tells it (its figures, by default). */
    private static void details(Manifest m, Function<String, StageReport> kinds, StringBuilder out) {
        if (m.stageDetails() == null || m.stageDetails().isEmpty()) {
            return;
        }
        out.append("## What the stages found\n\n");
        CardPage page = new MarkdownPage(out);
        for (StageRun s : StageRun.of(m)) {
            if (s.details() != null) {
                out.append("### ").append(s.id()).append("\n\n");
                (s.kind() == null ? StageReport.PLAIN : kinds.apply(s.kind())).card(page, s);
            }
        }
    }

    /** The card as a stage writes in it. */
    private record MarkdownPage(StringBuilder out) implements CardPage {
        @Override
        public void paragraph(String markdown) {
            out.append(markdown).append("\n\n");
        }

        @Override
        public void figures(Map<String, Object> figures) {
            // one figure a row, a nested mapping (a histogram, counts per type) spelled out
            out.append("| figure | value |\n|---|---|\n");
            new TreeMap<>(figures).forEach((k, v) -> out.append("| ").append(k.replace('_', ' ')).append(" | ")
                    .append(cell(readable(v))).append(" |\n"));
            out.append('\n');
        }

        @Override
        public void table(List<String> header, List<List<String>> rows) {
            out.append("| ").append(String.join(" | ", header.stream().map(DatasetCard::cell).toList())).append(" |\n|")
                    .append("---|".repeat(header.size())).append('\n');
            for (List<String> row : rows) {
                out.append("| ").append(String.join(" | ", row.stream().map(DatasetCard::cell).toList())).append(" |\n");
            }
            out.append('\n');
        }
    }

    private static void tokenizer(Manifest m, StringBuilder out) {
        out.append("## Tokenizer and shards\n\n");
        Manifest.TokenizerInfo tk = m.tokenizer();
        if (tk == null) {
            out.append("The corpus was not tokenised (`token_count` is null).\n");
        } else {
            out.append("`token_count` counts ").append(tk.kind()).append(" tokens of `").append(tk.name())
                    .append("` (vocabulary ").append(n(tk.vocabularySize())).append(", SHA-256 `").append(tk.sha256())
                    .append("`), no special tokens.\n");
        }
        Manifest.ShardPlan plan = m.shardPlan();
        if (plan != null) {
            out.append(plan.shards()).append(" shards balanced by ").append(plan.unit().replace('_', ' '))
                    .append(" (target ").append(n(plan.target())).append(", a multiple of dp_size ")
                    .append(plan.dpSize()).append(", shuffle seed ").append(plan.shuffleSeed())
                    .append("): smallest ").append(n(plan.smallest())).append(", largest ").append(n(plan.largest()))
                    .append(".\n");
        }
        if (m.megatron() != null) {
            out.append("Megatron-LM indexed datasets (`MMIDIDX` version 1, ").append(m.megatron().dtype())
                    .append(" tokens").append(m.megatron().eodToken() == null ? ""
                            : ", each document ending in `" + m.megatron().eodToken() + "` (" + m.megatron().eodId() + ")")
                    .append(") are in `megatron/`.\n");
        }
        out.append('\n');
    }

    /** The reader's detail naming the key ids holding personal data were pseudonymised under. */
    public static final String ID_PSEUDONYM_KEY = "id_pseudonym_key";

    private static void schema(Manifest m, StringBuilder out) {
        out.append("## Columns\n\n`id`, `text`, `source`, `source_uri`, `source_locator`, `source_sha256`, `title`, ")
                .append("`url`, `date`, `license`, `attributes`, `content_sha256`, `signals`, `token_count`")
                .append(" and, when written, `token_ids` (see corpusforge's README).");
        Map<String, Object> read = m.stageDetails() == null ? null : m.stageDetails().get(Outcome.READ_STAGE);
        Object key = read == null ? null : read.get(ID_PSEUDONYM_KEY);
        if (key != null) {
            out.append(" An `id` that held an e-mail address or a phone number is a pseudonym (`pseudonym-` and ")
                    .append("HMAC-SHA256 of the id) under ").append("built-in".equals(key)
                            ? "corpusforge's built-in key: anyone who guesses the address can confirm it."
                            : "the key in `" + key + "`, which only those who hold it can check.");
        }
        Manifest.ShardSchema schema = m.shardSchema();
        if (schema != null) {
            out.append(" `signals` is a struct of doubles, `attributes` a struct of strings; a field is null in a ")
                    .append("document that lacks it.\n\n");
            out.append("- `signals`: ").append(fields(schema.signals())).append('\n');
            out.append("- `attributes`: ").append(fields(schema.attributes())).append('\n');
        }
        out.append('\n');
    }

    private static void loading(Manifest m, StringBuilder out) {
        out.append("## Loading\n\n```python\nfrom datasets import load_dataset\n")
                .append("corpus = load_dataset(\"path/to/this/directory\", split=\"train\")  # or streaming=True\n")
                .append("print(corpus[0][\"text\"], corpus[0][\"signals\"])\n```\n\n");
        out.append("```sql\n-- DuckDB\nSELECT source, count(*), sum(token_count)\n")
                .append("FROM read_parquet('shards/*.parquet') GROUP BY source;\n```\n\n");
        if (m.megatron() != null) {
            out.append("Megatron-LM: pass the prefixes of `megatron/*.idx` (without the extension) to `--data-path`.\n\n");
        }
        if (m.searchIndex() != null) {
            out.append("## Search\n\n`search/` holds a suffix array over the characters of every shard's texts (")
                    .append(m.searchIndex().format()).append(", ")
                    .append(n(m.searchIndex().files().stream().mapToLong(Manifest.FileEntry::bytes).sum()))
                    .append(" bytes). Count any string exactly, see what follows it, find the documents and sources ")
                    .append("that hold it, or trace a model's output back to the corpus, with corpusforge:\n\n```\n")
                    .append("scripts/corpusforge search DIR count \"私はりんごを\"\n")
                    .append("scripts/corpusforge search DIR prob \"私はりんごを\" \"食べた\"\n")
                    .append("scripts/corpusforge search DIR find \"私はりんごを食べた\" --limit 10\n")
                    .append("scripts/corpusforge search DIR trace --file model-output.txt\n")
                    .append("scripts/corpusforge serve DIR        # a search page at http://127.0.0.1:8080/\n```\n\n");
            Manifest.Passages passages = m.searchIndex().passages();
            if (passages != null) {
                out.append("Its ").append(n(passages.count())).append(" passages (sentence-bounded, up to 300 ")
                        .append("characters) are indexed for keyword search (").append(passages.analysis()).append(")");
                if (passages.embedding() != null) {
                    out.append(" and by meaning (").append(passages.embedding().dimensions())
                            .append("-dimensional vectors of `").append(passages.embedding().model())
                            .append("`, SHA-256 ").append(passages.embedding().modelSha256(), 0, 12).append("…)");
                }
                out.append(": `search DIR passages --file answer.txt`")
                        .append(passages.embedding() == null ? "" : ", `search DIR similar --file answer.txt [--hybrid]`")
                        .append(".\n\n");
            }
        }
        if (m.rehydration() != null) {
            out.append("## Rehydration\n\nDocuments that stood for a cluster of duplicates are written more than once ")
                    .append("(copies by cluster size: ")
                    .append(String.join(", ", m.rehydration().schedule().stream()
                            .map(s -> s.copies() + " from " + s.from()).toList()))
                    .append("): ").append(n(m.rehydration().documentsRepeated())).append(" documents, ")
                    .append(n(m.rehydration().copiesAdded())).append(" copies added")
                    .append(m.rehydration().tokensAdded() == null ? "" : " (" + n(m.rehydration().tokensAdded())
                            + " tokens)")
                    .append(". A copy's `id` ends in `#k` and its `rehydration_copy` signal says k; the shards' row ")
                    .append("and token totals include the copies.\n\n");
        }
        if (m.training() != null) {
            out.append("## Training schedule\n\nA Megatron-LM training of ").append(n(m.training().trainIterations()))
                    .append(" iterations (").append(m.training().settings().path("seq_length").asText())
                    .append(" tokens a sequence, global batch ")
                    .append(m.training().settings().path("global_batch_size").asText()).append(", seed ")
                    .append(m.training().settings().path("seed").asText()).append(") reads ")
                    .append(n(m.training().documentsRead())).append(" of this corpus's documents through ")
                    .append(String.join(", ", m.training().prefixes().keySet()))
                    .append("; `training/iterations.bin` lists, per document, the iterations that read it, and every ")
                    .append("search hit shows them.\n\n");
        }
    }

    /** An ISO instant to the second (the manifest keeps the nanoseconds). */
    public static String toTheSecond(String instant) {
        try {
            return java.time.Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (RuntimeException e) {
            return String.valueOf(instant);
        }
    }

    /** A figure as a person reads it: numbers with separators, a mapping as "key: value" pairs, none when empty. */
    private static String readable(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "none";
            }
            List<String> parts = new ArrayList<>();
            new TreeMap<>(map).forEach((k, v) -> parts.add(k + ": " + readable(v)));
            return String.join(", ", parts);
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : String.join("; ", list.stream().map(DatasetCard::readable).toList());
        }
        if (value instanceof Number num) {
            return num.doubleValue() == Math.rint(num.doubleValue()) ? n(num.longValue())
                    : String.format(java.util.Locale.ROOT, "%.4g", num.doubleValue());
        }
        return String.valueOf(value);
    }

    private static List<Manifest.Composition> composition(Manifest m) {
        return m.composition() == null ? List.of() : m.composition();
    }

    static String hubLicense(String license) {
        if (license == null) {
            return "unknown";
        }
        return HUB_LICENSES.getOrDefault(license.trim().toLowerCase(Locale.ROOT), "other");
    }

    static String sizeCategory(long documents) {
        for (int i = 0; i < SIZE_BOUNDS.length; i++) {
            if (documents < SIZE_BOUNDS[i]) {
                return SIZE_NAMES[i];
            }
        }
        return SIZE_NAMES[SIZE_NAMES.length - 1];
    }

    private static String fields(List<String> names) {
        if (names.isEmpty()) {
            return "none (no such column)";
        }
        StringBuilder s = new StringBuilder();
        for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
            s.append('`').append(it.next()).append('`').append(it.hasNext() ? ", " : "");
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
