package org.corpusforge.filters.pii;

import java.util.List;

/** Finds one type of personal data in (normalised) text; a validator, where the format has one, rejects look-alikes. */
public interface PiiDetector {
    String type();

    void find(String text, List<PiiSpan> out);
}
