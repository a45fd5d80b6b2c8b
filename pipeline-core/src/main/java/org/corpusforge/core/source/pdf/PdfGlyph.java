package org.corpusforge.core.source.pdf;

/**
 * A glyph as the PDF placed it: its text (one or more characters), its top-left corner and size, in page coordinates
 * from the top left. The layout works on these alone, so it is tested without a PDF.
 */
record PdfGlyph(String text, double x, double y, double width, double height) {}
