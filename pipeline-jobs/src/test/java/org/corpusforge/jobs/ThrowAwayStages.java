package org.corpusforge.jobs;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.report.CardPage;
import org.corpusforge.core.report.StageRun;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.Verdict;
import org.corpusforge.filters.kind.DocumentStageType;
import org.corpusforge.jobs.global.GlobalStage;
import org.corpusforge.jobs.global.GlobalStageType;

/**
 * Two stages written as a newcomer would add them, each one class here plus one line in this tree's
 * {@code META-INF/services}: nothing else in the code names them, and the run, the manifest, the report, the card and
 * the configuration's checks must all know them ({@link ExtensionTest}).
 */
public final class ThrowAwayStages {
    private ThrowAwayStages() {}

    /** Drops a document with more than {@code max_exclamations} ！ (signal {@code exclamation_count}). */
    public static final class Exclamations implements DocumentStage {
        private final long max;

        Exclamations(long max) {
            this.max = max;
        }

        @Override
        public Verdict apply(Document document) {
            long count = document.text().chars().filter(c -> c == '！').count();
            Document measured = document.withSignals(Map.of("exclamation_count", (double) count));
            return count > max ? Verdict.drop(measured, "too-loud", "exclamation_count", count, ">", max)
                    : Verdict.keep(measured);
        }

        public static final class Type extends DocumentStageType {
            public Type() {
                super("exclamations", settings -> new Exclamations(settings.longValue("max_exclamations", 3, 0,
                        Long.MAX_VALUE)));
                threshold("max_exclamations", "exclamation_count");
            }
        }
    }

    /** Drops every kept document holding {@code marker}, and says so in its details. */
    public static final class MarkerDrop implements GlobalStage {
        static final String NAME = "marker-drop";
        private final String marker;

        MarkerDrop(String marker) {
            this.marker = marker;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Result apply(JavaRDD<Outcome> outcomes, Run run) {
            String m = marker;
            JavaRDD<Outcome> marked = outcomes.map(o -> o.status() == Outcome.Status.KEPT
                    && o.document().text().contains(m) ? Outcome.dropped(NAME, "marked", o.document()) : o);
            return new Result(marked, new java.util.TreeMap<>(Map.of("marker", m)), List.of(), () -> {});
        }

        public static final class Type extends GlobalStageType {
            public Type() {
                super(NAME, "marker_drop");
            }

            @Override
            public GlobalStage create(ConfigNode settings, boolean listed) {
                String marker = settings.string("marker", null);
                return marker == null ? null : new MarkerDrop(marker);
            }

            @Override
            public void card(CardPage card, StageRun stage) {
                card.paragraph("Documents holding `" + stage.details().get("marker") + "` were dropped.");
            }
        }
    }

    /** Whether TEXT occurs at least {@code min_count} times: a query answered from {@code count}'s figures. */
    public static final class AtLeast extends org.corpusforge.search.query.SearchQuery {
        public AtLeast() {
            super("at-least", List.of("q"), false, List.of(org.corpusforge.search.query.QueryParameter.LIMIT),
                    "whether TEXT occurs at least --limit times");
        }

        @Override
        public Object answer(org.corpusforge.search.TextSearch search, List<String> texts,
                             org.corpusforge.search.query.QueryArguments arguments) {
            long count = search.count(texts.get(0)).count();
            return new java.util.TreeMap<>(Map.of("count", count, "at_least", count >= arguments.number(
                    org.corpusforge.search.query.QueryParameter.LIMIT)));
        }
    }

    /**
     * "Tab documents": one document a line, its id, a tab, its text; files named {@code .tabdocs}. (Small files only:
     * it reads the file whole, up to {@code max_record_bytes}.)
     */
    public static final class TabDocuments extends org.corpusforge.core.source.InputFormat {
        public TabDocuments() {
            super("tabdocs", () -> (in, file) -> {
                String text;
                try {
                    text = new String(in.readNBytes((int) file.spec().maxRecordBytes()),
                            java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                List<Outcome> outcomes = new java.util.ArrayList<>();
                String[] lines = text.split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String[] parts = lines[i].split("\t", 2);
                    org.corpusforge.core.model.Provenance provenance = new org.corpusforge.core.model.Provenance(
                            file.uri(), "line:" + (i + 1), file.sha256());
                    outcomes.add(Outcome.kept(new Document(parts[0], parts.length > 1 ? parts[1] : "", file.source(),
                            provenance, org.corpusforge.core.model.Metadata.EMPTY)));
                }
                return outcomes.iterator();
            }, org.corpusforge.core.model.SourceKind.BOOK, false, false, List.of(".tabdocs"), List.of());
        }
    }
}
