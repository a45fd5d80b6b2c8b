package org.corpusforge.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.api.Test;

class WebReadersTest {
    // 夏目漱石「吾輩は猫である」 (public domain)
    private static final String NEKO = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。";
    private static final InputSpec WEB = TestFiles.spec("{path: x, name: crawl}");

    private static String page(String head, String body) {
        return "<html lang=\"ja\"><head>" + head + "<title>猫の頁</title><script>var x = '台本';</script>"
                + "<style>p { color: red }</style></head><body><nav>メニュー ホーム</nav><header>見出し帯</header>"
                + "<h1>第一章</h1><p>" + body + "</p><div hidden>隠れた文</div><p>続きは<a href=\"/2\">次の頁</a>へ。</p>"
                + "<footer>著作権表示</footer></body></html>";
    }

    @Test
    void realCommonCrawlWarcGivesOneDocumentAndCountsTheRest() throws IOException {
        List<Outcome> out = TestFiles.read("file:/d/whirlwind.warc.gz", WEB, TestFiles.resource("/web/whirlwind.warc.gz"));
        assertEquals(4, out.size());
        assertEquals(List.of("not-a-document", "not-a-document", "KEPT", "not-a-document"),
                out.stream().map(o -> o.status() == Outcome.Status.KEPT ? "KEPT" : o.reason()).toList());
        Document doc = out.get(2).document();
        assertEquals("urn:uuid:2aabeff2-67f5-4608-8466-e87c6296e2b6", doc.id());
        assertEquals("https://an.wikipedia.org/wiki/Escopete", doc.metadata().url());
        assertEquals("2024-05-18T01:58:10Z", doc.metadata().date());
        assertEquals("an", doc.metadata().attributes().get("html_lang"));
        assertTrue(doc.metadata().title().contains("Escopete"), doc.metadata().title());
        assertTrue(doc.text().contains("escopete"), doc.text());
        assertFalse(doc.text().contains("function("), "no script text");
        assertEquals(SourceKind.WEB, doc.source());
        assertTrue(doc.provenance().locator().matches("offset:[1-9][0-9]*"), doc.provenance().locator());
        assertTrue(doc.signals().get("link_char_ratio") > 0.0);
    }

    @Test
    void realWetConversionRecordIsADocumentWithItsIdentifiedLanguage() throws IOException {
        List<Outcome> out = TestFiles.read("file:/d/whirlwind.warc.wet.gz", WEB,
                TestFiles.resource("/web/whirlwind.warc.wet.gz"));
        Outcome kept = out.stream().filter(o -> o.status() == Outcome.Status.KEPT).findFirst().orElseThrow();
        assertEquals("urn:uuid:ba729a40-ff84-4085-8d48-0a5b2ee0c42d", kept.id());
        assertEquals("spa", kept.document().metadata().attributes().get("identified_language"));
        assertEquals("conversion", kept.document().metadata().attributes().get("warc_type"));
        assertTrue(kept.document().text().startsWith("Escopete"), kept.document().text().substring(0, 40));
    }

    @Test
    void legacyJapaneseEncodingsAreDecodedFromHeaderMetaOrDetection() throws IOException {
        Charset sjis = Charset.forName("windows-31j");
        Charset euc = Charset.forName("EUC-JP");
        Charset jis = Charset.forName("ISO-2022-JP");
        byte[] warc = new TestFiles.Warc()
                .html("http://a.example/sjis", "text/html; charset=Shift_JIS", page("", NEKO + "髙橋さん①"), sjis)
                .html("http://a.example/euc", "text/html", page("<meta charset=\"EUC-JP\">", NEKO), euc)
                .html("http://a.example/jis", "text/html", page("", NEKO + NEKO + NEKO), jis)
                .html("http://a.example/sjis-undeclared", "text/html", page("", NEKO + NEKO + NEKO + NEKO), sjis)
                .html("http://a.example/wrong-label", "text/html; charset=ISO-8859-1",
                        page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">", NEKO),
                        StandardCharsets.UTF_8)
                .page("http://a.example/missing", 404, "text/html", "<p>無い</p>".getBytes(StandardCharsets.UTF_8))
                .page("http://a.example/cat.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .bytes();
        List<Outcome> out = TestFiles.read("file:/d/ja.warc.gz", WEB, warc);
        Map<String, Document> byUrl = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        for (Outcome o : out) {
            if (o.status() == Outcome.Status.KEPT) {
                byUrl.put(o.document().metadata().url(), o.document());
            } else {
                reasons.merge(o.reason(), 1L, Long::sum);
            }
        }
        assertEquals(Map.of("not-a-document", 7L, "http-status", 1L, "not-html", 1L), reasons);
        assertCharset(byUrl.get("http://a.example/sjis"), "windows-31j", "http-header");
        assertTrue(byUrl.get("http://a.example/sjis").text().contains("髙橋さん①"), "CP932 characters survive");
        assertCharset(byUrl.get("http://a.example/euc"), "EUC-JP", "meta");
        assertCharset(byUrl.get("http://a.example/jis"), "ISO-2022-JP", "detected");
        assertCharset(byUrl.get("http://a.example/sjis-undeclared"), "windows-31j", "detected");
        // a server-default Latin-1 label on non-ASCII bytes is not believed before detection
        assertCharset(byUrl.get("http://a.example/wrong-label"), "UTF-8", "detected");

        Document sjisPage = byUrl.get("http://a.example/sjis");
        assertEquals("第一章\n" + NEKO + "髙橋さん①\n続きは次の頁へ。", sjisPage.text());
        assertEquals("猫の頁", sjisPage.metadata().title());
        assertEquals("ja", sjisPage.metadata().attributes().get("html_lang"));
        double expectedLinkRatio = 3.0 / sjisPage.text().codePoints().filter(c -> !Character.isWhitespace(c)).count();
        assertEquals(expectedLinkRatio, sjisPage.signals().get("link_char_ratio"), 1e-9);
    }

    private static void assertCharset(Document doc, String charset, String method) {
        assertTrue(doc.text().contains(NEKO), doc.text());
        assertEquals(charset, doc.metadata().attributes().get("charset"));
        assertEquals(method, doc.metadata().attributes().get("charset_source"));
    }

    @Test
    void aTruncatedWarcKeepsTheRecordsBeforeTheDamageAndQuarantinesItsOffset() throws IOException {
        TestFiles.Warc w = new TestFiles.Warc();
        for (int i = 0; i < 5; i++) {
            w.html("http://a.example/" + i, "text/html; charset=UTF-8", page("", NEKO + i), StandardCharsets.UTF_8);
        }
        byte[] all = w.bytes();
        long cut = w.responseOffsets().get(3) + 40;
        List<Outcome> out = TestFiles.read("file:/d/t.warc.gz", WEB, Arrays.copyOf(all, (int) cut));
        long kept = out.stream().filter(o -> o.status() == Outcome.Status.KEPT).count();
        assertEquals(3, kept);
        Outcome last = out.get(out.size() - 1);
        assertEquals(Outcome.Status.QUARANTINED, last.status());
        assertEquals("read-error", last.reason());
        assertEquals("offset:" + w.responseOffsets().get(3), last.provenance().locator());
    }

    @Test
    void garbageBetweenRecordsStopsTheFileThereAndKeepsWhatCameBefore() throws IOException {
        TestFiles.Warc w = new TestFiles.Warc();
        w.html("http://a.example/1", "text/html; charset=UTF-8", page("", NEKO), StandardCharsets.UTF_8);
        w.html("http://a.example/2", "text/html; charset=UTF-8", page("", NEKO), StandardCharsets.UTF_8);
        byte[] all = w.bytes();
        int at = (int) (long) w.responseOffsets().get(1);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(all, 0, at);
        damaged.write("this is not a gzip member".getBytes(StandardCharsets.US_ASCII));
        damaged.write(all, at, all.length - at);
        List<Outcome> out = TestFiles.read("file:/d/g.warc.gz", WEB, damaged.toByteArray());
        assertEquals(1, out.stream().filter(o -> o.status() == Outcome.Status.KEPT).count());
        assertEquals("read-error", out.get(out.size() - 1).reason());
    }

    @Test
    void aWrongContentLengthEndsTheFileAtTheDamageWithoutLosingTheRecordsBefore() throws IOException {
        StringBuilder warc = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String html = page("", NEKO + i);
            String http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html;
            int length = http.getBytes(StandardCharsets.UTF_8).length + (i == 1 ? -25 : 0);
            warc.append("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/").append(i)
                    .append("\r\nWARC-Date: 2024-05-18T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000")
                    .append(i).append(">\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ")
                    .append(length).append("\r\n\r\n").append(http).append("\r\n\r\n");
        }
        List<Outcome> out = TestFiles.read("file:/d/cl.warc", WEB, warc.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals("urn:uuid:00000000-0000-0000-0000-000000000000", out.get(0).id());
        assertEquals(Outcome.Status.KEPT, out.get(0).status());
        Outcome last = out.get(out.size() - 1);
        assertEquals("read-error", last.reason(), out.toString());
        assertTrue(last.provenance().locator().startsWith("offset:"));
    }

    @Test
    void aRecordOverTheSizeLimitIsQuarantinedNotLoaded() throws IOException {
        byte[] warc = new TestFiles.Warc()
                .html("http://a.example/big", "text/html; charset=UTF-8", page("", NEKO.repeat(200)), StandardCharsets.UTF_8)
                .html("http://a.example/small", "text/html; charset=UTF-8", page("", NEKO), StandardCharsets.UTF_8)
                .bytes();
        List<Outcome> out = TestFiles.read("file:/d/s.warc.gz", TestFiles.spec("{path: x, max_record_bytes: 2000}"), warc);
        assertEquals(List.of("record-too-large"), out.stream().filter(o -> o.status() == Outcome.Status.QUARANTINED)
                .map(Outcome::reason).toList());
        assertEquals(1, out.stream().filter(o -> o.status() == Outcome.Status.KEPT).count());
    }

    @Test
    void aVeryShortUndeclaredJapanesePageIsNotTakenForChinese() throws IOException {
        // four EUC-JP characters, as in Mozilla's charset test pages; ICU alone guesses Big5
        byte[] page = "<html>\n<body>\nログイン\n</body>\n</html>\n".getBytes(Charset.forName("EUC-JP"));
        List<Outcome> out = TestFiles.read("file:/d/login.html", WEB, page);
        assertEquals("ログイン", out.get(0).document().text());
        assertEquals("EUC-JP", out.get(0).document().metadata().attributes().get("charset"));
    }

    @Test
    void feedsAndStandalonePagesInLegacyEncodings() throws IOException {
        String rss = "<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n<rss version=\"2.0\"><channel><title>猫日記</title>"
                + "<language>ja</language><item><title>第一話</title><description><![CDATA[<p>" + NEKO
                + "</p><p><a href=\"x\">続き</a></p>]]></description></item><item><title>第二話</title>"
                + "<description>&lt;b&gt;太字&lt;/b&gt;の話</description></item></channel></rss>";
        List<Outcome> out = TestFiles.read("file:/d/feed.xml", WEB, rss.getBytes(Charset.forName("EUC-JP")));
        Document feed = out.get(0).document();
        assertEquals("第一話\n" + NEKO + "\n続き\n\n第二話\n太字の話", feed.text());
        assertEquals("猫日記", feed.metadata().title());
        assertEquals("EUC-JP", feed.metadata().attributes().get("charset"));
        assertEquals("xml-declaration", feed.metadata().attributes().get("charset_source"));
        assertNull(feed.metadata().url());
    }
}
