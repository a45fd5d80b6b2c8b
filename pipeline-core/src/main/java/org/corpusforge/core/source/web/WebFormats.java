package org.corpusforge.core.source.web;

import java.util.List;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.source.InputFormat;

/** The web's formats, one class each (registered in {@code META-INF/services}). */
public final class WebFormats {
    private WebFormats() {}

    public static final class Html extends InputFormat {
        public Html() {
            super("html", HtmlFileReader::new, SourceKind.WEB, false, false,
                    List.of(".html", ".htm", ".xhtml", ".xml", ".rdf", ".rss", ".atom"), List.of());
        }

        @Override
        public int shapeRank() {
            return 30;
        }

        @Override
        public boolean hasShape(FileHead head) {
            return head.start().startsWith("<");
        }
    }

    public static final class Warc extends InputFormat {
        public Warc() {
            super("warc", WarcFileReader::new, SourceKind.WEB, true, false, List.of(".warc", ".wet", ".arc"),
                    List.of("WARC/", "filedesc://"));
        }
    }
}
