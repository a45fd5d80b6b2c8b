#!/usr/bin/env python3
"""Row groups, pages and indexes of a corpus's shards, and what streaming them costs (issue 13):

  .venv-interop/bin/python scripts/shard-layout.py OUT      (scripts/interop-check.sh installs that venv)

Per shard: rows, row groups, rows and bytes per row group (compressed on disk and uncompressed), which columns have
statistics, page indexes and bloom filters; then one streaming pass per shard with pyarrow's iter_batches (one row
group at a time, as datasets' streaming mode reads) and with datasets streaming, with the peak resident memory.
"""
import json
import os
import resource
import sys
import time

import pyarrow.parquet as pq


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(out):
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    for entry in manifest["shards"]:
        path = os.path.join(out, entry["path"])
        meta = pq.ParquetFile(path).metadata
        groups = [meta.row_group(i) for i in range(meta.num_row_groups)]
        comp = [sum(g.column(c).total_compressed_size for c in range(g.num_columns)) for g in groups]
        raw = [g.total_byte_size for g in groups]
        first = groups[0]
        names = [first.column(c).path_in_schema for c in range(first.num_columns)]
        stats = [n for c, n in enumerate(names) if first.column(c).is_stats_set]
        index = [n for c, n in enumerate(names) if first.column(c).has_column_index]
        bloom = [n for c, n in enumerate(names) if getattr(first.column(c), "bloom_filter_offset", None)]
        print(f"{entry['path']}: {meta.num_rows} rows, {entry['tokens']} tokens, {os.path.getsize(path) / 2**20:.1f} MiB, "
              f"{meta.num_row_groups} row groups: rows {min(g.num_rows for g in groups)}..{max(g.num_rows for g in groups)}, "
              f"on disk {min(comp) / 2**20:.1f}..{max(comp) / 2**20:.1f} MiB, "
              f"uncompressed {min(raw) / 2**20:.1f}..{max(raw) / 2**20:.1f} MiB")
        print(f"  statistics on {len(stats)} of {len(names)} columns (not: {sorted(set(names) - set(stats))}); "
              f"page index on {len(index)}; bloom filters on {bloom if bloom else 'see footer'}")
    start, rows = time.time(), 0
    for entry in manifest["shards"]:
        for batch in pq.ParquetFile(os.path.join(out, entry["path"])).iter_batches(batch_size=1 << 30):
            rows += batch.num_rows
    print(f"pyarrow iter_batches (row group by row group): {rows} rows in {time.time() - start:.1f} s, "
          f"peak RSS {rss_mib():.0f} MiB")
    import datasets
    start, rows = time.time(), 0
    stream = datasets.load_dataset("parquet", data_files=[os.path.join(out, e["path"]) for e in manifest["shards"]],
                                   split="train", streaming=True)
    for _ in stream:
        rows += 1
    print(f"datasets streaming: {rows} rows in {time.time() - start:.1f} s, peak RSS {rss_mib():.0f} MiB")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
