package org.corpusforge.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.api.Test;

class ReadersTest {

    private static InputSpec spec(String yamlInput) {
        CorpusConfig c = CorpusConfig.parse("inputs:\n  - " + yamlInput + "\n", List.of()).finish();
        return c.inputs().get(0);
    }

    private static List<Outcome> read(String uri, InputSpec spec, byte[] bytes) throws IOException {
        InputFile file = new InputFile(uri, uri.substring(uri.lastIndexOf('/') + 1), spec, bytes.length, "abc");
        List<Outcome> out = new ArrayList<>();
        FileRecords.read(file, () -> new ByteArrayInputStream(bytes)).forEachRemaining(out::add);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonlRecordsBecomeDocumentsWithFieldsAndProvenance() throws IOException {
        InputSpec spec = spec("{path: x, name: books, source: book, jsonl: {attribute_fields: [author]}}");
        List<Outcome> out = read("file:/d/a.jsonl", spec, utf8("""
                {"id": "aozora/1", "text": "吾輩は猫である。", "title": "猫", "author": "夏目漱石", "license": "PD"}

                {"text": "名前はまだ無い。"}
                """));
        assertEquals(2, out.size());
        Outcome first = out.get(0);
        assertEquals(Outcome.Status.KEPT, first.status());
        assertEquals("aozora/1", first.document().id());
        assertEquals("吾輩は猫である。", first.document().text());
        assertEquals("猫", first.document().metadata().title());
        assertEquals("PD", first.document().metadata().license());
        assertEquals("夏目漱石", first.document().metadata().attributes().get("author"));
        assertEquals("line:1", first.provenance().locator());
        assertEquals("abc", first.provenance().sourceSha256());
        // no id field: the id comes from the location (line 3, the blank line 2 is not a record)
        assertEquals("books/a.jsonl:3", out.get(1).document().id());
        assertEquals("line:3", out.get(1).provenance().locator());
    }

    @Test
    void badJsonlLinesAreQuarantinedWithTheirLineAndReasonAndReadingGoesOn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(utf8("{\"text\": \"一\"}\n"));
        bytes.write(utf8("{\"text\": \"broken\n"));
        bytes.write(utf8("{\"body\": \"no text field\"}\n"));
        bytes.write(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xE3, (byte) 0x81, '"', '}', '\n'});
        bytes.write(utf8("[1, 2]\n"));
        bytes.write(utf8("{\"text\": 42}\n"));
        bytes.write(utf8("{\"text\": \"二\"}\n"));
        List<Outcome> out = read("file:/d/b.jsonl", spec("{path: x}"), bytes.toByteArray());
        assertEquals(List.of("KEPT", "malformed-json", "missing-text", "invalid-utf8", "not-an-object",
                        "text-not-a-string", "KEPT"),
                out.stream().map(o -> o.status() == Outcome.Status.KEPT ? "KEPT" : o.reason()).toList());
        Outcome invalid = out.get(3);
        assertEquals("read", invalid.stage());
        assertEquals("line:4", invalid.provenance().locator());
        assertTrue(invalid.detail().contains("invalid UTF-8 at byte 9"), invalid.detail());
        assertTrue(out.get(1).excerpt().contains("broken"));
    }

    @Test
    void anEmptyFileIsOneQuarantinedRecord() throws IOException {
        for (byte[] empty : List.of(new byte[0], utf8("\n\n  \n"))) {
            List<Outcome> out = read("file:/d/empty.jsonl", spec("{path: x, name: n}"), empty);
            assertEquals(1, out.size());
            assertEquals("empty-file", out.get(0).reason());
            assertEquals("n/empty.jsonl", out.get(0).id());
        }
    }

    @Test
    void aTruncatedGzipEndsTheFileWithOneReadErrorAfterTheRecordsBeforeIt() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append("{\"text\": \"文書").append(i).append("。これは切り詰められたファイルの試験です。\"}\n");
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(utf8(lines.toString()));
        }
        byte[] all = gz.toByteArray();
        byte[] truncated = Arrays.copyOf(all, all.length / 2);
        List<Outcome> out = read("file:/d/t.jsonl.gz", spec("{path: x}"), truncated);
        Outcome last = out.get(out.size() - 1);
        assertEquals("read-error", last.reason());
        assertTrue(out.size() > 10 && out.size() < 2000, "read " + out.size());
        assertTrue(out.subList(0, out.size() - 2).stream().allMatch(o -> o.status() == Outcome.Status.KEPT));
    }

    @Test
    void textFilesAreOneDocumentOrOnePerLine() throws IOException {
        List<Outcome> whole = read("file:/d/book.txt", spec("{path: x, name: lib, source: book}"),
                utf8("\uFEFF一行目\r\n二行目\r\n"));
        assertEquals(1, whole.size());
        assertEquals("lib/book.txt", whole.get(0).id());
        assertEquals("一行目\r\n二行目\r\n", whole.get(0).document().text());

        InputSpec lines = spec("{path: x, name: ita, text: {unit: line, line_pattern: '^(?<id>[^:]+):(?<text>[^,]+),'}}");
        List<Outcome> out = read("file:/d/ita.txt", lines, utf8("""
                RECITATION324_001:女の子がキッキッ嬉しそう。,オンナノコガキッキッウレシソー。

                no pattern here
                """));
        assertEquals(2, out.size());
        assertEquals("ita/RECITATION324_001", out.get(0).document().id());
        assertEquals("女の子がキッキッ嬉しそう。", out.get(0).document().text());
        assertEquals("line-pattern-mismatch", out.get(1).reason());
        assertEquals("line:3", out.get(1).provenance().locator());
    }

    @Test
    void bytesThatDoNotDecodeInTheConfiguredEncodingQuarantineTheFile() throws IOException {
        List<Outcome> out = read("file:/d/bad.txt", spec("{path: x, encoding: utf-8}"), new byte[] {'a', (byte) 0xFF, 'b'});
        assertEquals(1, out.size());
        assertEquals("undecodable", out.get(0).reason());
        assertNull(out.get(0).document());
    }
}
