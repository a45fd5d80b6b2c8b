package org.corpusforge.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.api.Test;

/** Inputs built to break readers (issue 12): each ends as kept, dropped or quarantined records, never lost. */
class HostileReadersTest {
    private static final String GOOD = "{\"text\": \"吾輩は猫である。名前はまだ無い。\"}\n";

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> reasons(List<Outcome> outcomes) {
        List<String> r = new ArrayList<>();
        outcomes.forEach(o -> r.add(o.status() == Outcome.Status.KEPT ? "kept" : o.reason()));
        return r;
    }

    @Test
    void aJsonlLineOverTheLimitIsQuarantinedWithoutBeingHeldAndTheNextLineIsRead() throws IOException {
        InputSpec spec = TestFiles.spec("{path: x, max_record_bytes: 1000}");
        String big = "{\"text\": \"" + "あ".repeat(2000) + "\"}\n";
        List<Outcome> out = TestFiles.read("file:/d/a.jsonl", spec, utf8(GOOD + big + GOOD));
        assertEquals(List.of("kept", "record-too-large", "kept"), reasons(out));
        assertEquals("line:2", out.get(1).provenance().locator());
    }

    @Test
    void aGzipBombLineIsQuarantinedInBoundedMemory() throws IOException {
        // 64 MiB of zeros on one line compresses to about 64 KB; the limit is 1 MiB, far below what
        // holding the line would take
        InputSpec spec = TestFiles.spec("{path: x, max_record_bytes: 1048576}");
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write(utf8(GOOD));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
            gz.write('\n');
            gz.write(utf8(GOOD));
        }
        List<Outcome> out = TestFiles.read("file:/d/bomb.jsonl.gz", spec, compressed.toByteArray());
        assertEquals(List.of("kept", "record-too-large", "kept"), reasons(out));
    }

    @Test
    void aDamagedSecondGzipMemberEndsTheFileWithAReadErrorNotSilently() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(gzip(utf8(GOOD.repeat(5))));
        byte[] second = gzip(utf8(GOOD.repeat(5)));
        second[3] = (byte) 0xFF; // reserved flag bits: the JDK stream took this header for the end of the file
        second[0] = 0x1F;
        byte[] damaged = second.clone();
        damaged[1] = 0x00; // not the gzip magic
        file.write(damaged);
        List<Outcome> out = TestFiles.read("file:/d/two.jsonl.gz", TestFiles.spec("{path: x}"), file.toByteArray());
        assertEquals(6, out.size());
        assertEquals("read-error", out.get(5).reason());
        assertTrue(out.get(5).detail().contains(".gz"), out.get(5).detail());
    }

    @Test
    void concatenatedGzipMembersAreAllRead() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(gzip(utf8(GOOD.repeat(3))));
        file.write(gzip(utf8(GOOD.repeat(4))));
        List<Outcome> out = TestFiles.read("file:/d/two.jsonl.gz", TestFiles.spec("{path: x}"), file.toByteArray());
        assertEquals(List.of("kept", "kept", "kept", "kept", "kept", "kept", "kept"), reasons(out));
    }

    @Test
    void twoObjectsOnOneLineAreMalformedNotTheFirstAlone() throws IOException {
        List<Outcome> out = TestFiles.read("file:/d/a.jsonl", TestFiles.spec("{path: x}"),
                utf8("{\"text\":\"a\"}{\"text\":\"b\"}\n{\"text\":\"c\"} trailing\n" + GOOD));
        assertEquals(List.of("malformed-json", "malformed-json", "kept"), reasons(out));
    }

    @Test
    void aTextLongerThanJacksonsDefaultStringLimitIsKept() throws IOException {
        String text = "あ".repeat(21_000_000);
        List<Outcome> out = TestFiles.read("file:/d/a.jsonl", TestFiles.spec("{path: x}"),
                utf8("{\"text\":\"" + text + "\"}\n"));
        assertEquals(List.of("kept"), reasons(out));
        assertEquals(21_000_000, out.get(0).document().text().length());
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersAndAreCounted() throws IOException {
        List<Outcome> out = TestFiles.read("file:/d/a.jsonl", TestFiles.spec("{path: x}"),
                utf8("{\"text\":\"前\\ud800後\\udc00。\\ud83d\\ude00\"}\n"));
        assertEquals("前\uFFFD後\uFFFD。\uD83D\uDE00", out.get(0).document().text());
        assertEquals("2", out.get(0).document().metadata().attributes().get("lone_surrogates_replaced"));
    }

    @Test
    void aFileMixingUtf8AndShiftJisIsNeverDecodedAsUtf16() throws IOException {
        Charset sjis = Charset.forName("windows-31j");
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.write(utf8("これはUTF-8で書かれた段落である。吾輩は猫である。名前はまだ無い。\n"));
        mixed.write("ここからはShift_JISで書かれている。どこで生れたかとんと見当がつかぬ。\n".getBytes(sjis));
        List<Outcome> out = TestFiles.read("file:/d/mixed.txt", TestFiles.spec("{path: x}"), mixed.toByteArray());
        assertEquals(1, out.size());
        Outcome o = out.get(0);
        if (o.status() == Outcome.Status.KEPT) {
            String charset = o.document().metadata().attributes().get("charset");
            assertTrue(!charset.startsWith("UTF-16"), charset);
            long replaced = o.document().text().chars().filter(c -> c == '\uFFFD').count();
            assertTrue(replaced > 0, "a lossy decode must show its replacements: " + charset);
        } else {
            assertEquals("undecodable", o.reason());
        }
    }

    @Test
    void aGzNameOnBytesThatAreNotGzipIsOneError() {
        InputFile file = new InputFile("file:/d/a.jsonl.gz", "a.jsonl.gz", TestFiles.spec("{path: x}"), 4, "abc");
        try {
            List<Outcome> out = new ArrayList<>();
            FileRecords.read(file, () -> InputStream.nullInputStream()).forEachRemaining(out::add);
            throw new AssertionError("read " + out);
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("gz"), e.getMessage());
        }
    }
}
