package org.corpusforge.core.source.web;

import java.util.List;
import java.util.TreeMap;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.source.CharsetSniffer;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.source.WholeFileReader;
import org.corpusforge.core.stage.Outcome;

/** A saved HTML page or an RSS/RDF/Atom feed, one document per file, in whatever encoding it declares or shows. */
public final class HtmlFileReader extends WholeFileReader {

    @Override
    protected List<Outcome> records(byte[] bytes, InputFile file, Provenance provenance) {
        CharsetSniffer.Decoded decoded = decode(bytes, file);
        if (decoded == null) {
            return List.of(undecodable(bytes, file, provenance));
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
        return List.of(Outcome.kept(doc.withSignal("link_char_ratio", page.linkCharRatio())));
    }
}
