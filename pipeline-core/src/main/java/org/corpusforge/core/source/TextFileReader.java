package org.corpusforge.core.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * A plain text file as one document, in UTF-8 or a legacy encoding ({@code encoding: auto} detects it; see
 * {@link CharsetSniffer}). Aozora Bunko files are read the same way, with windows-31j tried before detection,
 * and are marked {@code markup=aozora} so that the {@code aozora} stage removes their markup before
 * normalisation.
 */
final class TextFileReader extends WholeFileReader {
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private final boolean aozora;

    TextFileReader(boolean aozora) {
        this.aozora = aozora;
    }

    @Override
    protected List<Outcome> records(byte[] bytes, InputFile file, Provenance provenance) {
        CharsetSniffer.Decoded decoded = aozora && InputSpec.AUTO.equals(file.spec().encoding())
                ? aozoraDecode(bytes) : decode(bytes, file);
        if (decoded == null) {
            return List.of(undecodable(bytes, file, provenance));
        }
        return List.of(Outcome.kept(new Document(file.idPrefix(), decoded.text(), file.source(), provenance,
                metadata(file, decoded, aozora))));
    }

    /** Aozora Bunko ships windows-31j; a file already converted to UTF-8 is recognised first. */
    private static CharsetSniffer.Decoded aozoraDecode(byte[] bytes) {
        String utf8 = CharsetSniffer.strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new CharsetSniffer.Decoded(utf8, "UTF-8", "detected");
        }
        String sjis = CharsetSniffer.strict(bytes, WINDOWS_31J);
        return sjis != null ? new CharsetSniffer.Decoded(sjis, WINDOWS_31J.name(), "aozora-default")
                : CharsetSniffer.decode(bytes, null);
    }

    static Metadata metadata(InputFile file, CharsetSniffer.Decoded decoded, boolean aozora) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("charset", decoded.charset());
        attributes.put("charset_source", decoded.method());
        if (aozora || "aozora".equals(file.spec().markup())) {
            attributes.put("markup", "aozora");
        }
        return new Metadata(null, null, null, file.spec().license(), attributes);
    }
}
