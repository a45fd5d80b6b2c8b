package org.corpusforge.core.source.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.corpusforge.core.text.BoundedPattern;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.source.CharsetSniffer;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.source.WholeFileReader;
import org.corpusforge.core.stage.Outcome;

/**
 * SRT and WebVTT subtitles: one file is one recording, one document. Cue numbers, identifiers, timestamps,
 * cue settings, the WEBVTT header and NOTE, STYLE and REGION blocks are removed; formatting tags are stripped;
 * {@code <v Name>} and speaker prefixes become speakers. A cue whose timing line is broken is quarantined on its
 * own (with its line number) and the rest of the file is kept.
 */
public final class SubtitleReader extends WholeFileReader {
    private static final BoundedPattern TIMING = BoundedPattern.compile("timing",
            "^\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[,.]\\d{1,3})\\s*-->\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[,.]\\d{1,3})(.*)$");

    private final boolean vtt;

    public SubtitleReader(boolean vtt) {
        this.vtt = vtt;
    }

    @Override
    protected List<Outcome> records(byte[] bytes, InputFile file, Provenance whole) {
        CharsetSniffer.Decoded decoded = decode(bytes, file);
        if (decoded == null) {
            return List.of(undecodable(bytes, file, whole));
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<Cue> cues = parse(decoded.text(), file, outcomes);
        if (!cues.isEmpty()) {
            outcomes.add(0, Outcome.kept(Recordings.document(file.idPrefix(), cues, file, whole, decoded.charset(),
                    decoded.method())));
        } else if (outcomes.isEmpty()) {
            outcomes.add(Outcome.unreadable(file.idPrefix(), file.source(), whole, "no-cues",
                    "no subtitle cues found", decoded.text()));
        }
        return outcomes;
    }

    private List<Cue> parse(String text, InputFile file, List<Outcome> quarantined) {
        List<Cue> cues = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        if (vtt) {
            while (i < lines.length && !lines[i].isBlank()) {
                i++; // the WEBVTT line and its header lines
            }
        }
        while (i < lines.length) {
            while (i < lines.length && lines[i].isBlank()) {
                i++;
            }
            if (i >= lines.length) {
                break;
            }
            int blockStart = i;
            List<String> block = new ArrayList<>();
            while (i < lines.length && !lines[i].isBlank()) {
                block.add(lines[i]);
                i++;
            }
            String first = block.get(0).strip();
            if (vtt && (first.startsWith("NOTE") || first.startsWith("STYLE") || first.startsWith("REGION"))) {
                continue;
            }
            int timingIndex = TIMING.matcher(block.get(0)).find() ? 0 : 1;
            Matcher timing = timingIndex < block.size() ? TIMING.matcher(block.get(timingIndex)) : null;
            if (timing == null || !timing.find()) {
                int line = blockStart + 1 + Math.min(timingIndex, block.size() - 1);
                quarantined.add(Outcome.unreadable(file.idPrefix() + "@line:" + line, file.source(),
                        new Provenance(file.uri(), "line:" + line, file.sha256()), "bad-timestamp",
                        "no valid 'start --> end' timing line in this cue", String.join("\n", block)));
                continue;
            }
            double start = seconds(timing.group(1));
            double end = seconds(timing.group(2));
            String speaker = null;
            StringBuilder cueText = new StringBuilder();
            for (String raw : block.subList(timingIndex + 1, block.size())) {
                String voice = SubtitleMarkup.voice(raw);
                if (voice != null) {
                    speaker = voice;
                }
                String plain = unescape(SubtitleMarkup.stripTags(raw));
                Speakers.Split split = Speakers.split(plain);
                if (split.speaker() != null) {
                    speaker = split.speaker();
                }
                if (!split.text().isBlank()) {
                    cueText.append(split.text().strip()).append('\n');
                }
            }
            if (cueText.length() > 0) {
                cues.add(new Cue(start, end, speaker, cueText.toString().strip()));
            }
        }
        return cues;
    }

    /** {@code hh:mm:ss,mmm}, {@code mm:ss.mmm} and the like, as seconds. */
    static double seconds(String stamp) {
        String[] parts = stamp.replace(',', '.').split(":");
        double seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + Double.parseDouble(part);
        }
        return seconds;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&lrm;", "")
                .replace("&rlm;", "").replace("&amp;", "&");
    }
}
