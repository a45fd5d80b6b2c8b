package org.corpusforge.core.source.transcript;

import java.util.List;
import java.util.regex.Pattern;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.source.InputFormat;

/** The transcripts' formats, one class each (registered in {@code META-INF/services}). */
public final class TranscriptFormats {
    private TranscriptFormats() {}

    public static final class Tsv extends InputFormat {
        public Tsv() {
            super("tsv", () -> new TsvTranscriptReader(false), SourceKind.TRANSCRIPT, false, false, List.of(".tsv"),
                    List.of());
        }
    }

    public static final class Segments extends InputFormat {
        public Segments() {
            super("segments", () -> new TsvTranscriptReader(true), SourceKind.TRANSCRIPT, false, false, List.of(),
                    List.of());
        }
    }

    /** SubRip has no mark: a cue number, then a timing line. */
    public static final class Srt extends InputFormat {
        private static final Pattern START =
                Pattern.compile("\\A\\s*\\d+\\s*\\r?\\n\\s*\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3}\\s*-->");

        public Srt() {
            super("srt", () -> new SubtitleReader(false), SourceKind.TRANSCRIPT, false, false, List.of(".srt"),
                    List.of());
        }

        @Override
        public int shapeRank() {
            return 10;
        }

        @Override
        public boolean hasShape(FileHead head) {
            return START.matcher(head.trimmed()).find();
        }
    }

    public static final class Vtt extends InputFormat {
        public Vtt() {
            super("vtt", () -> new SubtitleReader(true), SourceKind.TRANSCRIPT, false, false, List.of(".vtt"),
                    List.of("WEBVTT"));
        }
    }
}
