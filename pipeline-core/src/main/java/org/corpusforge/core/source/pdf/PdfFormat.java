package org.corpusforge.core.source.pdf;

import java.util.List;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.source.InputFormat;

/** PDF (registered in {@code META-INF/services}). */
public final class PdfFormat extends InputFormat {
    public PdfFormat() {
        super("pdf", PdfFileReader::new, SourceKind.WEB, false, false, List.of(".pdf"), List.of("%PDF-"));
    }
}
