#!/usr/bin/env python3
"""Loads a finished corpus with each reader model teams use and compares what it saw with the manifest.

  python3 scripts/interop-check.py OUT        (scripts/interop-check.sh OUT installs the readers first)

Readers: pyarrow, DuckDB, Polars, pandas, Hugging Face datasets (load_dataset(OUT), which follows the dataset
card's configs, and load_dataset("parquet", data_files=..., streaming=True)) and, when the corpus has Megatron
files, the numpy reader of Megatron's layout (scripts/read-megatron.py). Each prints one line with the rows and
tokens it saw; each must see every row of the manifest, the same token total, and every signal and attribute of
the manifest's shard_schema as a field it can name (row["signals"]["char_count"], signals.char_count in SQL).
Exits 0 when every reader agrees, 1 naming each one that failed or disagreed.
"""
import importlib.util
import json
import os
import sys
import tempfile
import traceback

# never ask the Hub: these machines reach no public host, and a local corpus needs none
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def main(out):
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    shards = [os.path.join(out, s["path"]) for s in manifest["shards"]]
    rows = manifest["totals"]["kept"]
    tokens = manifest["totals"]["tokens"]
    schema = manifest.get("shard_schema") or {}
    signals, attributes = schema.get("signals", []), schema.get("attributes", [])
    expected = Expected(rows, tokens, signals, attributes)
    print(f"interop: manifest: {rows} rows, {tokens} tokens, {len(shards)} shards, "
          f"{len(signals)} signals, {len(attributes)} attributes")
    failures = []
    for name, reader in READERS:
        if name == "megatron" and not manifest.get("megatron"):
            continue
        try:
            seen_rows, seen_tokens, note = reader(out, shards, expected, manifest)
            problems = expected.compare(seen_rows, seen_tokens)
            print(f"interop: {name}: {seen_rows} rows, {seen_tokens} tokens{note}"
                  + ("" if not problems else " -- DISAGREES: " + "; ".join(problems)))
            if problems:
                failures.append(name)
        except Exception as e:  # one line per reader; the trace goes to stderr
            traceback.print_exc(file=sys.stderr)
            print(f"interop: {name}: FAILED: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
            failures.append(name)
    if failures:
        print("interop: FAIL: " + ", ".join(failures))
        return 1
    print("interop: OK: every reader saw every row and token of the manifest")
    return 0


class Expected:
    def __init__(self, rows, tokens, signals, attributes):
        self.rows, self.tokens, self.signals, self.attributes = rows, tokens, signals, attributes

    def compare(self, rows, tokens):
        problems = []
        if rows != self.rows:
            problems.append(f"rows {rows}, manifest {self.rows}")
        if (self.tokens or 0) != (tokens or 0):
            problems.append(f"tokens {tokens}, manifest {self.tokens}")
        return problems

    def check_fields(self, reader, names_of_signals, names_of_attributes):
        """The struct columns must carry exactly the manifest's fields, by name."""
        if list(names_of_signals) != self.signals:
            raise AssertionError(f"{reader}: signals fields {list(names_of_signals)}, manifest {self.signals}")
        if list(names_of_attributes) != self.attributes:
            raise AssertionError(f"{reader}: attributes fields {list(names_of_attributes)}, manifest {self.attributes}")

    def check_row(self, reader, row):
        """A row is a mapping in which every signal and attribute is a key of its struct (None when absent)."""
        for column, names in (("signals", self.signals), ("attributes", self.attributes)):
            if names:
                missing = [n for n in names if n not in row[column]]
                if missing:
                    raise AssertionError(f"{reader}: row {row['id']} has no {column} fields {missing}")
        if self.signals and not any(v is not None for v in row["signals"].values()):
            raise AssertionError(f"{reader}: row {row['id']} has no signal value at all")


def read_pyarrow(out, shards, expected, manifest):
    import pyarrow
    import pyarrow.compute
    import pyarrow.dataset
    table = pyarrow.dataset.dataset(shards, format="parquet").to_table()
    t = table.schema.field("token_count").type
    if manifest.get("tokenizer") and t != pyarrow.int64():
        raise AssertionError(f"token_count is {t}, not int64")
    if expected.signals:
        expected.check_fields("pyarrow", [f.name for f in table.schema.field("signals").type],
                              [f.name for f in table.schema.field("attributes").type] if expected.attributes else [])
    total = pyarrow.compute.sum(table["token_count"]).as_py()
    return table.num_rows, total, f", token_count {t}"


def read_duckdb(out, shards, expected, manifest):
    import duckdb
    con = duckdb.connect()
    files = "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in shards) + "]"
    n, total = con.execute(f"SELECT count(*), sum(token_count) FROM read_parquet({files})").fetchone()
    note = ""
    if expected.signals:
        first = expected.signals[0]
        (present,) = con.execute(f'SELECT count(signals."{first}") FROM read_parquet({files})').fetchone()
        note = f", signals.{first} in {present} rows"
        if present == 0:
            raise AssertionError(f"signals.{first} is null everywhere")
    return n, None if total is None else int(total), note


def read_polars(out, shards, expected, manifest):
    import polars
    frame = polars.scan_parquet(shards).select(
        polars.len().alias("rows"), polars.col("token_count").sum().alias("tokens")).collect()
    schema = polars.scan_parquet(shards).collect_schema()
    if manifest.get("tokenizer") and schema["token_count"] != polars.Int64:
        raise AssertionError(f"token_count is {schema['token_count']}: its sum would wrap at 2^31")
    if expected.signals:
        expected.check_fields("polars", [f.name for f in schema["signals"].fields],
                              [f.name for f in schema["attributes"].fields] if expected.attributes else [])
    tokens = frame["tokens"][0]
    return frame["rows"][0], tokens if manifest.get("tokenizer") else None, f", sum in {frame['tokens'].dtype}"


def read_pandas(out, shards, expected, manifest):
    import pandas
    frame = pandas.concat([pandas.read_parquet(s) for s in shards], ignore_index=True)
    if expected.signals:
        expected.check_row("pandas", frame.iloc[0].to_dict())
    total = int(frame["token_count"].sum()) if manifest.get("tokenizer") else None
    return len(frame), total, ""


def read_datasets(out, shards, expected, manifest):
    import datasets
    with tempfile.TemporaryDirectory() as cache:
        corpus = datasets.load_dataset(out, split="train", cache_dir=cache)
        rows = corpus.num_rows
        total = sum(t for t in corpus["token_count"] if t is not None) if manifest.get("tokenizer") else None
        if expected.signals:
            expected.check_row("datasets", corpus[0])
            if expected.signals[0] not in corpus.features["signals"]:
                raise AssertionError("features have no signals." + expected.signals[0])
        return rows, total, f", load_dataset(OUT) with the card's configs, datasets {datasets.__version__}"


def read_datasets_streaming(out, shards, expected, manifest):
    import datasets
    stream = datasets.load_dataset("parquet", data_files=shards, split="train", streaming=True)
    rows, total = 0, 0
    for row in stream:
        if rows == 0 and expected.signals:
            expected.check_row("datasets streaming", row)
        rows += 1
        total += row["token_count"] or 0
    return rows, total if manifest.get("tokenizer") else None, ", load_dataset(\"parquet\", streaming=True)"


def read_megatron(out, shards, expected, manifest):
    spec = importlib.util.spec_from_file_location(
        "read_megatron", os.path.join(os.path.dirname(os.path.abspath(__file__)), "read-megatron.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("sentencepiece", type(sys)("sentencepiece"))  # the reader alone needs numpy only
    spec.loader.exec_module(module)
    meg = manifest["megatron"]
    prefixes = [os.path.join(out, f["path"])[:-4] for f in meg["files"] if f["path"].endswith(".idx")]
    rows, total = 0, 0
    eod = 1 if meg.get("eod_id") is not None else 0
    for prefix in prefixes:
        for _, doc in module.documents(prefix):
            rows += 1
            total += len(doc) - eod
    return rows, total, f", {len(prefixes)} index files, end-of-document tokens not counted"


READERS = [("pyarrow", read_pyarrow), ("duckdb", read_duckdb), ("polars", read_polars), ("pandas", read_pandas),
           ("datasets", read_datasets), ("datasets-streaming", read_datasets_streaming), ("megatron", read_megatron)]

if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: interop-check.py OUT", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
