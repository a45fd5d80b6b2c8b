package org.corpusforge.core.source.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.corpusforge.core.source.InputSpec;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.source.CharsetSniffer;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.source.LazyOutcomes;
import org.corpusforge.core.source.RecordReader;
import org.corpusforge.core.stage.Outcome;

/**
 * Line-per-recording transcripts: {@code tsv} is {@code id<TAB>text} (the separator is configurable; ReazonSpeech
 * test lists use ", "); {@code segments} is JSONL with one recording per line, {@code {"id": ..., "segments":
 * [{"start", "end", "text", "speaker"}]}}. Either way one line is one recording, one document, with the
 * id {@code <input name>/<recording id>}.
 */
public final class TsvTranscriptReader implements RecordReader {
    private final boolean segments;

    public TsvTranscriptReader(boolean segments) {
        this.segments = segments;
    }

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        Charset charset = InputSpec.AUTO.equals(file.spec().encoding()) || segments
                ? StandardCharsets.UTF_8 : CharsetSniffer.charset(file.spec().encoding());
        org.corpusforge.core.source.ByteLineReader lines = new org.corpusforge.core.source.ByteLineReader(in, (int) file.spec().maxRecordBytes(), true);
        return new LazyOutcomes(file) {
            @Override
            protected Outcome computeNext() throws IOException {
                byte[] raw;
                while ((raw = lines.next()) != null) {
                    long n = lines.lineNumber();
                    Provenance provenance = new Provenance(file.uri(), "line:" + n, file.sha256());
                    String locationId = file.idPrefix() + ":" + n;
                    if (lines.lastLineTooLong()) {
                        return Outcome.unreadable(locationId, file.source(), provenance, "record-too-large",
                                "line longer than max_record_bytes", null);
                    }
                    String line = CharsetSniffer.strict(raw, charset);
                    if (line == null) {
                        return Outcome.unreadable(locationId, file.source(), provenance,
                                charset == StandardCharsets.UTF_8 ? "invalid-utf8" : "undecodable",
                                "not valid " + charset.name(), new String(raw, charset));
                    }
                    if (n == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    return segments ? segmentsLine(line, locationId, provenance, file)
                            : tsvLine(line, locationId, provenance, file, charset);
                }
                return null;
            }

            @Override
            protected String currentLocator() {
                return "line:" + (lines.lineNumber() + 1);
            }
        };
    }

    private static Outcome tsvLine(String line, String locationId, Provenance provenance, InputFile file,
                                   Charset charset) {
        String delimiter = file.spec().transcript().delimiter();
        int at = line.indexOf(delimiter);
        if (at <= 0) {
            return Outcome.unreadable(locationId, file.source(), provenance, "no-delimiter",
                    "expected 'id" + printable(delimiter) + "text'", line);
        }
        String id = line.substring(0, at).strip();
        Speakers.Split split = Speakers.split(line.substring(at + delimiter.length()));
        List<Cue> cues = List.of(new Cue(Double.NaN, Double.NaN, split.speaker(), split.text()));
        return Outcome.kept(Recordings.document(file.spec().name() + "/" + id, cues, file, provenance,
                charset.name(), InputSpec.AUTO.equals(file.spec().encoding()) ? "default" : "configured"));
    }

    private static Outcome segmentsLine(String line, String locationId, Provenance provenance, InputFile file) {
        JsonNode record;
        try {
            record = org.corpusforge.core.source.StrictJson.parse(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Outcome.unreadable(locationId, file.source(), provenance, "malformed-json",
                    org.corpusforge.core.source.StrictJson.describe(e), line);
        }
        if (record == null || !record.isObject()) {
            return Outcome.unreadable(locationId, file.source(), provenance, "not-an-object",
                    "expected a JSON object per line", line);
        }
        JsonNode segments = record.get(file.spec().transcript().segmentsField());
        if (segments == null || !segments.isArray()) {
            return Outcome.unreadable(locationId, file.source(), provenance, "missing-segments",
                    "no list '" + file.spec().transcript().segmentsField() + "'", line);
        }
        List<Cue> cues = new ArrayList<>();
        for (JsonNode s : segments) {
            JsonNode text = s.get("text");
            if (text == null || !text.isTextual()) {
                return Outcome.unreadable(locationId, file.source(), provenance, "bad-segment",
                        "a segment without a text string", line);
            }
            Speakers.Split split = Speakers.split(org.corpusforge.core.source.LoneSurrogates.replace(text.asText()));
            String speaker = s.hasNonNull("speaker") ? s.get("speaker").asText() : split.speaker();
            cues.add(new Cue(number(s.get("start")), number(s.get("end")), speaker, split.text()));
        }
        JsonNode idNode = record.get(file.spec().transcript().idField());
        String id = idNode == null || idNode.isNull() ? locationId : file.spec().name() + "/" + idNode.asText();
        return Outcome.kept(Recordings.document(id, cues, file, provenance, "UTF-8", "json"));
    }

    private static double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static String printable(String delimiter) {
        return delimiter.replace("\t", "<TAB>");
    }
}
