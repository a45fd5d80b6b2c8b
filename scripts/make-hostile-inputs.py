#!/usr/bin/env python3
"""Writes hostile inputs for corpusforge's fuzz check (scripts/fuzz.sh): files built to crash, hang, exhaust or
fool the readers, and expected.json saying how many records each one must account for (kept, dropped or
quarantined) and with which quarantine reasons. Seeded: the same seed writes the same bytes (the FIFO and the
links aside, which are not bytes).

  python3 scripts/make-hostile-inputs.py --seed 1 --out DIR          # the cases CI runs (seconds)
  python3 scripts/make-hostile-inputs.py --seed 1 --out DIR --big    # plus gigabyte bombs, 20,000 small files,
                                                                     # a 21 M-character record, a million cues

The text is the ITA corpus sentences bundled in sample/ita (public domain), shuffled by the seed; the personal
data planted in the PII cases is invented (example.co.jp, a test card number).
"""
import argparse
import base64
import bz2
import gzip
import io
import json
import lzma
import os
import random
import struct
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the last two are parts of the card number: a quarantine excerpt once cut a card in two and kept 12 of its digits
SECRETS = ["taro.yamada@example.co.jp", "090-1234-5678", "4111 1111 1111 1111", "4111 1111 1111", "taro.yamada@"]
# frames of a 64 MiB window in many-windows.jsonl.zst; a reader that keeps each frame's window holds 1 GiB more
WINDOW_FRAMES = 16
# a page compressed by Python's brotli 1.2.0 (the suite has no Brotli encoder at hand; pipeline-core's
# RealWorldReadersTest holds the same bytes)
PAGE_BROTLI = ("GwUBwJwHdqwz0GjG7CNkyLEkZl8r+G9zw7z6Pi5xJwi2WxCpGDgsVb3AhQ9swIFLmU2w8Cg0eMj2FBDoPKFxEUgyn0HH6KVn8/93YM0nGkQmqDl1"
               "S1j4cSyeiIIwUNC2V3JUGDoV9N/Wr8BxwfAIChixCA==")


def sentences(rng):
    with open(os.path.join(REPO, "sample", "ita", "recitation_transcript_utf8.txt"), encoding="utf-8") as f:
        lines = [l.split(":", 1)[1].split(",", 1)[0] for l in f if ":" in l]
    rng.shuffle(lines)
    return lines


class Cases:
    def __init__(self, out, rng):
        self.out = out
        self.root = os.path.join(out, "inputs")
        os.makedirs(self.root, exist_ok=True)
        self.rng = rng
        self.text = sentences(rng)
        self.expected = {}

    def doc(self):
        """A Japanese document of a few sentences, long enough for the length filter."""
        return "".join(self.rng.sample(self.text, 6))

    def jsonl(self, n):
        return "".join(json.dumps({"text": self.doc()}, ensure_ascii=False) + "\n" for _ in range(n)).encode()

    def write(self, name, data, records=None, min_records=None, reasons=(), clean=False):
        """Writes inputs/NAME (or NAME itself when it starts with huge/); clean: no record of it is quarantined."""
        path = os.path.join(self.out if name.startswith("huge/") else self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.expect(name, records, min_records, reasons, clean)

    def expect(self, name, records=None, min_records=None, reasons=(), clean=False):
        e = {"reasons": sorted(set(reasons))}
        if clean:
            e["clean"] = True
        if records is not None:
            e["records"] = records
        if min_records is not None:
            e["min_records"] = min_records
        self.expected[name if name.startswith("huge/") else "inputs/" + name] = e


def gz(data):
    return gzip.compress(data, mtime=0)


def zeros_member(total, chunk=1 << 20):
    """A gzip member of `total` zero bytes, compressed chunk by chunk (never held whole)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = io.BytesIO()
    block = b"\0" * chunk
    left = total
    while left > 0:
        n = min(chunk, left)
        out.write(c.compress(block[:n]))
        left -= n
    out.write(c.flush())
    return out.getvalue()


def pdf_objects(objects):
    """A PDF of the given object bodies (object 1 the catalog), its cross-reference table right."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(i).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n" \
        + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


def pdf_stream(content, extra=b""):
    return b"<< /Length " + str(len(content)).encode() + extra + b" >>\nstream\n" + content + b"\nendstream"


def pdf_with_content(flate_content):
    """A one-page PDF whose page content is the given FlateDecode stream."""
    return pdf_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                        pdf_stream(flate_content, b" /Filter /FlateDecode")])


def pdf_forms(forms, page_draws):
    """A one-page PDF with a Helvetica font and form XObjects /X0, /X1, ...: forms[i] is form i's content, and every
    form may draw every other (and itself); the page's content is page_draws."""
    n = len(forms)
    names = b" ".join(b"/X%d %d 0 R" % (i, 6 + i) for i in range(n))
    resources = b"<< /Font << /F 5 0 R >> /XObject << " + names + b" >> >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
               + resources + b" >>", pdf_stream(page_draws),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for content in forms:
        objects.append(pdf_stream(content, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources "
                                  + resources))
    return pdf_objects(objects)


def warc_record(headers, http_headers, body):
    """A WARC response record written by hand, so its headers can be as broken as a real crawl's."""
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n" + http_headers.encode() + b"\r\n") + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/\r\n" + headers.encode()
            + b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(len(http)).encode()
            + b"\r\n\r\n" + http + b"\r\n\r\n")


# Parquet written by hand, claims and all (Thrift's compact protocol, just enough)
I32, I64, BINARY, LIST, STRUCT = 5, 6, 8, 9, 12


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def zigzag(n):
    return varint((n << 1) ^ (n >> 63))


def thrift(*fields):
    """A struct: fields (id, type, value); a list value is (element type, items[, claimed size])."""
    out = bytearray()
    last = 0
    for fid, ftype, value in fields:
        delta = fid - last
        out += bytes([(delta << 4) | ftype]) if 0 < delta <= 15 else bytes([ftype]) + zigzag(fid)
        out += thrift_value(ftype, value)
        last = fid
    return bytes(out) + b"\0"


def thrift_value(ftype, value):
    if ftype in (I32, I64):
        return zigzag(value)
    if ftype == BINARY:
        return varint(len(value)) + value
    if ftype == STRUCT:
        return value  # already encoded
    etype, items, *claimed = value
    size = claimed[0] if claimed else len(items)
    head = bytes([(size << 4) | etype]) if size < 15 else bytes([0xF0 | etype]) + varint(size)
    return head + b"".join(thrift_value(etype, v) for v in items)


def plain(texts):
    return b"".join(struct.pack("<I", len(t.encode())) + t.encode() for t in texts)


def data_page(values, body, uncompressed=None, compressed=None, encoding=0):
    """A v1 data page header and its body."""
    return thrift((1, I32, 0), (2, I32, len(body) if uncompressed is None else uncompressed),
                  (3, I32, len(body) if compressed is None else compressed),
                  (5, STRUCT, thrift((1, I32, values), (2, I32, encoding), (3, I32, 3), (4, I32, 3)))) + body


def parquet_file(groups, optional=False, codec=0, schema=None, row_groups_claim=None, footer=None, chunk_claims=None):
    """A Parquet file with one string column 'text'. groups: per row group, (rows, chunk bytes: page headers and
    bodies); chunk_claims: per row group, (uncompressed, compressed) to claim instead of the real sizes."""
    out = bytearray(b"PAR1")
    row_groups = []
    for g, (rows, chunk) in enumerate(groups):
        offset = len(out)
        out += chunk
        unc, comp = (chunk_claims or {}).get(g, (len(chunk), len(chunk)))
        meta = thrift((1, I32, 6), (2, LIST, (I32, [0, 3])), (3, LIST, (BINARY, [b"text"])), (4, I32, codec),
                      (5, I64, rows), (6, I64, unc), (7, I64, comp), (9, I64, offset))
        row_groups.append(thrift((1, LIST, (STRUCT, [thrift((2, I64, offset), (3, STRUCT, meta))])),
                                 (2, I64, len(chunk)), (3, I64, rows)))
    if schema is None:
        schema = [thrift((4, BINARY, b"schema"), (5, I32, 1)),
                  thrift((1, I32, 6), (3, I32, 1 if optional else 0), (4, BINARY, b"text"), (6, I32, 0))]
    listed = (STRUCT, row_groups) if row_groups_claim is None else (STRUCT, row_groups, row_groups_claim)
    if footer is None:
        footer = thrift((1, I32, 1), (2, LIST, (STRUCT, schema)), (3, I64, sum(r for r, _ in groups)),
                        (4, LIST, listed))
    return bytes(out) + footer + struct.pack("<I", len(footer)) + b"PAR1"


def parquet_group(texts, optional=False):
    body = plain(texts)
    if optional:  # definition levels: one RLE run of ones
        levels = varint(len(texts) << 1) + b"\x01"
        body = struct.pack("<I", len(levels)) + levels + body
    return (len(texts), data_page(len(texts), body))


def zstd_frame(data, window_log, fill=0, tail=b""):
    """A zstd frame whose header claims a window of 2^window_log bytes (no content size, so a decoder must hold the
    whole window): a raw block of data, `fill` spaces in RLE blocks of 128 KiB (four bytes each, which the decoder
    writes into its window), then a raw block of tail."""
    raw = lambda payload, last: struct.pack("<I", (len(payload) << 3) | last)[:3] + payload
    out = [raw(data, 0 if fill or tail else 1)]
    for at in range(0, fill, 1 << 17):
        size = min(1 << 17, fill - at)
        last = 1 if at + size >= fill and not tail else 0
        out.append(struct.pack("<I", (size << 3) | (1 << 1) | last)[:3] + b" ")
    if tail:
        out.append(raw(tail, 1))
    return b"\x28\xb5\x2f\xfd\x00" + bytes([(window_log - 10) << 3]) + b"".join(out)


def xz_claiming_dictionary(data, dict_byte):
    """An xz stream of data whose LZMA2 filter claims the dictionary that dict_byte encodes (37: 1.5 GiB), its block
    header's CRC32 made right again."""
    whole = bytearray(lzma.compress(data, check=lzma.CHECK_NONE))
    size = (whole[12] + 1) * 4  # the block header follows the 12-byte stream header
    header = whole[12:12 + size]
    at = header.index(b"\x21\x01") + 2  # LZMA2, one byte of properties: the dictionary size
    header[at] = dict_byte
    header[-4:] = struct.pack("<I", zlib.crc32(bytes(header[:-4])))
    whole[12:12 + size] = header
    return bytes(whole)


def build(out, seed, big):
    rng = random.Random(seed)
    c = Cases(out, rng)
    limit = 1 << 20  # max_record_bytes in the fuzz config (scripts/fuzz.sh)

    # 1. a decompression bomb: one line of zeros far over the limit, between good lines
    bomb = (2 << 30) if big else (64 << 20)
    c.write("bomb.jsonl.gz", gz(c.jsonl(1)) + zeros_member(bomb) + gz(b"\n" + c.jsonl(1)), records=3,
            reasons=["record-too-large"])
    # 2. an oversized plain line, in JSONL, TSV and one-document-per-line text
    c.write("long-line.jsonl", c.jsonl(1) + json.dumps({"text": "あ" * (limit // 2)}).encode() + b"\n" + c.jsonl(1),
            records=3, reasons=["record-too-large"])
    c.write("long-line.tsv", b"a\t" + c.doc().encode() + b"\nb\t" + ("い" * limit).encode() + b"\n", records=2,
            reasons=["record-too-large"])
    # 3. a damaged second gzip member (JSONL and TSV)
    for name, body in (("damaged-member.jsonl.gz", c.jsonl(5)),
                       ("damaged-member.tsv.gz", "".join(f"u{i}\t{c.doc()}\n" for i in range(5)).encode())):
        second = bytearray(gz(body))
        second[1] = 0x00
        c.write(name, gz(body) + bytes(second), records=6, reasons=["read-error"])
    # 4. concatenated and trailing JSON on one line
    c.write("concatenated.jsonl", b'{"text":"a"}{"text":"b"}\n{"text":"c"} trailing\n' + c.jsonl(1), records=3,
            reasons=["malformed-json"])
    # 5. deep nesting, JSON and HTML
    c.write("deep.jsonl", b"[" * 200_000 + b"]" * 200_000 + b"\n" + c.jsonl(1), records=2, reasons=["malformed-json"])
    c.write("deep.html", b"<html><body>" + b"<div>" * 100_000 + c.doc().encode() + b"</div>" * 100_000
            + b"</body></html>", records=1)
    # 6. names that are not plain: a colon, spaces and non-ASCII
    c.write("2024-01-01T00:00.jsonl", c.jsonl(2), records=2)
    c.write("名前 with spaces.jsonl", c.jsonl(2), records=2)
    # 7. encodings that lie: a Shift_JIS page declaring UTF-8, a file mixing UTF-8 and Shift_JIS, lone surrogates
    page = "<html><head><meta charset=utf-8></head><body><p>" + c.doc() + "</p></body></html>"
    c.write("lying-charset.html", page.encode("cp932"), records=1)
    c.write("mixed-encoding.txt", (c.doc() + "\n").encode() + (c.doc() + "\n").encode("cp932"), records=1)
    c.write("surrogates.jsonl", b'{"text":"\\ud800' + c.doc().encode() + b'\\udc00"}\n', records=1)
    # 8. files that are not what their name says
    c.write("not-gzip.jsonl.gz", c.jsonl(1), records=1, reasons=["open-error"])
    trunc = gz(c.jsonl(3000))
    c.write("truncated.jsonl.gz", trunc[: len(trunc) // 2], min_records=2, reasons=["read-error"])
    c.write("empty.jsonl", b"", records=1, reasons=["empty-file"])
    c.write("binary.txt", bytes(rng.randrange(256) for _ in range(4096)), records=1)
    # 9. subtitles with faults: the cues that parse make the document, the file's bad timestamps one quarantine record
    c.write("bad-times.srt", ("1\n00:00:01,000 --> 00:00:0X,000\n" + c.doc() + "\n\n2\nnot a time\n"
                              + c.doc() + "\n\n").encode(), records=2, reasons=["bad-timestamp"])
    cues = 1_000_000 if big else 20_000
    vtt = io.StringIO("WEBVTT\n\n")
    for i in range(cues):
        vtt.write(f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000 --> {i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.500\n"
                  f"{c.text[i % len(c.text)]}\n\n")
    c.write("many-cues.vtt", vtt.getvalue().encode(), records=1)
    # 10. personal data in records the reader quarantines: the quarantine must show it masked, as the corpus does
    personal = "連絡先は " + SECRETS[0] + " または ０９０-１２３４-５６７８ まで。カード " + SECRETS[2] + "。"
    c.write("personal.jsonl", ('{"text": "' + personal + '"\n{"body": "' + personal + '"}\n'
                               + json.dumps({"text": personal + c.doc()}, ensure_ascii=False) + "\n").encode(),
            records=3, reasons=["malformed-json", "missing-text"])
    # 11. paths that are not files: a FIFO, a link loop, a link to nothing
    os.mkfifo(os.path.join(c.root, "pipe.jsonl"))
    c.expect("pipe.jsonl", records=1, reasons=["not-a-regular-file"])
    os.makedirs(os.path.join(c.root, "dir"), exist_ok=True)
    c.write("dir/inner.jsonl", c.jsonl(1), records=1)
    os.symlink("..", os.path.join(c.root, "dir", "loop"))
    c.expect("dir/loop", records=1, reasons=["symlink-loop"])
    os.symlink("nowhere.jsonl", os.path.join(c.root, "dangling.jsonl"))
    c.expect("dangling.jsonl", records=1, reasons=["dangling-link"])
    # 12. issue 27: real-world variance. A WARC whose odd records each cost themselves only: brotli, zlib and raw
    # deflate, a bad date, no record id, an unknown coding, a payload that is not the brotli it says
    page = ("<html><head><title>猫</title></head><body><p>" + "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。" * 2
            + "</p></body></html>").encode()
    date = "WARC-Date: 2024-05-18T00:00:00Z\r\n"
    rid = lambda n: f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
    zl = zlib.compressobj(6, zlib.DEFLATED, 15)
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    c.write("variance.warc", warc_record(rid(1) + date, "", page)
            + warc_record(rid(2) + date, "Content-Encoding: br\r\n", base64.b64decode(PAGE_BROTLI))
            + warc_record(rid(3) + date, "Content-Encoding: deflate\r\n", zl.compress(page) + zl.flush())
            + warc_record(rid(4) + date, "Content-Encoding: deflate\r\n", raw.compress(page) + raw.flush())
            + warc_record(rid(5) + "WARC-Date: yesterday\r\n", "", page)
            + warc_record(date, "", page)
            + warc_record(rid(7) + date, "Content-Encoding: compress\r\n", page)
            + warc_record(rid(8) + date, "Content-Encoding: br\r\n", ("not brotli " + SECRETS[0]).encode())
            + warc_record(rid(9) + date, "", page), records=9,
            reasons=["bad-warc-header", "unsupported-content-encoding", "bad-payload"])
    # an ARC file (the format before WARC): its header record and one page
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + page
    desc = b"1 1 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    c.write("old.arc", b"filedesc://old.arc 0.0.0.0 20050614070144 text/plain " + str(len(desc)).encode() + b"\n" + desc
            + b"\nhttp://a.example/neko 127.0.0.1 20050614070151 text/html " + str(len(http)).encode() + b"\n" + http
            + b"\n", records=2, clean=True)
    # pages that only mention a feed are pages; a feed whose items hold escaped feeds, a dozen deep
    c.write("widget.html", ("<html><body><feedback-widget>評価</feedback-widget><!-- <rss> --><p>" + c.doc()
                            + "</p></body></html>").encode(), records=1, clean=True)
    inner = "<p>" + c.doc() + "</p>"
    for _ in range(12):
        inner = ("<rss><channel><item><description>" + inner.replace("&", "&amp;").replace("<", "&lt;")
                 .replace(">", "&gt;") + "</description></item></channel></rss>")
    c.write("nested-feeds.rss", inner.encode(), records=1, clean=True)
    # classic Mac OS line ends: three records, not one
    c.write("mac.tsv", "".join(f"r{i}\t{c.doc()}\r" for i in range(3)).encode(), records=3, clean=True)
    # text built to make a pattern backtrack or recurse: an Aozora book with an unterminated annotation, a page
    # with a long a:b:c: run and a.b.c@ run (the pii stage's IPv6 and e-mail patterns), subtitles of unclosed tags
    c.write("unterminated.txt", ("題\n著者\n\n" + c.doc() + "［＃" + "あ" * 200_000 + "\n" + c.doc()
                                 + "\n\n底本：「題」\n").encode(), records=1, clean=True)
    c.write("runs.jsonl", (json.dumps({"text": c.doc() + " 1:" + "a:" * 150_000 + " " + "b." * 100_000 + "@x "
                                               + c.doc()}) + "\n").encode(), records=1, clean=True)
    c.write("unclosed.srt", ("1\n00:00:01,000 --> 00:00:02,000\n" + "<" * 300_000 + c.doc() + "\n").encode(),
            records=1, clean=True)
    c.write("unclosed.vtt", ("WEBVTT\n\n00:01.000 --> 00:02.000\n" + "<v" * 150_000 + "\n\n00:03.000 --> 00:04.000\n"
                             + c.doc() + "\n").encode(), records=1, clean=True)
    # personal data in metadata (title, url, licence, an attribute) and across a quarantine excerpt's cut
    c.write("metadata.jsonl", (json.dumps({"text": c.doc(), "title": "連絡 " + SECRETS[0],
                                           "url": "https://a.example/?tel=" + SECRETS[1], "license": SECRETS[2],
                                           "author": "山田 " + SECRETS[1]}, ensure_ascii=False) + "\n"
                               + '{"text": "' + "あ" * 990 + "カード " + SECRETS[2] + " " + "い" * 600 + "\n").encode(),
            records=2, reasons=["malformed-json"])

    # 12b. issue 31: every compression's bomb and damaged later stream, Parquet and PDF that are not, a PDF bomb
    bomb_line = c.jsonl(1) + b'{"text": "' + b"a" * (64 << 20) + b'"}\n' + c.jsonl(1)
    c.write("bomb.jsonl.bz2", bz2.compress(bomb_line, 9), records=3, reasons=["record-too-large"])
    c.write("bomb.jsonl.xz", lzma.compress(bomb_line), records=3, reasons=["record-too-large"])
    whole = lzma.compress(c.jsonl(4))
    c.write("damaged-stream.jsonl.xz", whole + whole[: len(whole) // 2], records=5, reasons=["read-error"])
    whole = bz2.compress(c.jsonl(4))
    c.write("damaged-stream.jsonl.bz2", whole + whole[: len(whole) // 2], records=5, reasons=["read-error"])
    c.write("not-really.parquet", b"PAR1" + rng.randbytes(4000) + b"PAR1", records=1, reasons=["open-error"])
    c.write("not-really.pdf", b"%PDF-1.7\n" + rng.randbytes(4000), records=1, reasons=["damaged-pdf"])
    c.write("bomb.pdf", pdf_with_content(zlib.compress(b" " * (256 << 20), 9)), records=1,
            reasons=["record-too-large"])

    # 12c. issue 42: Parquet whose metadata claims what it does not hold (a list of two billion row groups, a column
    # chunk of a terabyte, a page of 2 GB, a bit-packed run of a billion levels), nests 100,000 deep (schema, Thrift),
    # or holds a damaged page: the file or the row group is quarantined, and the row groups after it are read
    first, second = c.rng.sample(c.text, 2), c.rng.sample(c.text, 2)
    c.write("claims/huge-list.parquet", parquet_file([parquet_group(first)], row_groups_claim=2**31 - 2), records=1,
            reasons=["open-error"])
    c.write("claims/huge-chunk.parquet", parquet_file([parquet_group(first), parquet_group(second)],
                                                      chunk_claims={0: (10, 2**40)}),
            records=3, reasons=["damaged-row-group"])
    body = plain(first)
    gz_body = gz(body)
    good_page = data_page(2, gz_body, uncompressed=len(body))
    c.write("claims/huge-page.parquet", parquet_file([(2, data_page(2, gz_body, uncompressed=2**31 - 1)),
                                                      (2, good_page)], codec=2,
                                                     chunk_claims={1: (len(good_page) - len(gz_body) + len(body),
                                                                       len(good_page))}),
            records=3, reasons=["damaged-row-group"])
    levels = varint((2**27 << 1) | 1) + b"\x01"
    c.write("claims/huge-run.parquet", parquet_file([(2, data_page(2, struct.pack("<I", len(levels)) + levels + body)),
                                                     parquet_group(second, optional=True)], optional=True),
            records=3, reasons=["damaged-row-group"])
    deep = ([thrift((4, BINARY, b"schema"), (5, I32, 1))] + [thrift((3, I32, 1), (4, BINARY, b"g"), (5, I32, 1))] * 100_000
            + [thrift((1, I32, 6), (3, I32, 1), (4, BINARY, b"text"), (6, I32, 0))])
    c.write("claims/deep-schema.parquet", parquet_file([parquet_group(first)], schema=deep), records=1,
            reasons=["open-error"])
    nested = bytes([0x0C]) + zigzag(99) + b"\x1c" * 100_000 + b"\x00" * 100_002  # an unknown field, 100,000 deep
    c.write("claims/deep-thrift.parquet", parquet_file([parquet_group(first)], footer=nested), records=1,
            reasons=["open-error"])
    c.write("claims/damaged-page.parquet", parquet_file([(2, b"\x15\xff\xff\xff\xff\x0f" + b"\x99" * 40),
                                                        parquet_group(second)]), records=3,
            reasons=["damaged-row-group"])

    # 12d. issue 42/48: compressed streams whose headers ask for memory: a zstd frame's window (16 frames filling
    # 64 MiB windows must not hold 16 windows: fuzz.sh measures the reader's memory on it; a 2 GiB window is refused), an xz stream's 1.5 GiB dictionary
    c.write("claims/many-windows.jsonl.zst",
            b"".join(zstd_frame(c.jsonl(1)[:-1], 26, 1 << 26, b"\n") for _ in range(WINDOW_FRAMES)),
            records=WINDOW_FRAMES, reasons=["record-too-large"])
    c.write("claims/huge-window.jsonl.zst", zstd_frame(c.jsonl(1), 20) + zstd_frame(c.jsonl(1), 31), records=2,
            reasons=["read-error"])
    c.write("claims/huge-dictionary.jsonl.xz", lzma.compress(c.jsonl(1)) + xz_claiming_dictionary(c.jsonl(1), 37),
            records=2, reasons=["read-error"])
    # 12e. issue 42: URLs of 200,000 host labels and path segments, through the URL filter (lists/domains.txt)
    os.makedirs(os.path.join(out, "lists"), exist_ok=True)
    with open(os.path.join(out, "lists", "domains.txt"), "w") as f:
        f.write("casino.example\n")
    long_url = lambda host: "http://" + "a." * 200_000 + host + "/b" * 200_000 + "/" * 100_000
    c.write("claims/long-urls.jsonl", (json.dumps({"text": c.doc(), "url": long_url("casino.example")}) + "\n"
                                       + json.dumps({"text": c.doc(), "url": long_url("example.org")}) + "\n").encode(),
            records=2, clean=True)
    # 12f. issue 42: PDFs whose drawing never ends: a form that draws itself twice, two forms that draw each other
    # twice, and forms that each draw the next twice (2^40 drawings without a cycle). A form that draws itself once is
    # read (PDFBox stops at 25 levels)
    hello = b"BT /F 12 Tf 72 720 Td (Hello from the page) Tj ET "
    c.write("claims/self-drawing.pdf", pdf_forms([b"/X0 Do /X0 Do " + hello], hello + b"/X0 Do"), records=1,
            reasons=["record-too-large"])
    c.write("claims/drawing-cycle.pdf", pdf_forms([b"/X1 Do /X1 Do", b"/X0 Do /X0 Do"], hello + b"/X0 Do"),
            records=1, reasons=["record-too-large"])
    c.write("claims/self-drawing-once.pdf", pdf_forms([b"/X0 Do " + hello], hello + b"/X0 Do"), records=1,
            clean=True)
    c.write("claims/drawing-doubling.pdf", pdf_forms([b"/X%d Do /X%d Do " % (i + 1, i + 1) for i in range(40)]
                                                     + [hello], b"/X0 Do"), records=1, reasons=["record-too-large"])
    # 12g. issue 42: personal data in ids (user-generated datasets carry them): kept, under a pseudonym
    c.write("personal-ids.jsonl", (json.dumps({"id": "user-" + SECRETS[0], "text": c.doc()}) + "\n"
                                   + json.dumps({"id": "tel:" + SECRETS[1], "text": c.doc()}) + "\n").encode(),
            records=2, clean=True)
    # 13. many small files, one record each
    small = 20_000 if big else 300
    for i in range(small):
        c.write(f"small/{i:05d}.jsonl", c.jsonl(1), records=1)
    # 14. huge/, read with a larger max_record_bytes: a record over Jackson's default string limit (20 M
    # characters, with --big) or a smaller one
    c.write("huge/record.jsonl", json.dumps({"text": "あ" * (21_000_000 if big else 2_000_000)},
                                            ensure_ascii=False).encode() + b"\n",
            records=1)

    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": seed, "big": big, "max_record_bytes": limit, "huge_max_record_bytes": 96 << 20,
                   "secrets": SECRETS,
                   "files": c.expected}, f, ensure_ascii=False, indent=1, sort_keys=True)
    return c.expected


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    p.add_argument("--big", action="store_true")
    a = p.parse_args()
    expected = build(a.out, a.seed, a.big)
    print(f"make-hostile-inputs: {len(expected)} paths in {a.out}/inputs and {a.out}/huge, "
          f"expectations in {a.out}/expected.json")


if __name__ == "__main__":
    main()
