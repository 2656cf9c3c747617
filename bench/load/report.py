"""Turn locust's CSV statistics into bench/results-load.md (throughput, p50/p95/p99, errors, verdict)."""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
from pathlib import Path

TARGET_P95_MS = 300


def _row(stats: dict[str, str]) -> str:
    return (
        f"| {stats['Name']} | {int(stats['Request Count']):,} | {int(stats['Failure Count'])} | "
        f"{float(stats['Requests/s']):.1f} | {stats['50%']} | {stats['95%']} | {stats['99%']} | "
        f"{stats['100%']} |"
    )


def _overall(path: Path) -> tuple[int, float, float, float, float] | None:
    times = sorted(abs(value) for value in json.loads(path.read_text(encoding="utf-8")))
    if not times:
        return None

    def percentile(share: float) -> float:
        return times[min(len(times) - 1, int(share * len(times)))]

    return len(times), 0.0, percentile(0.50), percentile(0.95), percentile(0.99)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("stats", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--organizations", type=int, required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--failures", type=Path)
    parser.add_argument("--times", type=Path, help="every page request's time (negative: failed)")
    parser.add_argument("--solo", type=Path, help="each page's time alone (bench/load/solo.py)")
    args = parser.parse_args()
    with args.stats.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pages = [
        row for row in rows if row["Name"] != "Aggregated" and row["Name"] not in ("login", "login form")
    ]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    slow = [row for row in pages if int(row["Request Count"]) and float(row["95%"]) >= TARGET_P95_MS]
    errors = int(total["Failure Count"])
    overall = _overall(args.times) if args.times and args.times.exists() else None
    lines = [
        "# Load test: gunicorn + PostgreSQL, 20,000-organization province",
        "",
        f"Run {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} by `make load` (bench/load/run.sh): "
        f"{args.organizations:,} organizations (`maillage demo`), {args.users} locust users "
        "with signed-in sessions "
        f"(wait 0.5–2 s between requests) for {args.duration}, gunicorn {args.workers} workers × 2 threads, "
        f"PostgreSQL on a local socket, database cache, on loopback. Machine: {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()}), shared with the load generator; one-minute load "
        f"average {os.environ.get('MAILLAGE_LOAD_BEFORE', '?')} just before the measured run (building the "
        f"database and the warm-up included) and {os.getloadavg()[0]:.1f} just after it. "
        "Times in milliseconds.",
        "",
        "| Page | Requests | Errors | Req/s | p50 | p95 | p99 | max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *[_row(row) for row in sorted(pages, key=lambda row: -float(row["95%"]))],
        _row({**total, "Name": "**All**"}),
        "",
        "",
    ]
    if overall:
        count, _unused, p50, p95, p99 = overall
        throughput = sum(float(row["Requests/s"]) for row in pages)
        lines.append(
            f"All requests, exact percentiles over {count:,} requests: "
            f"throughput **{throughput:.1f} requests/s**, p50 {p50:.0f} ms, **p95 {p95:.0f} ms**, "
            f"p99 {p99:.0f} ms; errors: **{errors}**."
        )
        lines.append("")
    p95_all = overall[3] if overall else float(total["95%"])
    verdict_ok = not errors and p95_all < TARGET_P95_MS and not slow
    if verdict_ok:
        lines.append(f"Target met: no error, p95 under {TARGET_P95_MS} ms on every page.")
    else:
        lines.append(f"Target (no error, p95 < {TARGET_P95_MS} ms on every page) **missed**:")
        lines += [f"- {row['Name']}: p95 {row['95%']} ms, p99 {row['99%']} ms" for row in slow]
        if errors and args.failures and args.failures.exists():
            with args.failures.open(encoding="utf-8") as handle:
                for failure in csv.DictReader(handle):
                    lines.append(f"- error {failure['Name']}: {failure['Error']} × {failure['Occurrences']}")
    lines.append("")
    if args.solo and args.solo.exists():
        solo = json.loads(args.solo.read_text(encoding="utf-8"))
        lines += [
            "## Each page alone",
            "",
            "One request at a time after the warm-up (7 each): the service time without queueing.",
            "A page slow here is slow by itself; one fast here but slow under load waited for a processor.",
            "",
            "| Page | median ms | max ms | bytes |",
            "|---|---:|---:|---:|",
            *[
                f"| {name} | {value['median']:.0f} | {value['max']:.0f} | {value['bytes']:,} |"
                for name, value in sorted(solo.items(), key=lambda item: -item[1]["median"])
            ],
            "",
        ]
    args.out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
