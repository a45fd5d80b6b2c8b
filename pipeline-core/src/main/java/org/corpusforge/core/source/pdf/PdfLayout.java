package org.corpusforge.core.source.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a page's glyphs, in the order the content stream draws them, into lines, then a document's lines into text.
 *
 * <p>Lines: consecutive glyphs on one baseline going right make a horizontal line; glyphs one under the other going
 * down make a column of vertical writing, whatever the page's other lines are (a vertical book's running head is
 * often horizontal). Any other step starts a new line. Producers draw text in reading order (Word, LaTeX, browsers,
 * InDesign), so two-column pages and right-to-left columns come out in order without sorting by position, which
 * would interleave the columns.
 *
 * <p>Joining: a line break inside a paragraph joins Japanese without a space (no space is ever put between two
 * Japanese characters), Latin words with one, and a word hyphenated at a line's end is joined again; a gap between
 * lines wider than 1.5 of their pitch, or a change of direction, starts a paragraph ({@code \n}).
 */
final class PdfLayout {
    private PdfLayout() {}

    /** The page's lines, in drawing order. */
    static List<PdfLine> lines(List<PdfGlyph> glyphs) {
        List<PdfLine> lines = new ArrayList<>();
        List<PdfGlyph> current = new ArrayList<>();
        Boolean vertical = null;
        for (PdfGlyph g : glyphs) {
            if (g.text().isBlank()) {
                if (!current.isEmpty() && !Boolean.TRUE.equals(vertical)) {
                    current.add(g); // a drawn space inside a horizontal line
                }
                continue;
            }
            if (current.isEmpty()) {
                current.add(g);
                continue;
            }
            PdfGlyph last = lastInk(current);
            Boolean step = step(last, g);
            if (step != null && (vertical == null || vertical.equals(step))) {
                vertical = step;
                current.add(g);
            } else {
                lines.add(line(current, Boolean.TRUE.equals(vertical)));
                current = new ArrayList<>(List.of(g));
                vertical = null;
            }
        }
        if (!current.isEmpty()) {
            lines.add(line(current, Boolean.TRUE.equals(vertical)));
        }
        return lines;
    }

    /** Whether {@code b} continues a horizontal line (false) or a column (true) after {@code a}; null: neither. */
    private static Boolean step(PdfGlyph a, PdfGlyph b) {
        double size = Math.max(Math.max(a.height(), a.width()), 1);
        double dx = b.x() - (a.x() + a.width());
        double dy = b.y() - (a.y() + a.height());
        boolean sameBaseline = Math.abs((b.y() + b.height()) - (a.y() + a.height())) < 0.5 * size;
        boolean sameColumn = Math.abs((b.x() + b.width() / 2) - (a.x() + a.width() / 2)) < 0.5 * size;
        if (sameBaseline && dx > -0.5 * size && dx < 3 * size) {
            return false;
        }
        if (sameColumn && b.y() > a.y() && dy < 3 * size) {
            return true;
        }
        return null;
    }

    private static PdfGlyph lastInk(List<PdfGlyph> glyphs) {
        for (int i = glyphs.size() - 1; i >= 0; i--) {
            if (!glyphs.get(i).text().isBlank()) {
                return glyphs.get(i);
            }
        }
        return glyphs.get(glyphs.size() - 1);
    }

    private static PdfLine line(List<PdfGlyph> glyphs, boolean vertical) {
        StringBuilder text = new StringBuilder();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        double pitch = 0;
        PdfGlyph previous = null;
        for (PdfGlyph g : glyphs) {
            if (g.text().isBlank()) {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ' ') {
                    text.append(' ');
                }
                continue;
            }
            if (!vertical && previous != null && text.charAt(text.length() - 1) != ' ') {
                // a gap the producer left instead of drawing a space, between words that are not Japanese
                double gap = g.x() - (previous.x() + previous.width());
                if (gap > 0.25 * Math.max(previous.height(), 1) && !Japanese.is(text.codePointBefore(text.length()))
                        && !Japanese.is(g.text().codePointAt(0))) {
                    text.append(' ');
                }
            }
            text.append(g.text());
            minX = Math.min(minX, g.x());
            minY = Math.min(minY, g.y());
            maxX = Math.max(maxX, g.x() + g.width());
            maxY = Math.max(maxY, g.y() + g.height());
            pitch = Math.max(pitch, vertical ? g.width() : g.height());
            previous = g;
        }
        return new PdfLine(text.toString().strip(), vertical, minX, minY, maxX, maxY, pitch);
    }

    /** A document's text and the offset where each page's starts. */
    record Joined(String text, List<Integer> pageStarts) {}

    /**
     * The pages' lines joined into paragraphs. Across a page break a paragraph goes on when the page's last line is
     * full (as long as the document's longest), and the break is then joined as a line break is; otherwise the page
     * ended a paragraph.
     */
    static Joined join(List<List<PdfLine>> pages) {
        double longest = 0; // the document's full line, which a paragraph that goes on fills
        for (List<PdfLine> page : pages) {
            for (PdfLine line : page) {
                longest = Math.max(longest, line.length());
            }
        }
        StringBuilder out = new StringBuilder();
        List<Integer> starts = new ArrayList<>();
        PdfLine previous = null;
        for (List<PdfLine> page : pages) {
            int start = out.length(); // an empty page starts where the next text would
            boolean first = true;
            for (PdfLine line : page) {
                if (line.text().isEmpty()) {
                    continue;
                }
                if (previous != null) {
                    if (first) {
                        boolean full = previous.length() >= 0.9 * longest;
                        out.append(full && previous.vertical() == line.vertical() ? wrap(out, line) : "\n");
                    } else {
                        out.append(separator(previous, line, out));
                    }
                }
                if (first) {
                    start = out.length();
                }
                out.append(line.text());
                previous = line;
                first = false;
            }
            starts.add(start);
        }
        return new Joined(out.toString(), starts);
    }

    private static String separator(PdfLine a, PdfLine b, StringBuilder out) {
        if (a.vertical() != b.vertical()) {
            return "\n";
        }
        double gap = b.across() - (a.vertical() ? -a.minX() : a.maxY());
        double pitch = Math.max(Math.max(a.pitch(), b.pitch()), 1);
        // the next line starts a column or line back at the start, not a new block further on
        boolean next = gap > -0.5 * pitch && gap < 1.5 * pitch;
        if (!next) {
            return "\n";
        }
        return wrap(out, b);
    }

    /** How a line that wrapped joins the next: Japanese without a space, a hyphenated word whole, else a space. */
    private static String wrap(StringBuilder out, PdfLine b) {
        int last = out.codePointBefore(out.length());
        int first = b.text().codePointAt(0);
        if (Japanese.is(last) || Japanese.is(first)) {
            return "";
        }
        if (last == '-' && Character.isLowerCase(first) && out.length() > 1
                && Character.isLetter(out.codePointBefore(out.length() - 1))) {
            out.setLength(out.length() - 1); // hyphen-
            return "";                        // ated
        }
        return " ";
    }
}
