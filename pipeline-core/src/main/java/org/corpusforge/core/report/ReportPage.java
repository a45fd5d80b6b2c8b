package org.corpusforge.core.report;

import java.util.List;
import java.util.Map;

/** What a stage may put on the run report's page (HTML is the page's business: text given here is escaped). */
public interface ReportPage {
    /** A line that needs the reader's attention. */
    void warn(String text);

    /** A short explanation in small type. */
    void note(String text);

    /** Horizontal bars, one per label, with the unit the values count. */
    void bars(List<String> labels, List<Double> values, String unit);

    /** A table of figures: one row per key, a nested mapping as its own table, a list one item under the other. */
    void figures(Map<String, Object> figures);

    /** A table of rows with a header, cells as text. */
    void table(List<String> header, List<List<String>> rows);
}
