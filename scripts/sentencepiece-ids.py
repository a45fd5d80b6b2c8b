#!/usr/bin/env python3
"""The reference ids: Debian's python3-sentencepiece (the C++ library's own Python binding) encoding standard input,
so that corpusforge's tokenizer can be compared with it.

  python3 scripts/sentencepiece-ids.py --model conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model < lines.txt
  python3 scripts/sentencepiece-ids.py --model M --jsonl < documents.jsonl     # one {"text": ...} per line

Prints one line of space-separated ids per input line or document, the format of `corpusforge tokenize`.
"""
import argparse
import json
import sys

import sentencepiece


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="a SentencePiece .model file")
    parser.add_argument("--jsonl", action="store_true", help="input lines are JSON objects with a text field")
    args = parser.parse_args()
    sp = sentencepiece.SentencePieceProcessor(model_file=args.model)
    stdin = open(sys.stdin.fileno(), encoding="utf-8", newline="\n")
    out = sys.stdout
    for line in stdin:
        line = line[:-1] if line.endswith("\n") else line
        text = json.loads(line)["text"] if args.jsonl else line
        out.write(" ".join(str(i) for i in sp.encode(text)) + "\n")


if __name__ == "__main__":
    main()
