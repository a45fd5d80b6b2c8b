#!/usr/bin/env python3
"""Checks the source readers on the real third-party files in ../shared/data (never copied into the repo) and
prints a Markdown report (EVALUATION.md, section "Sources"):

  python3 scripts/eval-sources.py [DATA_DIR]        # DATA_DIR defaults to ../shared/data

1. legacy-encoded Japanese feeds (chardet's test files): is each decoded with the encoding its directory names,
   without replacement characters, and does the text contain kana?
2. Common Crawl and AI2 WARC samples (Chinese, Russian, German, Dutch, English pages): charsets found,
   replacement characters, Cyrillic in the windows-1251 pages;
3. the 189 raw Aozora Bunko files through the aozora stage: is any markup, header or footer left?
4. the ITA and ReazonSpeech transcripts: how many come through.
It runs `scripts/corpusforge inspect`, which reads files exactly as a run does.
"""
import collections
import json
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data"))
CF = os.path.join(REPO, "scripts", "corpusforge")
EXPECTED = {"SHIFT_JIS": "windows-31j", "CP932": "windows-31j", "EUC-JP": "EUC-JP", "iso-2022-jp": "ISO-2022-JP"}
KANA = re.compile(r"[\u3041-\u30ff]")


def inspect(paths, config=None, chars=100_000_000):
    cmd = [CF, "inspect", "--chars", str(chars)] + (["--config", config] if config else []) + paths
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main():
    print("## Sources (issue 3)\n")
    print("Command: `python3 scripts/eval-sources.py %s`\n" % os.path.relpath(DATA, REPO))

    feeds = os.path.join(DATA, "web", "japanese_feeds_legacy_encodings")
    print("### Legacy-encoded Japanese feeds and snippets\n")
    print("| directory | files | decoded with the expected charset | how decided | with U+FFFD | with kana |")
    print("|---|---|---|---|---|---|")
    misses = []
    for d in sorted(os.listdir(feeds)):
        recs = inspect([os.path.join(feeds, d, "*")])  # a glob: directory listings skip names starting with _
        ok = [r for r in recs if r.get("charset") == EXPECTED[d]]
        how = collections.Counter(r.get("charset_source") for r in recs)
        bad = [r for r in recs if r.get("replacement_chars")]
        kana = [r for r in recs if KANA.search(r.get("text") or "")]
        misses += [(d, os.path.basename(r["file"]), r.get("charset"), r.get("charset_source")) for r in recs if r not in ok]
        print("| %s | %d | %d | %s | %d | %d |" % (d, len(recs), len(ok), dict(how), len(bad), len(kana)))
    if misses:
        print("\nNot decoded with the directory's charset: " + "; ".join("%s/%s as %s (%s)" % m for m in misses))

    print("\n### Crawl samples (WARC)\n")
    print("| file | records | kept | dropped (reason) | quarantined | charsets of kept pages | with U+FFFD |")
    print("|---|---|---|---|---|---|---|")
    cyrillic = []
    for path in ["web/commoncrawl/resiliparse-CC-MAIN-2020-34-sample.warc.gz", "web/commoncrawl/whirlwind.warc.gz",
                 "web/commoncrawl/whirlwind.warc.wet.gz", "web/commoncrawl/jwarc-cc.warc.gz",
                 "web/other_warc/dolma-sample-0000.warc.gz"]:
        recs = inspect([os.path.join(DATA, path)])
        kept = [r for r in recs if r["status"] == "kept"]
        dropped = collections.Counter(r["reason"] for r in recs if r["status"] == "dropped")
        quarantined = collections.Counter(r["reason"] for r in recs if r["status"] == "quarantined")
        charsets = collections.Counter("%s/%s" % (r["charset"], r["charset_source"]) for r in kept)
        bad = sum(1 for r in kept if r.get("replacement_chars"))
        cyrillic += [r for r in kept if r["charset"] == "windows-1251"]
        print("| %s | %d | %d | %s | %s | %s | %d |" % (os.path.basename(path), len(recs), len(kept), dict(dropped),
                                                       dict(quarantined) or 0, dict(charsets), bad))
    with_cyr = sum(1 for r in cyrillic if re.search(r"[\u0400-\u04ff]{5}", r["text"]))
    print("\nwindows-1251 pages with Cyrillic words in the text: %d of %d." % (with_cyr, len(cyrillic)))

    print("\n### Raw Aozora Bunko files through the `aozora` stage\n")
    recs = inspect([os.path.join(DATA, "aozora", "raw_sjis")], config="conf/sample.yaml")
    files = [r for r in recs if r["source"] == "book"]
    txt = [r for r in recs if r["file"].endswith(".txt")]
    missed = sorted({os.path.basename(r["file"]) for r in txt if r["source"] != "book"})
    print("%d of %d `.txt` files were recognised as Aozora from their first 16 KB; not recognised (read as plain "
          "text, header and footer kept; `aozora:PATH` forces the format): %s.\n" % (
              len({r["file"] for r in txt}) - len(missed), len({r["file"] for r in txt}), missed or "none"))
    left = collections.Counter()
    for r in files:
        t = r.get("text") or ""
        for mark in ["《", "》", "［＃", "[#", "｜", "底本：", "【テキスト中に現れる記号について】", "青空文庫"]:
            if mark in t:
                left[mark] += 1
    statuses = collections.Counter(r["status"] for r in files)
    charsets = collections.Counter("%s/%s" % (r.get("charset"), r.get("charset_source")) for r in files)
    print("%d files: %s; charsets %s." % (len(files), dict(statuses), dict(charsets)))
    print("Files with markup, header or footer left after the stage: %s." % (dict(left) or "none"))
    print("(The check runs on the text after the sample config's stages, `normalize` included, so `[#` catches "
          "annotations that NFKC reached.)")

    print("\n### Transcripts\n")
    ita_path = os.path.join(DATA, "speech_transcripts", "ita-corpus", "recitation_transcript_utf8.txt")
    ita = subprocess.run([CF, "inspect", "--config", "/dev/stdin", ita_path],
                         input="input_defaults: {source: transcript, text: {unit: line, line_pattern: "
                               "'^(?<id>[^:]+):(?<text>[^,]+),'}}\ninputs: [{path: x}]\n",
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    ita = [json.loads(l) for l in ita.splitlines() if l.strip()]
    print("ITA corpus (`ID:text,reading` lines, read with `text.line_pattern`): %s; first: %s = %s." % (
        dict(collections.Counter(r["status"] for r in ita)), ita[0]["id"], ita[0]["text"]))
    reazon = subprocess.run([CF, "inspect", "--config", "/dev/stdin",
                             os.path.join(DATA, "speech_transcripts", "reazonspeech-test-transcripts", "transcripts.txt")],
                            input="input_defaults: {format: tsv, transcript: {delimiter: ', '}}\ninputs: [{path: x}]\n",
                            cwd=REPO, check=True, capture_output=True, text=True).stdout
    reazon = [json.loads(l) for l in reazon.splitlines() if l.strip()]
    print("ReazonSpeech test transcripts read as `tsv` with `delimiter: ', '`: %s; ids %s." % (
        dict(collections.Counter(r["status"] for r in reazon)), [r["id"] for r in reazon]))


if __name__ == "__main__":
    main()
