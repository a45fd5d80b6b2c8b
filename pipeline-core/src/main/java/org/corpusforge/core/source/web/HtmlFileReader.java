package org.corpusforge.core.source.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.TreeMap;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.source.CharsetSniffer;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.source.LazyOutcomes;
import org.corpusforge.core.source.RecordReader;
import org.corpusforge.core.stage.Outcome;

/** A saved HTML page or an RSS/RDF/Atom feed, one document per file, in whatever encoding it declares or shows. */
public final class HtmlFileReader implements RecordReader {

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        return new LazyOutcomes(file) {
            private boolean read;

            @Override
            protected Outcome computeNext() throws IOException {
                if (read) {
                    return null;
                }
                read = true;
                long max = file.spec().maxRecordBytes();
                byte[] bytes = in.readNBytes((int) max + 1);
                if (bytes.length == 0) {
                    return null;
                }
                Provenance provenance = new Provenance(file.uri(), "file", file.sha256());
                if (bytes.length > max) {
                    return Outcome.unreadable(file.idPrefix(), file.source(), provenance, "record-too-large",
                            "the file is larger than max_record_bytes (" + max + ")", null);
                }
                CharsetSniffer.Decoded decoded = CharsetSniffer.decode(bytes, null);
                if (decoded == null) {
                    return Outcome.unreadable(file.idPrefix(), file.source(), provenance, "undecodable",
                            "no charset decodes the bytes", null);
                }
                HtmlText.Page page = HtmlText.extract(decoded.text(), null);
                TreeMap<String, String> attributes = new TreeMap<>();
                attributes.put("charset", decoded.charset());
                attributes.put("charset_source", decoded.method());
                if (page.lang() != null) {
                    attributes.put("html_lang", page.lang());
                }
                Document doc = new Document(file.idPrefix(), page.text(), file.source(), provenance,
                        new Metadata(page.title(), null, null, file.spec().license(), attributes));
                return Outcome.kept(doc.withSignal("link_char_ratio", page.linkCharRatio()));
            }

            @Override
            protected String currentLocator() {
                return "file";
            }
        };
    }
}
