package org.corpusforge.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every codec, recognised by name and by its first bytes, read as a stream: the records equal those of the plain
 * file, concatenated streams are read whole, a bomb line is quarantined without being held, and a damaged stream
 * ends the file with a read error after what it read.
 */
class CompressionTest {
    private static final List<String> LINES = List.of(
            "{\"id\": \"a\", \"text\": \"吾輩は猫である。名前はまだ無い。\"}",
            "{\"id\": \"b\", \"text\": \"どこで生れたかとんと見当がつかぬ。\"}",
            "{\"id\": \"c\", \"text\": \"何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。\"}");

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static Compressor compressor(Compression.Codec codec) {
        return switch (codec) {
            case GZIP -> GzipCompressorOutputStream::new;
            case ZSTD -> ZstdCompressorOutputStream::new;
            case BZIP2 -> BZip2CompressorOutputStream::new;
            case XZ -> XZCompressorOutputStream::new;
            case NONE -> out -> out;
        };
    }

    private static String suffix(Compression.Codec codec) {
        return switch (codec) {
            case GZIP -> ".gz";
            case ZSTD -> ".zst";
            case BZIP2 -> ".bz2";
            case XZ -> ".xz";
            case NONE -> "";
        };
    }

    private static byte[] compress(Compression.Codec codec, byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor(codec).wrap(bytes)) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> describe(List<Outcome> outcomes) {
        List<String> result = new ArrayList<>();
        for (Outcome o : outcomes) {
            result.add(o.status() == Outcome.Status.KEPT ? o.id() + " " + o.document().text() : o.reason());
        }
        return result;
    }

    @ParameterizedTest
    @EnumSource(value = Compression.Codec.class, names = {"GZIP", "ZSTD", "BZIP2", "XZ"})
    void recordsEqualThePlainFilesByNameAndByFirstBytes(Compression.Codec codec) throws IOException {
        InputSpec spec = TestFiles.spec("{path: x}");
        byte[] plain = utf8(String.join("\n", LINES) + "\n");
        List<String> expected = describe(TestFiles.read("file:/d/a.jsonl", spec, plain));
        assertEquals(3, expected.size());
        byte[] compressed = compress(codec, plain);
        assertEquals(codec, Compression.fromMagic(compressed, compressed.length));
        assertEquals(expected, describe(TestFiles.read("file:/d/a.jsonl" + suffix(codec), spec, compressed)));
        // no suffix: the first bytes tell, and the format is still sniffed from the decompressed text
        assertEquals(expected, describe(TestFiles.read("file:/d/a", spec, compressed)));
        // two streams one after the other, as resharding tools concatenate them
        byte[] twice = new byte[compressed.length * 2];
        System.arraycopy(compressed, 0, twice, 0, compressed.length);
        System.arraycopy(compressed, 0, twice, compressed.length, compressed.length);
        assertEquals(6, describe(TestFiles.read("file:/d/a.jsonl" + suffix(codec), spec, twice)).size());
    }

    @ParameterizedTest
    @EnumSource(value = Compression.Codec.class, names = {"GZIP", "ZSTD", "BZIP2", "XZ"})
    void aBombLineIsQuarantinedInBoundedMemoryAndTheNextLineIsRead(Compression.Codec codec) throws IOException {
        // 256 MiB of 'a' in one JSON string compresses to kilobytes; the limit is 1 MiB, far below what holding the
        // line would take (the test JVM's heap would not hold the line as a String)
        InputSpec spec = TestFiles.spec("{path: x, max_record_bytes: 1048576}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor(codec).wrap(bytes)) {
            out.write(utf8(LINES.get(0) + "\n{\"id\": \"bomb\", \"text\": \""));
            byte[] run = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 256; i++) {
                out.write(run);
            }
            out.write(utf8("\"}\n" + LINES.get(1) + "\n"));
        }
        assertTrue(bytes.size() < 4 << 20, codec + " compressed the bomb to " + bytes.size() + " bytes");
        List<String> read = describe(TestFiles.read("file:/d/bomb.jsonl" + suffix(codec), spec, bytes.toByteArray()));
        assertEquals(List.of("a 吾輩は猫である。名前はまだ無い。", "record-too-large", "b どこで生れたかとんと見当がつかぬ。"), read);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.Codec.class, names = {"ZSTD", "BZIP2", "XZ"})
    void aDamagedStreamEndsTheFileWithAReadErrorAfterWhatWasRead(Compression.Codec codec) throws IOException {
        // a whole stream of 100 records, then a second one cut short, as an interrupted copy leaves a shard
        byte[] first = compress(codec, utf8((LINES.get(0) + "\n").repeat(100)));
        byte[] second = compress(codec, utf8((LINES.get(1) + "\n").repeat(100)));
        // cut in the middle, within the header, and one byte before the end (a checksum or end marker missing)
        for (int cut : new int[] {second.length / 2, 3, second.length - 1}) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write(first);
            file.write(second, 0, cut);
            List<Outcome> read = TestFiles.read("file:/d/cut.jsonl" + suffix(codec), TestFiles.spec("{path: x}"),
                    file.toByteArray());
            Outcome last = read.get(read.size() - 1);
            assertEquals("read-error", last.reason(), "cut at " + cut + ": " + describe(read).subList(95, read.size()));
            assertTrue(read.size() > 100, "records before the cut: " + read.size());
            for (Outcome o : read.subList(0, read.size() - 1)) {
                assertEquals(Outcome.Status.KEPT, o.status());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void zstdSkippableFramesAsSeekableZstdWritesThemAreSkipped() throws IOException {
        byte[] frame = compress(Compression.Codec.ZSTD, utf8(LINES.get(0) + "\n"));
        byte[] skippable = {0x5E, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(frame);
        file.write(skippable);
        file.write(frame);
        file.write(skippable);
        List<Outcome> read = TestFiles.read("file:/d/seekable.jsonl.zst", TestFiles.spec("{path: x}"),
                file.toByteArray());
        assertEquals(List.of("a 吾輩は猫である。名前はまだ無い。", "a 吾輩は猫である。名前はまだ無い。"), describe(read));
    }

    @org.junit.jupiter.api.Test
    void plainTextThatLooksAlmostCompressedIsLeftAlone() {
        byte[] text = utf8("BZh9 is not a bzip2 stream without its block magic\n");
        assertEquals(Compression.Codec.NONE, Compression.fromMagic(text, text.length));
        assertEquals(Compression.Codec.NONE, Compression.fromMagic(new byte[0], 0));
        assertEquals("a.jsonl", Compression.stripCompressionSuffix("a.jsonl.zst"));
        assertEquals("jsonl", Formats.fromName("file:/d/part-0001.jsonl.zst"));
        assertEquals("tsv", Formats.fromName("file:/d/list.tsv.bz2"));
    }
}
