package org.corpusforge.core.source.pdf;

/**
 * One line of a page as laid out: a horizontal line, or a column of vertical writing (縦書き), its text in reading
 * order and its box in page coordinates from the top left (PDFBox's direction-adjusted ones).
 *
 * @param pitch the glyphs' size across the line (their height in a horizontal line, width in a column): the unit in
 *              which gaps between lines are judged
 */
record PdfLine(String text, boolean vertical, double minX, double minY, double maxX, double maxY, double pitch) {
    /** Where this line sits across the flow: its top for a horizontal line, its right edge for a column. */
    double across() {
        return vertical ? -maxX : minY;
    }

    /** Where it sits along the flow: its left edge for a horizontal line, its top for a column. */
    double along() {
        return vertical ? minY : minX;
    }

    /** Its extent along the flow. */
    double length() {
        return vertical ? maxY - minY : maxX - minX;
    }
}
