package org.corpusforge.core.report;

import java.util.List;
import java.util.Map;

/** What a stage may put in the dataset card (Markdown is the card's business: cells are escaped for tables). */
public interface CardPage {
    /** A paragraph of Markdown, written as given. */
    void paragraph(String markdown);

    /** A table of figures: one row per key, a mapping spelled out as "key: value" pairs. */
    void figures(Map<String, Object> figures);

    /** A table of rows with a header. */
    void table(List<String> header, List<List<String>> rows);
}
