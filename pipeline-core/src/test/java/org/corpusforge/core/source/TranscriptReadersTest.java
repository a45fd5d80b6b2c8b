package org.corpusforge.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.api.Test;

/** Transcript text: the ITA corpus sentences (public domain) and the ReazonSpeech test list (Apache-2.0). */
class TranscriptReadersTest {

    private static List<Outcome> read(String name, String yaml, String content) throws IOException {
        return TestFiles.read("file:/d/" + name, TestFiles.spec(yaml), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void srtCuesBecomeOneRecordingInTimeOrderAndABrokenCueIsQuarantined() throws IOException {
        List<Outcome> out = read("talk.srt", "{path: x, name: talks}", """
                1
                00:00:04,000 --> 00:00:06,500
                ≫話者B： ツァツォに旅行した。

                2
                00:00:01,000 --> 00:00:03,500
                <i>女の子がキッキッ嬉しそう。</i>

                3
                00:00:0x,000 --> 00:00:09,000
                この行は壊れている

                4
                00:00:07,000 --> 00:00:08,000
                {\\an8}民衆がテュルリー宮殿に侵入した。
                """);
        assertEquals(2, out.size());
        Document doc = out.get(0).document();
        assertEquals("talks/talk.srt", doc.id());
        assertEquals(SourceKind.TRANSCRIPT, doc.source());
        assertEquals("女の子がキッキッ嬉しそう。\nツァツォに旅行した。\n民衆がテュルリー宮殿に侵入した。", doc.text());
        assertEquals("話者B", doc.metadata().attributes().get("speakers"));
        assertEquals(7.0, doc.signals().get("duration_seconds"));
        Outcome broken = out.get(1);
        assertEquals("bad-timestamp", broken.reason());
        assertEquals("line:10", broken.provenance().locator());
        assertTrue(broken.excerpt().contains("この行は壊れている"));
    }

    @Test
    void webVttHeadersNotesTagsAndVoicesAreHandled() throws IOException {
        List<Outcome> out = read("talk.vtt", "{path: x}", """
                WEBVTT Kind: captions
                Language: ja

                NOTE 二人の会話
                これは注釈

                STYLE
                ::cue { color: yellow }

                intro
                00:01.000 --> 00:02.500 align:start position:10%
                <v 田中>こんにちは&amp;ようこそ</v>

                00:03.000 --> 00:04.000
                <v.loud 鈴木>はい、<c.yellow>よろしく</c>お願いします<00:03.500>

                00:04.000 --> 00:05.000
                <v 鈴木>はい、<c.yellow>よろしく</c>お願いします
                """);
        assertEquals(1, out.size());
        Document doc = out.get(0).document();
        assertEquals("こんにちは&ようこそ\nはい、よろしくお願いします", doc.text(), "a rolling repeat is dropped");
        assertEquals("田中,鈴木", doc.metadata().attributes().get("speakers"));
        assertEquals(4.0, doc.signals().get("duration_seconds"));
    }

    @Test
    void reazonSpeechListsAreReadWithTheirSeparator() throws IOException {
        List<Outcome> out = read("transcripts.txt", "{path: x, name: reazon, format: tsv, transcript: {delimiter: ', '}}", """
                test_ja_1, 日本語ちゃんと聞き取れてますかちゃんと聞こえてんのちゃんと聞こえてるのじゃあマイクを持ってもらって
                test_ja_2, これはテスト文ですこの機械が日本語をちゃんと聞き取れているかどうかを計ります
                no separator here
                """);
        assertEquals("reazon/test_ja_2", out.get(1).document().id());
        assertEquals("これはテスト文ですこの機械が日本語をちゃんと聞き取れているかどうかを計ります", out.get(1).document().text());
        assertEquals("no-delimiter", out.get(2).reason());
        List<Outcome> tsv = read("a.tsv", "{path: x, name: r}", "utt1\t話者A: 今日は晴れです\n");
        assertEquals("r/utt1", tsv.get(0).document().id());
        assertEquals("今日は晴れです", tsv.get(0).document().text());
        assertEquals("話者A", tsv.get(0).document().metadata().attributes().get("speakers"));
    }

    @Test
    void segmentJsonlIsOneRecordingPerLine() throws IOException {
        List<Outcome> out = read("rec.jsonl", "{path: x, name: asr, format: segments}", """
                {"id": "rec-1", "segments": [{"start": 2.0, "end": 3.5, "text": "二番目", "speaker": "B"}, {"start": 0.5, "end": 1.8, "text": "一番目", "speaker": "A"}]}
                {"id": "rec-2"}
                {"id": "rec-3", "segments": [{"start": 0, "end": 1}]}
                """);
        assertEquals("asr/rec-1", out.get(0).document().id());
        assertEquals("一番目\n二番目", out.get(0).document().text());
        assertEquals("A,B", out.get(0).document().metadata().attributes().get("speakers"));
        assertEquals(3.0, out.get(0).document().signals().get("duration_seconds"));
        assertEquals("missing-segments", out.get(1).reason());
        assertEquals("bad-segment", out.get(2).reason());
    }

    @Test
    void formatsAreRecognisedFromTheFirstBytesWhenTheNameSaysNothing() {
        assertEquals("warc", sniff("WARC/1.0\r\nWARC-Type: warcinfo\r\n"));
        assertEquals("vtt", sniff("\uFEFFWEBVTT\n\n00:01.000 --> 00:02.000\nはい\n"));
        assertEquals("srt", sniff("1\r\n00:00:01,000 --> 00:00:02,000\r\nはい\r\n"));
        assertEquals("jsonl", sniff("{\"text\": \"x\"}\n"));
        assertEquals("html", sniff("<!DOCTYPE html><html>"));
        assertEquals("text", sniff("ただの文章です。\n"));
        byte[] aozora = "羅生門\r\n芥川龍之介\r\n\r\n-------\r\n【テキスト中に現れる記号について】\r\n".getBytes(Charset.forName("windows-31j"));
        assertEquals("aozora", Formats.fromBytes(aozora, aozora.length));
        assertEquals(null, Formats.fromName("file:/d/book.txt"));
        assertEquals("warc", Formats.fromName("s3a://b/CC-MAIN-1.warc.wet.gz"));
    }

    private static String sniff(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Formats.fromBytes(b, b.length);
    }

    @Test
    void formatPrefixOnAnInputForcesTheFormat() {
        var config = org.corpusforge.core.config.CorpusConfig.parse("inputs: [{path: x}]\n",
                List.of("tsv:data/list.txt", "s3a://bucket/a.jsonl")).finish();
        assertEquals("tsv", config.inputs().get(0).format());
        assertEquals("data/list.txt", config.inputs().get(0).path());
        assertEquals("auto", config.inputs().get(1).format());
        assertEquals("s3a://bucket/a.jsonl", config.inputs().get(1).path());
    }

    @Test
    void aRawAozoraFileIsABookMarkedForTheAozoraStage() throws IOException {
        byte[] raw = "羅生門\r\n芥川龍之介\r\n\r\n　ある日の暮方の事である。一人の下人《げにん》が、羅生門《らしょうもん》の下で雨やみを待っていた。\r\n"
                .getBytes(Charset.forName("windows-31j"));
        List<Outcome> out = TestFiles.read("file:/d/rashomon.txt", TestFiles.spec("{path: x, name: aozora}"), raw);
        Document doc = out.get(0).document();
        assertEquals(SourceKind.BOOK, doc.source());
        assertEquals("aozora", doc.metadata().attributes().get("markup"));
        assertEquals("windows-31j", doc.metadata().attributes().get("charset"));
        assertTrue(doc.text().contains("一人の下人《げにん》が"));
    }
}
