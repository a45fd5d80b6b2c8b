#!/usr/bin/env python3
"""Reads a corpus's Megatron-LM files the way Megatron's MMapIndexedDataset does (numpy only) and checks every
document against the Parquet shards' rows, re-tokenised with the reference SentencePiece library.

  scripts/corpusforge show OUT --limit 0 > rows.jsonl
  python3 scripts/read-megatron.py OUT --rows rows.jsonl --model conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model

For each .bin/.idx pair listed in OUT/manifest.json, in order: the index header (MMIDIDX, version 1, dtype code,
sequence and document counts), then sequence lengths (int32), pointers (int64) and document indices (int64) read
with numpy.frombuffer at the offsets Megatron uses, the .bin memory-mapped with numpy.memmap. Document i of the
concatenated pairs must equal sp.encode(text of row i) + [eod] and have token_count + 1 tokens. Exits 0 and prints
"megatron: OK ..." when all match; 1 with the first mismatch otherwise.
"""
import argparse
import json
import os
import struct
import sys

import numpy
import sentencepiece

HEADER = b"MMIDIDX\x00\x00"
DTYPES = {1: numpy.uint8, 2: numpy.int8, 3: numpy.int16, 4: numpy.int32, 5: numpy.int64, 6: numpy.float64,
          7: numpy.float32, 8: numpy.uint16}


class Index:
    """Megatron-LM's _IndexReader, reduced to what an MMIDIDX version 1 file holds."""

    def __init__(self, path):
        with open(path, "rb") as f:
            if f.read(9) != HEADER:
                raise ValueError(path + ": not an MMIDIDX index")
            (version,) = struct.unpack("<Q", f.read(8))
            if version != 1:
                raise ValueError(path + ": version %d" % version)
            (code,) = struct.unpack("<B", f.read(1))
            self.dtype = DTYPES[code]
            (self.sequence_count,) = struct.unpack("<Q", f.read(8))
            (self.document_count,) = struct.unpack("<Q", f.read(8))
            offset = f.tell()
        buffer = memoryview(numpy.memmap(path, mode="r", order="C"))
        self.sequence_lengths = numpy.frombuffer(buffer, dtype=numpy.int32, count=self.sequence_count, offset=offset)
        offset += self.sequence_lengths.nbytes
        self.sequence_pointers = numpy.frombuffer(buffer, dtype=numpy.int64, count=self.sequence_count, offset=offset)
        offset += self.sequence_pointers.nbytes
        self.document_indices = numpy.frombuffer(buffer, dtype=numpy.int64, count=self.document_count, offset=offset)
        if offset + self.document_indices.nbytes != os.path.getsize(path):
            raise ValueError(path + ": %d bytes after the document indices"
                             % (os.path.getsize(path) - offset - self.document_indices.nbytes))


def documents(prefix):
    """Yields each document's tokens, as MMapIndexedDataset.get does."""
    index = Index(prefix + ".idx")
    data = numpy.memmap(prefix + ".bin", mode="r", order="C")
    if index.sequence_count and data.nbytes != index.sequence_pointers[-1] + index.sequence_lengths[-1] * numpy.dtype(index.dtype).itemsize:
        raise ValueError(prefix + ".bin: size does not match its index")
    for d in range(index.document_count - 1):
        for s in range(index.document_indices[d], index.document_indices[d + 1]):
            yield index.dtype, numpy.frombuffer(data, dtype=index.dtype, count=int(index.sequence_lengths[s]),
                                                offset=int(index.sequence_pointers[s]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="a corpus directory with manifest.json")
    parser.add_argument("--rows", required=True, help="`corpusforge show OUT --limit 0` output")
    parser.add_argument("--model", required=True, help="the SentencePiece model the corpus was tokenised with")
    args = parser.parse_args()
    manifest = json.load(open(os.path.join(args.corpus, "manifest.json"), encoding="utf-8"))
    megatron = manifest["megatron"]
    eod = [] if megatron["eod_id"] is None else [megatron["eod_id"]]
    sp = sentencepiece.SentencePieceProcessor(model_file=args.model)
    rows = open(args.rows, encoding="utf-8")
    checked = tokens = 0
    for entry in megatron["files"]:
        if not entry["path"].endswith(".bin"):
            continue
        for dtype, doc in documents(os.path.join(args.corpus, entry["path"][:-4])):
            if numpy.dtype(dtype).name != megatron["dtype"]:
                return fail("%s: %s tokens, manifest says %s" % (entry["path"], numpy.dtype(dtype).name, megatron["dtype"]))
            line = rows.readline()
            if not line:
                return fail("megatron holds more documents than the shards (%d)" % checked)
            row = json.loads(line)
            expected = sp.encode(row["text"]) + eod
            if row["token_count"] + len(eod) != len(doc) or doc.tolist() != expected:
                return fail("document %d (%s): megatron has %d tokens, reference %d, token_count %d"
                            % (checked, row["id"], len(doc), len(expected), row["token_count"]))
            checked += 1
            tokens += len(doc)
    if rows.readline():
        return fail("the shards hold more documents than megatron (%d)" % checked)
    print("megatron: OK: %d documents, %d tokens equal the reference tokenisation of the shards" % (checked, tokens))
    return 0


def fail(message):
    print("megatron: " + message, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
