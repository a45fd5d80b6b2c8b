#!/usr/bin/env python3
"""Writes the Parquet inputs of ParquetInputTest, as the tools model teams use write them.

  make-parquet-inputs.py OUT_DIR TEXTS.jsonl

OUT_DIR/hf/data/train-0000{0,1}-of-00002.parquet  Hugging Face datasets' to_parquet, a dataset in the Hub's layout
OUT_DIR/disk/data-00000-of-00001.arrow   datasets' save_to_disk (an Arrow IPC stream)
OUT_DIR/arrow/part.parquet   pyarrow: several row groups (3 rows each), a null text, a struct and a list column,
                             an int64 and a double column, zstd pages
OUT_DIR/wrong/int-text.parquet   a text column of int64
OUT_DIR/damaged/cut.parquet      a file cut short (its footer gone)
Texts are the lines of TEXTS.jsonl ({"id", "text"}) in order; OUT_DIR/expected.jsonl lists, per file and row, what
corpusforge must read (file, row, row_group, id, text or null).
"""
import json
import os
import sys

import datasets
import pyarrow as pa
import pyarrow.parquet as pq

out, texts_path = sys.argv[1], sys.argv[2]
rows = [json.loads(line) for line in open(texts_path, encoding="utf-8") if line.strip()]
expected = []

# Hugging Face datasets: two shards of a split, as push_to_hub lays them out
hf_dir = os.path.join(out, "hf", "data")
os.makedirs(hf_dir, exist_ok=True)
half = len(rows) // 2
for shard, part in enumerate([rows[:half], rows[half:]]):
    ds = datasets.Dataset.from_dict({
        "id": [r["id"] for r in part],
        "text": [r["text"] for r in part],
        "url": [f"https://example.org/{r['id']}" for r in part],
        "meta": [{"chars": len(r["text"]), "tags": ["a", "b"]} for r in part],
    })
    name = os.path.join(hf_dir, f"train-{shard:05d}-of-00002.parquet")
    ds.to_parquet(name)
    for i, r in enumerate(part):
        expected.append({"file": name, "row": i, "id": r["id"], "text": r["text"]})

# Hugging Face datasets: save_to_disk, an Arrow IPC stream (not Parquet) beside dataset_info.json and state.json
disk = datasets.Dataset.from_dict({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                                   "meta": [{"chars": len(r["text"])} for r in rows]})
disk_dir = os.path.join(out, "disk")
disk.save_to_disk(disk_dir)
for name in sorted(os.listdir(disk_dir)):
    if name.endswith(".arrow"):
        for i, r in enumerate(rows):
            expected.append({"file": os.path.join(disk_dir, name), "row": i, "batch": 0, "id": r["id"],
                             "text": r["text"]})

# pyarrow: row groups of 3 rows, a null text, nested columns
arrow_dir = os.path.join(out, "arrow")
os.makedirs(arrow_dir, exist_ok=True)
part = rows[:10]
texts = [r["text"] for r in part]
texts[4] = None
table = pa.table({
    "doc_id": pa.array([r["id"] for r in part], pa.string()),
    "content": pa.array(texts, pa.large_string()),
    "nested": pa.array([{"n": i, "names": [f"x{i}", None]} for i in range(len(part))]),
    "count": pa.array(list(range(len(part))), pa.int64()),
    "score": pa.array([i / 4 for i in range(len(part))], pa.float64()),
})
name = os.path.join(arrow_dir, "part.parquet")
pq.write_table(table, name, row_group_size=3, compression="zstd")
for i, r in enumerate(part):
    expected.append({"file": name, "row": i, "row_group": i // 3, "id": r["id"], "text": texts[i]})

wrong_dir = os.path.join(out, "wrong")
os.makedirs(wrong_dir, exist_ok=True)
pq.write_table(pa.table({"text": pa.array([1, 2, 3], pa.int64())}), os.path.join(wrong_dir, "int-text.parquet"))

damaged_dir = os.path.join(out, "damaged")
os.makedirs(damaged_dir, exist_ok=True)
whole = os.path.join(damaged_dir, "whole.parquet")
pq.write_table(pa.table({"text": pa.array([r["text"] for r in rows[:5]])}), whole)
data = open(whole, "rb").read()
os.remove(whole)
open(os.path.join(damaged_dir, "cut.parquet"), "wb").write(data[: len(data) - 20])

with open(os.path.join(out, "expected.jsonl"), "w", encoding="utf-8") as f:
    for e in expected:
        f.write(json.dumps(e, ensure_ascii=False) + "\n")
