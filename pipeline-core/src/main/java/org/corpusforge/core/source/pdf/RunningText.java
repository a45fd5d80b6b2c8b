package org.corpusforge.core.source.pdf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the lines of a document that are the page's furniture, not its text: running heads and footers (a short line
 * near a page's edge whose text, digits aside, comes back on at least half the pages, two at least) and page
 * numbers (a line near an edge that is nothing but a number, however it is dressed: "12", "- 12 -", "12 / 40",
 * "p. 12", "12頁", "xii", "１２").
 */
final class RunningText {
    /** The share of the page's height (and width, for the side margins of vertical books) that counts as its edge. */
    static final double EDGE = 0.1;
    /** Longer lines are text, wherever they are. */
    static final int MAX_CHARS = 60;
    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "[\\s\\-–—―‐(（\\[［]*(?:[pP]\\.?|[pP]age|第)?\\s*(?:\\d{1,5}|[０-９]{1,5}|[ivxlcdm]{1,8}|[IVXLCDM]{1,8}"
                    + "|[一二三四五六七八九十百千〇]{1,6})\\s*(?:頁|ページ|/\\s*\\d{1,5})?[\\s\\-–—―‐)）\\]］]*");

    /** One page: its size and lines. */
    record Page(double width, double height, List<PdfLine> lines) {}

    private RunningText() {}

    /** The pages' lines without their furniture, and how many lines were taken out. */
    static Result remove(List<Page> pages) {
        Map<String, Set<Integer>> pagesByKey = new HashMap<>();
        for (int p = 0; p < pages.size(); p++) {
            for (PdfLine line : pages.get(p).lines()) {
                if (atEdge(line, pages.get(p))) {
                    pagesByKey.computeIfAbsent(key(line), k -> new HashSet<>()).add(p);
                }
            }
        }
        int needed = Math.max(2, (pages.size() + 1) / 2);
        List<List<PdfLine>> kept = new ArrayList<>();
        int removed = 0;
        for (int p = 0; p < pages.size(); p++) {
            List<PdfLine> lines = new ArrayList<>();
            for (PdfLine line : pages.get(p).lines()) {
                boolean furniture = atEdge(line, pages.get(p))
                        && (PAGE_NUMBER.matcher(line.text()).matches()
                                || pagesByKey.getOrDefault(key(line), Set.of()).size() >= needed);
                if (furniture) {
                    removed++;
                } else {
                    lines.add(line);
                }
            }
            kept.add(lines);
        }
        return new Result(kept, removed);
    }

    record Result(List<List<PdfLine>> pages, int removed) {}

    private static boolean atEdge(PdfLine line, Page page) {
        if (line.text().codePointCount(0, line.text().length()) > MAX_CHARS) {
            return false;
        }
        return line.maxY() < EDGE * page.height() || line.minY() > (1 - EDGE) * page.height()
                || line.maxX() < EDGE * page.width() || line.minX() > (1 - EDGE) * page.width();
    }

    /** The line's text with its numbers and spaces taken out: "3 / 40" and "4 / 40" are one running footer. */
    private static String key(PdfLine line) {
        return line.text().replaceAll("[\\d０-９]+", "#").replaceAll("\\s+", "");
    }
}
