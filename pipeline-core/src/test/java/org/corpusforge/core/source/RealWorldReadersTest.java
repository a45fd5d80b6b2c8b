package org.corpusforge.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.api.Test;

/** Real-world variance that once ended a file or hid a record (issue 27): every record accounted for on its own. */
class RealWorldReadersTest {
    private static final InputSpec WEB = TestFiles.spec("{path: x, name: crawl}");
    // 夏目漱石「吾輩は猫である」 (public domain)
    private static final String NEKO = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。";
    private static final String PAGE = "<html><head><title>猫</title></head><body><p>" + NEKO + NEKO + "</p></body></html>";
    /** PAGE compressed by Python's brotli 1.2.0 (brotli.compress(PAGE.encode())): the test has no Brotli encoder. */
    private static final String PAGE_BROTLI = "GwUBwJwHdqwz0GjG7CNkyLEkZl8r+G9zw7z6Pi5xJwi2WxCpGDgsVb3AhQ9swIFLmU2w8Cg0eMj2FB"
            + "DoPKFxEUgyn0HH6KVn8/93YM0nGkQmqDl1S1j4cSyeiIIwUNC2V3JUGDoV9N/Wr8BxwfAIChixCA==";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }

    /** A WARC response record built by hand, so that its headers can be as broken as a real crawl's. */
    private static void record(ByteArrayOutputStream warc, String warcHeaders, String httpHeaders, byte[] body)
            throws IOException {
        ByteArrayOutputStream http = new ByteArrayOutputStream();
        http.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n" + httpHeaders + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        http.write(body);
        warc.write(("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/\r\n" + warcHeaders
                + "Content-Type: application/http; msgtype=response\r\nContent-Length: " + http.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        http.writeTo(warc);
        warc.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String ids(int n) {
        return String.format("WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n", n);
    }

    private static final String DATE = "WARC-Date: 2024-05-18T00:00:00Z\r\n";

    private static List<String> reasons(List<Outcome> outcomes) {
        List<String> r = new ArrayList<>();
        outcomes.forEach(o -> r.add(o.status() == Outcome.Status.KEPT ? "kept" : o.reason()));
        return r;
    }

    @Test
    void everyFaultyWarcRecordIsQuarantinedAloneAndReadingGoesOn() throws IOException {
        ByteArrayOutputStream warc = new ByteArrayOutputStream();
        record(warc, ids(1) + DATE, "", utf8(PAGE));
        record(warc, ids(2) + DATE, "Content-Encoding: br\r\n", Base64.getDecoder().decode(PAGE_BROTLI));
        record(warc, ids(3) + DATE, "Content-Encoding: deflate\r\n", deflate(utf8(PAGE), false));
        record(warc, ids(4) + DATE, "Content-Encoding: deflate\r\n", deflate(utf8(PAGE), true));
        record(warc, ids(5) + "WARC-Date: yesterday\r\n", "", utf8(PAGE));
        record(warc, DATE, "", utf8(PAGE));
        record(warc, ids(7) + DATE, "Content-Encoding: br\r\n", utf8("not brotli at all, taro@example.co.jp"));
        record(warc, ids(8) + DATE, "Content-Encoding: compress\r\n", utf8(PAGE));
        record(warc, ids(9) + DATE, "Content-Encoding: gzip, br\r\n", utf8(PAGE));
        record(warc, ids(10) + DATE, "", utf8(PAGE));
        List<Outcome> out = TestFiles.read("file:/d/variance.warc", WEB, warc.toByteArray());
        assertEquals(List.of("kept", "kept", "kept", "kept", "bad-warc-header", "bad-warc-header", "bad-payload",
                "unsupported-content-encoding", "bad-payload", "kept"), reasons(out));
        for (int i : new int[] {1, 2, 3, 9}) {
            assertEquals(NEKO + NEKO, out.get(i).document().text(), "record " + (i + 1));
        }
        assertEquals("a malformed WARC-Date", out.get(4).detail());
        assertEquals("no WARC-Record-ID", out.get(5).detail());
        assertTrue(out.get(5).id().startsWith("crawl/variance.warc@offset:"), out.get(5).id());
        for (Outcome o : out) {
            assertTrue(o.detail() == null || !o.detail().contains("example"), o.detail());
        }
    }

    @Test
    void arcFilesAreReadRecordByRecord() throws IOException {
        // an ARC v1 file as Heritrix wrote them (the layout of jwarc's own ARC test), with one HTML page
        String http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + PAGE;
        int httpLength = utf8(http).length;
        String desc = "1 1 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n";
        String arc = "filedesc://example.arc 0.0.0.0 20050614070144 text/plain " + utf8(desc).length + "\n" + desc
                + "\n" + "http://a.example/neko 127.0.0.1 20050614070151 text/html " + httpLength + "\n" + http + "\n";
        List<Outcome> out = TestFiles.read("file:/d/old.arc", WEB, utf8(arc));
        assertEquals(List.of("not-a-document", "kept"), reasons(out));
        assertEquals(NEKO + NEKO, out.get(1).document().text());
        assertEquals("http://a.example/neko", out.get(1).document().metadata().url());
    }

    @Test
    void aPageIsAFeedOnlyWhenItsRootElementIsOne() throws IOException {
        String widget = "<html><body><feedback-widget>評価</feedback-widget><!-- <rss> --><p>" + NEKO + "</p></body></html>";
        assertEquals("評価\n" + NEKO, TestFiles.read("file:/d/w.html", WEB, utf8(widget)).get(0).document().text());
        String atom = "\uFEFF<?xml version=\"1.0\"?>\n<!-- a comment -->\n<!DOCTYPE x>\n<atom:feed xmlns:atom=\"x\">"
                + "<atom:entry><atom:title>猫</atom:title></atom:entry></atom:feed>";
        assertTrue(org.corpusforge.core.source.web.HtmlTextProbe.isFeed(atom));
        assertTrue(org.corpusforge.core.source.web.HtmlTextProbe.isFeed("<rdf:RDF>"));
        assertTrue(!org.corpusforge.core.source.web.HtmlTextProbe.isFeed("<html><rss>"));
        assertTrue(!org.corpusforge.core.source.web.HtmlTextProbe.isFeed("<feedback-widget>"));
    }

    @Test
    void escapedFeedsNestedDeepAreReadOneLevelDeep() throws IOException {
        // each level escapes the one inside it into an item's description, 600 levels deep: reading it once
        // gives the outer items' text; no level is parsed as a feed again (which once exhausted a 4 GB heap)
        String inner = "<p>" + NEKO + "</p>";
        for (int i = 0; i < 600; i++) {
            inner = "<rss><channel><item><description>" + inner.replace("&", "&amp;").replace("<", "&lt;")
                    .replace(">", "&gt;") + "</description></item></channel></rss>";
            if (inner.length() > 2_000_000) {
                break;
            }
        }
        List<Outcome> out = TestFiles.read("file:/d/deep.rss", WEB, utf8(inner));
        assertEquals(List.of("kept"), reasons(out));
        assertTrue(out.get(0).document().text().startsWith("<rss>"), out.get(0).document().text().substring(0, 40));
    }

    @Test
    void aLoneCarriageReturnEndsATsvLine() throws IOException {
        byte[] tsv = utf8("a\t" + NEKO + "\rb\t" + NEKO + "\r\nc\t" + NEKO + "\r");
        List<Outcome> out = TestFiles.read("file:/d/mac.tsv", TestFiles.spec("{path: x, name: t}"), tsv);
        assertEquals(List.of("t/a", "t/b", "t/c"), out.stream().map(Outcome::id).toList());
        assertEquals(List.of("line:1", "line:2", "line:3"), out.stream().map(o -> o.provenance().locator()).toList());
        assertEquals(NEKO, out.get(1).document().text());
    }

    @Test
    void subtitleCuesOfUnclosedTagsAreReadInOnePass() throws IOException {
        // once hours (SRT, 1 MB of '<') and minutes (VTT, 400 KB of '<v'): the tags scan is linear now
        String srt = "1\n00:00:01,000 --> 00:00:02,000\n" + "<".repeat(1 << 20) + NEKO + "\n\n"
                + "2\n00:00:03,000 --> 00:00:04,000\n<i>" + NEKO + "</i>\n";
        List<Outcome> out = TestFiles.read("file:/d/a.srt", WEB, utf8(srt));
        assertEquals(List.of("kept"), reasons(out));
        assertTrue(out.get(0).document().text().endsWith(NEKO + "\n" + NEKO), out.get(0).document().text().substring(0, 9));
        String vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "<v".repeat(200_000) + "\n\n00:03.000 --> 00:04.000\n"
                + "<v.a 話者>" + NEKO + "\n";
        out = TestFiles.read("file:/d/a.vtt", WEB, utf8(vtt));
        assertEquals(List.of("kept"), reasons(out));
        assertTrue(out.get(0).document().text().endsWith(NEKO), out.get(0).document().text().substring(0, 9));
    }
}
