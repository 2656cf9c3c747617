"""Fuzzy duplicate matching, indexed: N incoming rows against M organizations, and what blocking loses.

    PYTHONPATH=src .venv/bin/python -m bench.names [--directory 100000] [--rows 100000] [--sample 500]

Builds a directory of M fictional organization names (the demo's patterns, words and towns, plus a
surname-like word so that names are many and distinct), then N rows: half are directory names respelt
as people do (case, accents, a legal form, one typo), half are new names. It times what an import's check
does per new row (`NameIndex.closest`, after building the index once) and the duplicates page
(`duplicate_candidates`) on the directory, and measures recall: on a sample of rows, how many of the
matches the full, unblocked comparison finds are also found through the index. Budget from issue 22:
100,000 rows against 100,000 organizations in under 60 s. Results go to bench/results-names.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 60.0
SYLLABLES = ["la", "vo", "ie", "tre", "mb", "lay", "ga", "gnon", "ro", "y", "bou", "cher", "pel", "le"]
SYLLABLES += ["tier", "mo", "rin", "for", "tin", "ber", "ge", "ca", "dub", "ois", "lev"]


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def directory(size: int, seed: int = 5) -> list[str]:
    from maillage.demo.names import ORGANIZATION_PATTERNS, REGION_TOWNS, WORDS, french_name

    rng = random.Random(seed)
    towns = [town for towns in REGION_TOWNS.values() for town in towns]
    names: set[str] = set()
    while len(names) < size:
        _sector, pattern, _english = rng.choice(ORGANIZATION_PATTERNS)
        name = french_name(pattern, place=rng.choice(towns), word=rng.choice(WORDS))
        names.add(f"{name} {_surname(rng)}")
    return sorted(names)


def respell(name: str, rng: random.Random) -> str:
    """How the same organization comes back in someone else's spreadsheet."""
    text = name.upper() if rng.random() < 0.3 else name
    if rng.random() < 0.5:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if rng.random() < 0.3:
        text += " inc."
    if rng.random() < 0.5 and len(text) > 8:
        i = rng.randrange(4, len(text) - 1)
        text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]  # two letters swapped
    return text


def rows(names: list[str], count: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    fresh = directory(count, seed=seed + 1000)
    return [respell(rng.choice(names), rng) if i % 2 == 0 else fresh[i] for i in range(count)]


def run(directory_size: int, row_count: int, sample: int) -> dict[str, float]:
    from rapidfuzz import fuzz, process

    from maillage.directory.names import FUZZY_THRESHOLD, NameIndex, duplicate_candidates, normalize_name

    names = directory(directory_size)
    incoming = rows(names, row_count)
    started, cpu = time.perf_counter(), time.process_time()
    keys = list(dict.fromkeys(normalize_name(n) for n in names))
    index = NameIndex(keys)
    built, built_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    found = [index.closest(normalize_name(row), FUZZY_THRESHOLD) for row in incoming]
    matched, matched_cpu = time.perf_counter() - started, time.process_time() - cpu
    rng = random.Random(3)
    agree = total = 0
    for row in rng.sample(incoming, min(sample, len(incoming))):
        key = normalize_name(row)
        full = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD)
        if full is None:
            continue
        total += 1
        blocked = index.closest(key, FUZZY_THRESHOLD)
        agree += blocked is not None and blocked[1] >= full[1]
    started = time.perf_counter()
    pairs = duplicate_candidates(enumerate(names), limit=10**9)
    duplicates = time.perf_counter() - started
    return {
        "index": built,
        "index_cpu": built_cpu,
        "match": matched,
        "match_cpu": matched_cpu,
        "matched_rows": sum(1 for f in found if f),
        "recall": agree / total if total else 1.0,
        "recall_sample": total,
        "duplicates": duplicates,
        "pairs": len(pairs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--directory", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results-names.md"))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    result = run(args.directory, args.rows, args.sample)
    check = result["index"] + result["match"]
    # Wall time counts other work on a shared machine; CPU time is this process's own.
    cpu_total = result["index_cpu"] + result["match_cpu"]
    lines = [
        "# Fuzzy duplicate matching, indexed (`python -m bench.names`)",
        "",
        f"{platform.processor() or platform.machine()}, Python {sys.version.split()[0]}, one process, "
        f"load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| What | Value |",
        "|---|---|",
        f"| Directory | {args.directory:,} organizations |",
        f"| Incoming rows (half respelt directory names, half new) | {args.rows:,} |",
        f"| Index built | {result['index']:.1f} s (CPU {result['index_cpu']:.1f} s) |",
        f"| Every row matched against the directory | {result['match']:.1f} s "
        f"(CPU {result['match_cpu']:.1f} s) |",
        f"| Check total (budget {BUDGET:.0f} s) | **{check:.1f} s** {'✓' if check < BUDGET else '✗'} "
        f"(CPU {cpu_total:.1f} s) |",
        f"| Rows that found a close name | {int(result['matched_rows']):,} |",
        f"| Recall against the full comparison (sample of {int(result['recall_sample'])} matched rows) | "
        f"{100 * result['recall']:.1f} % |",
        f"| Duplicates page over the directory | {result['duplicates']:.1f} s, "
        f"{int(result['pairs']):,} pairs |",
        "",
        "Before the index, each row was compared with the whole directory: 2,000 rows took 48.6 s against",
        "100,000 organizations, and 100,000 rows did not finish in 10 minutes.",
        "",
        "Reference, the first index (blocks as Python sets, `token_sort_ratio` sorting every",
        "candidate's words at each comparison), same bench, a core of its own: index 2.4 s, matching",
        "66.7 s, check **69.2 s** ✗ (CPU 68.6 s); duplicates page 36.6 s. Now each indexed name is sorted",
        "by word once and compared with `fuzz.ratio` (the same score), candidates are narrowed by length",
        "(exactly: a name dropped could not reach the threshold), blocks are sorted arrays, and a name",
        "already in the directory is found at once.",
        "Rows found, pairs found and recall are unchanged.",
    ]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
