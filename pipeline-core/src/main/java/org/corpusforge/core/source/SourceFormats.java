package org.corpusforge.core.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.corpusforge.core.model.SourceKind;

/** The formats this package reads, one class each (registered in {@code META-INF/services}). */
public final class SourceFormats {
    private SourceFormats() {}

    public static final class Jsonl extends InputFormat {
        public Jsonl() {
            super("jsonl", JsonlReader::new, SourceKind.WEB, false, false, List.of(".jsonl", ".ndjson", ".json"),
                    List.of());
        }

        @Override
        public int shapeRank() {
            return 20;
        }

        @Override
        public boolean hasShape(FileHead head) {
            return head.start().startsWith("{");
        }
    }

    public static final class Text extends InputFormat {
        public Text() {
            super("text", () -> new TextFileReader(false), SourceKind.WEB, false, false, List.of(), List.of());
        }
    }

    /** Aozora Bunko's text files: their notice about the markup, the markup itself (ruby, notes) or their footer. */
    public static final class Aozora extends InputFormat {
        private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
        private static final Pattern RUBY = Pattern.compile("\\p{IsHan}《\\p{IsHiragana}+》");

        public Aozora() {
            super("aozora", () -> new TextFileReader(true), SourceKind.BOOK, false, false, List.of(), List.of());
        }

        @Override
        public int shapeRank() {
            return 40;
        }

        @Override
        public boolean hasShape(FileHead head) {
            for (Charset cs : new Charset[] {StandardCharsets.UTF_8, WINDOWS_31J}) {
                String text = new String(head.bytes(), 0, head.length(), cs);
                if (text.contains("【テキスト中に現れる記号について】") || text.contains("［＃") || text.contains("底本：")
                        || RUBY.matcher(text).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Lambdas, not constructor references: Parquet's classes are Spark's jars, loaded only when such a file is read. */
    public static final class Parquet extends InputFormat {
        public Parquet() {
            super("parquet", () -> new ParquetRowReader(), SourceKind.WEB, true, false, List.of(".parquet"),
                    List.of("PAR1"));
        }
    }

    public static final class Arrow extends InputFormat {
        public Arrow() {
            super("arrow", () -> new ArrowStreamRowReader(), SourceKind.WEB, false, false, List.of(".arrow"), List.of());
        }
    }

    /** Text read line by line, as the run chooses for a large text file (never named by a user). */
    public static final class TextLines extends InputFormat {
        public TextLines() {
            super("text-lines", TextLineReader::new, SourceKind.WEB, false, true, List.of(), List.of());
        }
    }
}
