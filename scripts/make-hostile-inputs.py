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
import gzip
import io
import json
import os
import random
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRETS = ["taro.yamada@example.co.jp", "090-1234-5678", "4111 1111 1111 1111"]


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

    def write(self, name, data, records=None, min_records=None, reasons=()):
        """Writes inputs/NAME (or NAME itself when it starts with huge/)."""
        path = os.path.join(self.out if name.startswith("huge/") else self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.expect(name, records, min_records, reasons)

    def expect(self, name, records=None, min_records=None, reasons=()):
        e = {"reasons": sorted(set(reasons))}
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
    # 12. many small files, one record each
    small = 20_000 if big else 300
    for i in range(small):
        c.write(f"small/{i:05d}.jsonl", c.jsonl(1), records=1)
    # 13. huge/, read with a larger max_record_bytes: a record over Jackson's default string limit (20 M
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
