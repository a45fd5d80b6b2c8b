#!/usr/bin/env python3
"""Builds sample/mixed/: one small file of every input format corpusforge reads, from public-domain text only
(the bundled Aozora Bunko sample and the ITA corpus sentences). Deterministic: the same bytes on every run.

  python3 scripts/make-mixed-sample.py            # writes sample/mixed/

The web files are constructed (no real crawl with Japanese pages and a free licence was found): HTML pages in
Shift_JIS, EUC-JP, ISO-2022-JP and UTF-8, with navigation and footer boilerplate, wrapped as WARC request and
response records (gzip per record, like Common Crawl), plus a 404 page, an image and a WET file. The subtitle
files are the ITA sentences with invented timings, speakers and sound notes.
"""
import gzip
import io
import json
import os
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "sample", "mixed")
NS = uuid.UUID("0b6f7c8e-3c1d-4f6a-9a57-5d1f0c9e2b11")
DATE = "2024-05-18T00:00:00Z"


def aozora_works():
    with gzip.open(os.path.join(REPO, "sample", "aozora", "aozora_pd_sample.jsonl.gz"), "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def ita_sentences():
    with open(os.path.join(REPO, "sample", "ita", "recitation_transcript_utf8.txt"), encoding="utf-8") as f:
        return [line.split(":", 1)[1].split(",", 1)[0] for line in f if ":" in line]


def body_paragraphs(work, n):
    """The first n prose paragraphs of a work: after the notice block, without ruby or annotations."""
    import re
    text = work["text"].replace("\r\n", "\n")
    parts = re.split(r"\n-{20,}\n", text)
    body = parts[2] if len(parts) > 2 else text
    body = re.sub(r"｜([^《]+)《[^》]*》", r"\1", body)
    body = re.sub(r"《[^》]*》", "", body)
    body = re.sub(r"［＃[^］]*］", "", body)
    paras = [p.strip() for p in body.split("\n") if len(p.strip()) > 30 and "※" not in p]
    return paras[:n]


def warc_record(headers, block):
    lines = ["WARC/1.0"] + ["%s: %s" % kv for kv in headers] + ["Content-Length: %d" % len(block)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def rid(key):
    return "<urn:uuid:%s>" % uuid.uuid5(NS, key)


def page_html(title, paras, meta=""):
    ps = "".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html><html lang=\"ja\"><head>%s<title>%s</title><script>var s='x';</script></head><body>"
            "<nav><a href=\"/\">ホーム</a> | <a href=\"/list\">作品一覧</a></nav><h1>%s</h1>%s"
            "<footer>このサイトについて・お問い合わせ</footer></body></html>") % (meta, title, title, ps)


def main():
    os.makedirs(OUT, exist_ok=True)
    works = [w for w in aozora_works() if len(body_paragraphs(w, 3)) == 3]
    sentences = ita_sentences()

    pages = [
        ("http://bungaku.example/sjis", "text/html; charset=Shift_JIS", "", "cp932"),
        ("http://bungaku.example/euc", "text/html", "<meta charset=\"EUC-JP\">", "euc_jp"),
        ("http://bungaku.example/jis", "text/html", "", "iso2022_jp"),
        ("http://bungaku.example/utf8", "text/html; charset=UTF-8", "", "utf-8"),
    ]
    warc = bytearray()
    wet = bytearray()
    for i, (url, ctype, meta, codec) in enumerate(pages):
        work = works[i]
        html = page_html(work["title"], body_paragraphs(work, 3), meta).encode(codec)
        http = ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (ctype, len(html))).encode() + html
        req = ("GET %s HTTP/1.1\r\nHost: bungaku.example\r\n\r\n" % url).encode()
        warc += gz(warc_record([("WARC-Type", "request"), ("WARC-Target-URI", url), ("WARC-Date", DATE),
                                ("WARC-Record-ID", rid("req" + url)), ("Content-Type", "application/http; msgtype=request")], req))
        warc += gz(warc_record([("WARC-Type", "response"), ("WARC-Target-URI", url), ("WARC-Date", DATE),
                                ("WARC-Record-ID", rid("resp" + url)), ("Content-Type", "application/http; msgtype=response")], http))
        if codec == "utf-8":
            text = ("\n".join([work["title"]] + body_paragraphs(work, 3))).encode("utf-8")
            wet += gz(warc_record([("WARC-Type", "conversion"), ("WARC-Target-URI", url), ("WARC-Date", DATE),
                                   ("WARC-Record-ID", rid("wet" + url)), ("WARC-Refers-To", rid("resp" + url)),
                                   ("WARC-Identified-Content-Language", "jpn"), ("Content-Type", "text/plain")], text))
    for url, status, ctype, body in [("http://bungaku.example/missing", "404 Not Found", "text/html", "<p>見つかりません</p>".encode()),
                                     ("http://bungaku.example/cover.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")]:
        http = ("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (status, ctype, len(body))).encode() + body
        warc += gz(warc_record([("WARC-Type", "response"), ("WARC-Target-URI", url), ("WARC-Date", DATE),
                                ("WARC-Record-ID", rid("resp" + url)), ("Content-Type", "application/http; msgtype=response")], http))
    open(os.path.join(OUT, "pages.warc.gz"), "wb").write(bytes(warc))
    open(os.path.join(OUT, "pages.warc.wet.gz"), "wb").write(bytes(wet))

    # a raw Aozora Bunko file: the original Shift_JIS bytes with CRLF, as the library ships it
    book = min(works[8:], key=lambda w: len(w["text"]))
    raw = book["text"].encode("cp932")
    open(os.path.join(OUT, "%s.txt" % book["id"].split("/")[-1]), "wb").write(raw)

    with open(os.path.join(OUT, "books.jsonl"), "w", encoding="utf-8") as f:
        for w in works[6:8]:
            f.write(json.dumps({"id": w["id"], "title": w["title"], "author": w["author"],
                                "text": "\n".join(body_paragraphs(w, 3)), "license": w["license"]},
                               ensure_ascii=False) + "\n")

    # a web page of Aozora prose with made-up contact data (example.com, an all-zero number) for the pii stage
    with open(os.path.join(OUT, "notice.jsonl"), "w", encoding="utf-8") as f:
        text = "".join(body_paragraphs(works[9], 12)) + ("ご質問は info@example.com または 090-0000-1111 までお寄せください。"
                                              "来館される方は〒100-0005 東京都千代田区丸の内1丁目2-3 の受付へどうぞ。")
        f.write(json.dumps({"id": "notice-1", "title": "お知らせ", "text": text, "url": "http://bungaku.example/notice"},
                           ensure_ascii=False) + "\n")

    # an abusive forum comment, made up from words of the shipped NG-word list, for the toxicity stage to drop
    with open(os.path.join(OUT, "comment.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "comment-1", "text": "お前はバカだ。本当にバカヤローだな。このアホ、マヌケ、クソガキめ。"},
                           ensure_ascii=False) + "\n")

    with open(os.path.join(OUT, "ita.tsv"), "w", encoding="utf-8") as f:
        for n, s in enumerate(sentences[:20], 1):
            f.write("ITA_%03d\t%s\n" % (n, s))

    def stamp(t, sep):
        return "%02d:%02d:%02d%s%03d" % (t // 3600000, t // 60000 % 60, t // 1000 % 60, sep, t % 1000)

    with open(os.path.join(OUT, "talk.srt"), "w", encoding="utf-8") as f:
        for n, s in enumerate(sentences[20:30], 1):
            start = n * 3000
            note = "（笑）" if n % 4 == 0 else ""
            f.write("%d\n%s --> %s\n話者%s: %s%s\n\n" % (n, stamp(start, ","), stamp(start + 2500, ","),
                                                       "AB"[n % 2], s, note))
    with open(os.path.join(OUT, "talk.vtt"), "w", encoding="utf-8") as f:
        f.write("WEBVTT\n\nNOTE ITA corpus sentences with invented timings\n\n")
        for n, s in enumerate(sentences[30:40], 1):
            start = n * 3000
            f.write("%s --> %s\n<v %s>%s%s</v>\n\n" % (stamp(start, "."), stamp(start + 2500, "."),
                                                      ["田中", "鈴木"][n % 2], "えー、" if n % 3 == 0 else "", s))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
