package org.corpusforge.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.report.ReportPage;
import org.corpusforge.core.report.StageReport;
import org.corpusforge.core.report.StageRun;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) drawn from the
 * manifest and {@link ReportData}: the funnel, lengths and tokens per source, every signal's distribution with the
 * thresholds the stages' settings put on it, a section for each stage that has something to show (what its kind draws:
 * figures by default), rehydration, shard balance, the mix by source and licence and a few dropped documents per
 * reason. It names no stage: the kinds registered say what they show. The same data always gives the same bytes.
 */
public final class RunReport {
    public static final String FILE = "report.html";
    public static final String DATA = "report.json";
    private static final int BINS = 24;

    /** What the registered kinds of stage show in the report. */
    public interface Kinds {
        /** The kind registered under this name ({@link StageReport#PLAIN} when none is, or the name is null). */
        StageReport kind(String name);

        /** The stage's section on the page, drawn by its kind with what the run gathered for the report. */
        void report(ReportPage page, StageRun stage, ReportData data);
    }

    private final Manifest m;
    private final ReportData d;
    private final Kinds kinds;
    private final StringBuilder out = new StringBuilder();
    private int charts;

    private RunReport(Manifest m, ReportData d, Kinds kinds) {
        this.m = m;
        this.d = d;
        this.kinds = kinds;
    }

    public static String html(Manifest manifest, ReportData data, Kinds kinds) {
        return new RunReport(manifest, data, kinds).render();
    }

    private String render() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>corpusforge run ")
                .append(esc(m.runId())).append("</title>\n<style>\n")
                .append("body{font-family:'IPAGothic','Noto Sans CJK JP',sans-serif;margin:2rem auto;max-width:72rem;color:#222}")
                .append("h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}")
                .append("table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}.grid{display:flex;flex-wrap:wrap;gap:1rem}")
                .append(".cell{width:22rem}.cell h3{font-size:.85rem;margin:.2rem 0;font-family:monospace}.note{color:#666;font-size:.8rem}.warn{color:#a40;font-weight:bold}")
                .append("svg.chart text{font-size:10px;fill:#333}.mono{font-family:monospace;font-size:.8rem;word-break:break-all}")
                .append("\n</style></head><body>\n");
        Manifest.Totals t = m.totals();
        out.append("<h1>corpusforge run ").append(esc(m.runId())).append("</h1>\n<p>")
                .append(esc(m.tool().name() + " " + m.tool().version())).append(", finished ")
                .append(esc(org.corpusforge.core.report.DatasetCard.toTheSecond(m.finishedAt()))).append(" in ").append(String.format(Locale.ROOT, "%.1f", m.durationSeconds()))
                .append(" s. ").append(n(t.recordsRead())).append(" records read, ").append(n(t.kept())).append(" kept in ")
                .append(t.shardCount()).append(" shards").append(t.tokens() == null ? "" : " (" + n(t.tokens()) + " tokens)")
                .append(", ").append(n(t.dropped())).append(" dropped, ").append(n(t.quarantined()))
                .append(" quarantined. Distributions come from histograms the tasks built ")
                .append(d.version() < 2 ? "(KLL sketches, rank error about 1.3 %" : "(buckets 1 % wide")
                .append("; the boilerplate lines from a frequent-items sketch); counts come from the ")
                .append("<a href=\"manifest.json\">manifest</a>.</p>\n");
        funnel();
        lengths();
        signals();
        stageSections();
        rehydration();
        shards();
        mix();
        dropped();
        out.append("<p class=\"note\">").append(charts).append(" charts.</p>\n</body></html>\n");
        return out.toString();
    }

    private void funnel() {
        out.append("<h2 id=\"funnel\">Funnel</h2>\n<p class=\"note\">Documents each stage received and kept, in the order ")
                .append("they ran; characters are those of the documents each per-document stage dropped, as it saw them ")
                .append("(the corpus itself holds ").append(n(m.totals().textBytes())).append(" bytes of text).</p>\n");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Manifest.StageEntry s : m.stages()) {
            labels.add(s.name());
            values.add((double) s.kept());
        }
        out.append(bars(labels, values, "documents kept"));
        out.append("<table><tr><th>stage</th><th>in</th><th>kept</th><th>dropped (reason: count)</th><th>quarantined</th>")
                .append("<th>characters dropped</th></tr>\n");
        for (Manifest.StageEntry s : m.stages()) {
            out.append("<tr><td>").append(esc(s.name())).append("</td><td class=\"n\">").append(n(s.in()))
                    .append("</td><td class=\"n\">").append(n(s.kept())).append("</td><td>");
            s.dropped().forEach((reason, count) -> out.append(esc(reason)).append(": ").append(n(count)).append("<br>"));
            out.append("</td><td class=\"n\">").append(n(s.quarantined())).append("</td><td class=\"n\">")
                    .append(d.droppedChars().containsKey(s.name()) ? n(d.droppedChars().get(s.name())) : "")
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void lengths() {
        out.append("<h2 id=\"lengths\">Lengths and tokens per source</h2>\n<p class=\"note\">Documents of the corpus; ")
                .append("logarithmic bins.</p>\n<div class=\"grid\">\n");
        d.lengths().forEach((source, sketch) -> {
            cell(source + ": characters", histogram(Distribution.decode(d.version(), sketch.chars()), null, null, true));
            if (sketch.tokens() != null) {
                cell(source + ": tokens", histogram(Distribution.decode(d.version(), sketch.tokens()), null, null,
                        true));
            }
        });
        out.append("</div>\n");
    }

    private void signals() {
        Map<String, List<double[]>> thresholds = thresholds();
        out.append("<h2 id=\"signals\">Signals</h2>\n<p class=\"note\">Every measurement the per-document stages kept, ")
                .append("over every document they measured (grey) and those they kept (blue); a red line marks a ")
                .append("configured threshold (a document beyond it is dropped, one at it stays). The toxicity score is ")
                .append("<code>toxicity_score</code>.</p>\n<div class=\"grid\">\n");
        // a signal that spans orders of magnitude (lengths: 5 to 110,611 characters) gets logarithmic bins
        d.signals().forEach((name, sketch) -> {
            Distribution all = Distribution.decode(d.version(), sketch.all());
            boolean orders = !all.isEmpty() && all.min() >= 0 && all.max() >= 100 * Math.max(1, all.min());
            cell(name + (orders ? " (log bins)" : ""), histogram(all, Distribution.decode(d.version(), sketch.kept()),
                    thresholds.get(name), orders));
        });
        out.append("</div>\n");
    }

    /** Signal name to the thresholds the stages' settings put on it, as their kinds read them. */
    private Map<String, List<double[]>> thresholds() {
        Map<String, List<double[]>> result = new TreeMap<>();
        for (StageRun stage : StageRun.of(m)) {
            if (stage.kind() != null && stage.settings() != null) {
                kinds.kind(stage.kind()).thresholds(stage.settings()).forEach((signal, values) -> values.forEach(
                        v -> result.computeIfAbsent(signal, k -> new ArrayList<>()).add(new double[] {v})));
            }
        }
        return result;
    }

    /** A section for each stage whose kind shows something of it, in the order they ran. */
    private void stageSections() {
        for (StageRun stage : StageRun.of(m)) {
            if (stage.kind() == null) {
                continue; // the reader
            }
            Section section = new Section();
            kinds.report(section, stage, d);
            if (section.html.length() > 0) {
                out.append("<h2 id=\"").append(esc(sectionId(stage.id()))).append("\">").append(esc(stage.id()))
                        .append(stage.id().equals(stage.kind()) ? "" : " (" + esc(stage.kind()) + ")")
                        .append("</h2>\n").append(section.html);
            }
        }
    }

    /** The page's id for a stage's section. */
    public static String sectionId(String stageId) {
        return "stage-" + stageId;
    }

    /** The page as a stage draws on it. */
    private final class Section implements ReportPage {
        private final StringBuilder html = new StringBuilder();

        @Override
        public void warn(String text) {
            html.append("<p class=\"warn\">").append(esc(text)).append("</p>\n");
        }

        @Override
        public void note(String text) {
            html.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        }

        @Override
        public void bars(List<String> labels, List<Double> values, String unit) {
            html.append(RunReport.this.bars(labels, values, unit));
        }

        @Override
        public void figures(Map<String, Object> figures) {
            html.append(RunReport.table(figures));
        }

        @Override
        public void table(List<String> header, List<List<String>> rows) {
            html.append("<table><tr>");
            header.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
            html.append("</tr>\n");
            for (List<String> row : rows) {
                html.append("<tr>");
                row.forEach(cell -> html.append(cell.matches("[0-9,.]+") ? "<td class=\"n\">" : "<td>")
                        .append(esc(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private void rehydration() {
        if (m.rehydration() != null) {
            Manifest.Rehydration r = m.rehydration();
            out.append("<h2 id=\"rehydration\">Rehydration</h2>\n<p>").append(r.documentsRepeated())
                    .append(" documents written more than once, ").append(r.copiesAdded()).append(" copies added")
                    .append(r.tokensAdded() == null ? "" : " (" + r.tokensAdded() + " tokens)").append("; copies by cluster size: ")
                    .append(esc(String.join(", ", r.schedule().stream().map(s -> s.copies() + " from " + s.from()).toList())))
                    .append(".</p>\n");
        }
    }

    private void shards() {
        out.append("<h2 id=\"shards\">Shard balance</h2>\n");
        Manifest.ShardPlan plan = m.shardPlan();
        boolean tokens = plan != null && "tokens".equals(plan.unit());
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Manifest.FileEntry shard : m.shards()) {
            labels.add(shard.path().substring(shard.path().lastIndexOf('/') + 1));
            values.add((double) (tokens ? shard.tokens() : shard.textBytes()));
        }
        if (plan != null) {
            out.append("<p class=\"note\">").append(plan.shards()).append(" shards by ").append(esc(plan.unit()))
                    .append(", target ").append(n(plan.target())).append(", dp_size ").append(plan.dpSize())
                    .append(", spread ").append(plan.spread() == null ? "n/a"
                            : String.format(Locale.ROOT, "%.2f %%", plan.spread() * 100)).append(".</p>\n");
        }
        out.append(bars(labels, values, tokens ? "tokens" : "text bytes"));
    }

    private void mix() {
        out.append("<h2 id=\"mix\">Mix by source and licence</h2>\n");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        out.append("<table><tr><th>source</th><th>licence</th><th>documents</th><th>text bytes</th><th>tokens</th></tr>\n");
        for (Manifest.Composition c : m.composition() == null ? List.<Manifest.Composition>of() : m.composition()) {
            out.append("<tr><td>").append(esc(c.source())).append("</td><td>")
                    .append(esc(c.license() == null ? "not recorded" : c.license())).append("</td><td class=\"n\">")
                    .append(n(c.documents())).append("</td><td class=\"n\">").append(n(c.textBytes()))
                    .append("</td><td class=\"n\">").append(c.tokens() == null ? "" : n(c.tokens())).append("</td></tr>\n");
            labels.add(c.source() + " / " + abbreviate(c.license() == null ? "not recorded" : c.license(), 40));
            values.add((double) (c.tokens() != null ? c.tokens() : c.textBytes()));
        }
        out.append("</table>\n").append(bars(labels, values, m.totals().tokens() != null ? "tokens" : "text bytes"));
    }

    private void dropped() {
        out.append("<h2 id=\"dropped\">Dropped documents, a few per reason</h2>\n<p class=\"note\">The first ")
                .append(ReportData.EXAMPLES_PER_REASON).append(" of each stage and reason in the run's seeded order, ")
                .append("with their provenance (never their text).</p>\n<table><tr><th>stage / reason</th><th>id</th>")
                .append("<th>source</th><th>detail</th></tr>\n");
        for (ReportData.Example e : d.dropped()) {
            out.append("<tr><td>").append(esc(e.stage() + " / " + e.reason())).append("</td><td class=\"mono\">")
                    .append(esc(e.id())).append("</td><td class=\"mono\">").append(esc(e.sourceUri() + " " + e.sourceLocator()))
                    .append("</td><td>").append(esc(e.detail() == null ? "" : abbreviate(e.detail(), 200))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    /** A stage's details as a table: one row per figure, a nested mapping as its own small table. */
    private static String table(Map<String, Object> details) {
        StringBuilder t = new StringBuilder("<table>");
        new TreeMap<>(details).forEach((key, value) -> {
            t.append("<tr><th>").append(esc(key.replace('_', ' '))).append("</th><td class=\"n\">");
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) nested;
                t.append(inner.isEmpty() ? "none" : table(inner));
            } else if (value instanceof List<?> list) {
                // a list of rows (dedup's largest clusters) one under the other, a list of lines (warnings) as lines
                t.append(list.isEmpty() ? "none" : String.join("", list.stream().map(item -> {
                    @SuppressWarnings("unchecked")
                    String row = item instanceof Map<?, ?> m ? table((Map<String, Object>) m) : esc(String.valueOf(item)) + "<br>";
                    return row;
                }).toList()));
            } else if (value instanceof Number num) {
                t.append(num.doubleValue() == Math.rint(num.doubleValue()) ? n(num.longValue())
                        : String.format(Locale.ROOT, "%.4g", num.doubleValue()));
            } else {
                t.append(esc(String.valueOf(value)));
            }
            t.append("</td></tr>");
        });
        return t.append("</table>\n").toString();
    }

    private void cell(String title, String svg) {
        out.append("<div class=\"cell\"><h3>").append(esc(title)).append("</h3>").append(svg).append("</div>\n");
    }

    /** Horizontal bars, one per label. */
    private String bars(List<String> labels, List<Double> values, String unit) {
        charts++;
        int row = 18;
        int labelWidth = 260;
        int width = 720;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" role=\"img\" aria-label=\"").append(esc(unit)).append("\" width=\"").append(width)
                .append("\" height=\"").append(labels.size() * row + 6).append("\">");
        for (int i = 0; i < labels.size(); i++) {
            double w = max <= 0 ? 0 : (width - labelWidth - 110) * values.get(i) / max;
            int y = i * row + 3;
            s.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(y + 12)
                    .append("\" text-anchor=\"end\">").append(esc(abbreviate(labels.get(i), 42))).append("</text>")
                    .append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(y + 2)
                    .append("\" width=\"").append(fmt(Math.max(w, values.get(i) > 0 ? 1 : 0))).append("\" height=\"")
                    .append(row - 5).append("\" fill=\"#4a78c2\"/>")
                    .append("<text x=\"").append(fmt(labelWidth + w + 4)).append("\" y=\"").append(y + 12).append("\">")
                    .append(n(Math.round(values.get(i)))).append(' ').append(esc(unit)).append("</text>");
        }
        return s.append("</svg>\n").toString();
    }

    /** A histogram of one sketch (and, over it, a second), with thresholds marked; log bins for lengths. */
    private String histogram(Distribution all, Distribution kept, List<double[]> thresholds, boolean log) {
        charts++;
        int width = 340;
        int height = 120;
        int left = 6;
        int bottom = 100;
        StringBuilder s = new StringBuilder("<svg class=\"chart\" role=\"img\" width=\"" + width + "\" height=\"" + height + "\">");
        if (all.isEmpty()) {
            return s.append("<text x=\"6\" y=\"20\">no values</text></svg>").toString();
        }
        double min = all.min();
        double max = all.max();
        if (thresholds != null) {
            for (double[] t : thresholds) {
                min = Math.min(min, t[0]);
                max = Math.max(max, t[0]);
            }
        }
        boolean logScale = log && min >= 0 && max > 10;
        double lo = logScale ? Math.log10(Math.max(1, min)) : min;
        double hi = logScale ? Math.log10(max) : max;
        if (hi <= lo) {
            hi = lo + 1;
        }
        double[] edges = new double[BINS - 1];
        for (int i = 0; i < edges.length; i++) {
            double x = lo + (hi - lo) * (i + 1) / BINS;
            edges[i] = logScale ? Math.pow(10, x) : x;
        }
        double[] countsAll = counts(all, edges);
        double[] countsKept = kept == null || kept.isEmpty() ? null : counts(kept, edges);
        double top = java.util.Arrays.stream(countsAll).max().orElse(1);
        double bin = (double) (width - 2 * left) / BINS;
        for (int i = 0; i < BINS; i++) {
            double h = top <= 0 ? 0 : (bottom - 10) * countsAll[i] / top;
            s.append("<rect x=\"").append(fmt(left + i * bin)).append("\" y=\"").append(fmt(bottom - h))
                    .append("\" width=\"").append(fmt(bin - 1)).append("\" height=\"").append(fmt(h))
                    .append("\" fill=\"").append(countsKept == null ? "#4a78c2" : "#bbb").append("\"/>");
            if (countsKept != null) {
                double k = top <= 0 ? 0 : (bottom - 10) * countsKept[i] / top;
                s.append("<rect class=\"kept\" x=\"").append(fmt(left + i * bin + 2)).append("\" y=\"")
                        .append(fmt(bottom - k)).append("\" width=\"").append(fmt(Math.max(0, bin - 5)))
                        .append("\" height=\"").append(fmt(k)).append("\" fill=\"#4a78c2\"/>");
            }
        }
        if (thresholds != null) {
            for (double[] t : thresholds) {
                double x = logScale ? Math.log10(Math.max(1, t[0])) : t[0];
                double px = left + (width - 2 * left) * (x - lo) / (hi - lo);
                s.append("<line class=\"threshold\" x1=\"").append(fmt(px)).append("\" x2=\"").append(fmt(px))
                        .append("\" y1=\"4\" y2=\"").append(bottom).append("\" stroke=\"#d00\" stroke-width=\"2\"/>")
                        .append("<text x=\"").append(fmt(Math.min(px + 3, width - 60))).append("\" y=\"12\" fill=\"#d00\">")
                        .append(num(t[0])).append("</text>");
            }
        }
        s.append("<text x=\"").append(left).append("\" y=\"").append(bottom + 14).append("\">").append(num(min))
                .append("</text><text x=\"").append(width - left).append("\" y=\"").append(bottom + 14)
                .append("\" text-anchor=\"end\">").append(num(max)).append("</text>")
                .append("<text x=\"").append(width / 2).append("\" y=\"").append(bottom + 14).append("\" text-anchor=\"middle\">")
                .append("median ").append(num(all.median())).append(", n ")
                .append(n(all.count())).append(countsKept == null ? "" : ", kept " + n(kept.count())).append("</text>");
        return s.append("</svg>").toString();
    }

    private static double[] counts(Distribution values, double[] edges) {
        double[] all = values.counts(strictlyIncreasing(edges));
        return java.util.Arrays.copyOf(all, BINS);
    }

    private static double[] strictlyIncreasing(double[] edges) {
        double[] e = edges.clone();
        for (int i = 1; i < e.length; i++) {
            if (e[i] <= e[i - 1]) {
                e[i] = Math.nextUp(e[i - 1]);
            }
        }
        return e;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? n((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String abbreviate(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder e = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> e.append("&lt;");
                case '>' -> e.append("&gt;");
                case '&' -> e.append("&amp;");
                case '"' -> e.append("&quot;");
                case '\'' -> e.append("&#39;");
                default -> e.append(c);
            }
        }
        return e.toString();
    }

}
