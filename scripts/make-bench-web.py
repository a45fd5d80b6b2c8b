#!/usr/bin/env python3
"""More generated web pages than the shared works hold, for the cold series (BENCHMARKS 19).

  scripts/make-bench-web.py TOOL --out DIR --pages N [any other make_bench_warc.py option]

TOOL is ../shared/tools/make_bench_warc.py. It turns each Aozora work into pages and runs out of works at 42,453
pages (default page sizes). This wrapper hands it the works again and again, as "editions": edition 0 is the works
unchanged, so the first pages are byte-identical to TOOL's own output with the same options; edition e >= 1 is every
work with the same title, author, header and paragraph lengths, its paragraphs refilled with clauses (text up to and
including 。！？ or 、) drawn from a shuffle of all the works' clauses, seeded by e.

Why clauses: a later edition must not repeat an earlier one, or dedup and substring-dedup would drop it and the
kept text would stop growing with the input. Clauses are short (few reach 100 characters, the substring-dedup
threshold), so a refilled page shares no paragraph, line or long span with another; the characters, their classes
and the sentence ends stay those of real prose, which is what the filters measure. The text no longer reads as
prose: it is for timing, not for evaluating a filter.
"""
import importlib.util
import random
import re
import sys

CLAUSE = re.compile(r"[^。！？、]*[。！？、]|[^。！？、]+$")


def load_tool(path):
    spec = importlib.util.spec_from_file_location("make_bench_warc", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def body_start(work, lines):
    header = work.get("header_lines") or []
    return len(header) if header and lines[:len(header)] == header else 0


def editions(original_works, seed):
    works = list(original_works())
    yield from works
    clauses = []
    for work in works:
        lines = work["text"].replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for line in lines[body_start(work, lines):]:
            clauses.extend(CLAUSE.findall(line.rstrip()))
    edition = 0
    while True:
        edition += 1
        shuffled = clauses[:]
        random.Random(seed * 1000 + edition).shuffle(shuffled)
        feed = iter(shuffled)
        for work in works:
            lines = work["text"].replace("\r\n", "\n").replace("\r", "\n").split("\n")
            start = body_start(work, lines)
            body = []
            for line in lines[start:]:
                want, filled = len(line.rstrip()), []
                size = 0
                while size < want:
                    clause = next(feed, None)
                    if clause is None:  # every clause used once: start the shuffle again
                        feed = iter(shuffled)
                        clause = next(feed)
                    filled.append(clause)
                    size += len(clause)
                body.append("".join(filled))
            copy = dict(work)
            copy["id"] = "%s-e%d" % (work["id"], edition)
            copy["text"] = "\n".join(lines[:start] + body)
            yield copy


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit("usage: scripts/make-bench-web.py TOOL --out DIR --pages N [make_bench_warc.py options]")
    tool = load_tool(sys.argv[1])
    args = sys.argv[2:]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 20240518
    original_works = tool.works
    tool.works = lambda: editions(original_works, seed)
    sys.argv = [sys.argv[1]] + args
    return tool.main()


if __name__ == "__main__":
    sys.exit(main())
