package org.corpusforge.core.source.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.source.InputFile;

/**
 * Turns the cues of one recording into one document: cues in time order (stable for equal or missing times),
 * one line each, consecutive repeats of the same line dropped (rolling auto-captions repeat them), speakers and
 * duration kept as metadata.
 */
final class Recordings {
    private Recordings() {}

    static Document document(String id, List<Cue> cues, InputFile file, Provenance provenance, String charset,
                             String charsetSource) {
        List<Cue> ordered = new ArrayList<>(cues);
        ordered.sort(Comparator.comparingDouble(c -> Double.isNaN(c.start()) ? 0 : c.start()));
        StringBuilder text = new StringBuilder();
        String previous = null;
        TreeSet<String> speakers = new TreeSet<>();
        double first = Double.NaN;
        double last = Double.NaN;
        for (Cue cue : ordered) {
            if (cue.speaker() != null) {
                speakers.add(cue.speaker());
            }
            if (!Double.isNaN(cue.start())) {
                first = Double.isNaN(first) ? cue.start() : Math.min(first, cue.start());
            }
            if (!Double.isNaN(cue.end())) {
                last = Double.isNaN(last) ? cue.end() : Math.max(last, cue.end());
            }
            for (String line : cue.text().split("\n")) {
                String stripped = line.strip();
                if (!stripped.isEmpty() && !stripped.equals(previous)) {
                    text.append(stripped).append('\n');
                    previous = stripped;
                }
            }
        }
        TreeMap<String, String> attributes = new TreeMap<>();
        if (!speakers.isEmpty()) {
            attributes.put("speakers", String.join(",", speakers));
        }
        if (charset != null) {
            attributes.put("charset", charset);
            attributes.put("charset_source", charsetSource);
        }
        attributes.put("cues", Integer.toString(cues.size()));
        Document doc = new Document(id, text.toString().strip(), file.source(), provenance,
                new Metadata(null, null, null, file.spec().license(), attributes));
        if (!Double.isNaN(first) && !Double.isNaN(last) && last >= first) {
            double duration = Math.round((last - first) * 1000) / 1000.0;
            doc = doc.withMetadata(doc.metadata().withAttribute("duration_seconds", Double.toString(duration)))
                    .withSignal("duration_seconds", duration);
        }
        return doc;
    }
}
