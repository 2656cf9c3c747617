"""``python -m bench.browser``: how fast the dashboard map becomes usable in headless Chromium.

For each case, a throw-away database is filled by ``maillage demo``, the app is served on a free
loopback port, and Debian's Chromium (driven by Playwright) signs in and opens the dashboard. We record:

- *ready*: from the start of navigation until the map is drawn and its filters are wired (first visit:
  the map document and layout are computed; second visit: served from the cache);
- *filter*: from a change of the "level at least" filter until the map has been redrawn.

The target is 2 seconds for the largest demo network and a 5,000-organization network; a
50,000-organization province must still open (it is drawn sampled, with a notice).
Results go to ``bench/results-browser.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results-browser.md"
CHROMIUM = os.environ.get("MAILLAGE_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "demo-maillage-2026"
TARGET_SECONDS = 2.0

# (name, demo arguments, which dashboard, target applies)
CASES = [
    ("Largest demo network (1,500-organization demo)", ["--organizations", "1500"], "largest", True),
    (
        "Generated network of 5,000 organizations",
        ["--organizations", "5000", "--single-network"],
        "largest",
        True,
    ),
    ("Province of 50,000 organizations (sampled map)", ["--organizations", "50000"], "province", False),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def maillage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "maillage", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def largest_network(env: dict[str, str]) -> int:
    code = (
        "import django; django.setup()\n"
        "from django.db.models import Count\n"
        "from maillage.networks.models import Network\n"
        "print(Network.objects.annotate(n=Count('memberships')).order_by('-n', 'pk').first().pk)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip())


def wait_for_server(port: int, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def signed_in_page(browser, base: str):  # type: ignore[no-untyped-def]
    """A page of a fresh browser context (empty browser cache), signed in as the demo administrator."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    return page


def ready_seconds(page, url: str) -> float:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_selector("#map-root[data-ready='1']")
    return float(page.eval_on_selector("#map-root", "e => e.dataset.readyAt")) / 1000


def measure(browser, base: str, path: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, base)
    timings: dict[str, float] = {}
    for visit in ("first", "cached"):
        timings[f"ready_{visit}"] = ready_seconds(page, f"{base}{path}")
    timings["nodes"] = float(page.eval_on_selector("#map-root", "e => e.dataset.visibleNodes"))
    timings["edges"] = float(page.eval_on_selector("#map-root", "e => e.dataset.visibleEdges"))
    timings["filter"] = page.evaluate(
        """() => new Promise(resolve => {
            const root = document.querySelector('#map-root');
            const before = root.dataset.version;
            const select = document.querySelector('#filter-level');
            const start = performance.now();
            select.value = '3';
            select.dispatchEvent(new Event('change'));
            const check = () => root.dataset.version !== before
              ? requestAnimationFrame(() => resolve((performance.now() - start) / 1000))
              : requestAnimationFrame(check);
            check();
        })"""
    )
    page.context.close()
    return timings


def measure_warmed(browser, base: str, path: str, env: dict[str, str], network: int) -> float:  # type: ignore[no-untyped-def]
    """A first visit (empty browser cache) after the cache was emptied and `maillage warm` computed the
    network's dashboard and map, as the worker does in production after the data changes."""
    maillage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    maillage(env, "warm", "--network", str(network))
    page = signed_in_page(browser, base)
    seconds = ready_seconds(page, f"{base}{path}")
    page.context.close()
    return seconds


def run(cases: list[tuple[str, list[str], str, bool]]) -> list[tuple[str, dict[str, float], bool]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        for name, demo_args, which, targeted in cases:
            with tempfile.TemporaryDirectory() as var:
                env = {
                    **os.environ,
                    "PYTHONPATH": str(ROOT / "src"),
                    "MAILLAGE_VAR_DIR": var,
                    "MAILLAGE_DEBUG": "true",
                    "DJANGO_SETTINGS_MODULE": "maillage.settings",
                    # As in production: one cache shared by the app server and the worker (`maillage warm`).
                    "MAILLAGE_CACHE_BACKEND": "django.core.cache.backends.db.DatabaseCache",
                    "MAILLAGE_CACHE_LOCATION": "maillage_cache",
                }
                maillage(env, "migrate", "-v0")
                maillage(env, "createcachetable")
                started = time.perf_counter()
                maillage(env, "demo", *demo_args)
                print(f"{name}: data in {time.perf_counter() - started:.0f} s", flush=True)
                network = None if which == "province" else largest_network(env)
                path = "/dashboards/province/" if network is None else f"/dashboards/network/{network}/"
                port = free_port()
                server = subprocess.Popen(
                    [sys.executable, "-m", "maillage", "runserver", "--noreload", f"127.0.0.1:{port}"],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                try:
                    wait_for_server(port)
                    timings = measure(browser, f"http://127.0.0.1:{port}", path)
                    if network is not None:
                        timings["ready_warmed"] = measure_warmed(
                            browser, f"http://127.0.0.1:{port}", path, env, network
                        )
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                print(f"  {timings}", flush=True)
                rows.append((name, timings, targeted))
        browser.close()
    return rows


def write(rows: list[tuple[str, dict[str, float], bool]]) -> None:
    lines = [
        "# Browser benchmark: the dashboard map",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores; Chromium at `{CHROMIUM}`",
        "(headless, software WebGL). *Ready*: navigation start → map drawn and filters wired.",
        "*Filter*: a change of the level filter → map redrawn.",
        f"Target: {TARGET_SECONDS:.0f} s for the first two cases.",
        "",
        "| Case | Organizations drawn | Ties drawn | Ready, first visit, cold (s) "
        "| Ready, first visit after warm-up (s) | Ready, cached (s) | Filter (s) | Target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, t, targeted in rows:
        verdict = "—"
        warmed = t.get("ready_warmed")
        if targeted:
            met = {
                label: "met" if seconds + t["filter"] <= TARGET_SECONDS else "missed"
                for label, seconds in (
                    ("cold", t["ready_first"]),
                    ("warmed", warmed),
                    ("cached", t["ready_cached"]),
                )
                if seconds is not None
            }
            verdict = "; ".join(f"{label}: {outcome}" for label, outcome in met.items())
        lines.append(
            f"| {name} | {t['nodes']:,.0f} | {t['edges']:,.0f} | {t['ready_first']:.2f} "
            f"| {'—' if warmed is None else f'{warmed:.2f}'} | {t['ready_cached']:.2f} | {t['filter']:.3f} "
            f"| {verdict} |"
        )
    lines += [
        "",
        "*Cold*: the first visit after the data changed, with nothing computed ahead: the page computes the",
        "dashboard's report, then the map document and its layout. *After warm-up*: a first visit (empty",
        "browser cache too) once `maillage warm` has computed them, as the worker does in production after",
        "every change to a network's data (`dashboards/warm.py`). *Cached*: the same user again. The app",
        "server uses the database cache shared with the worker, as in production.",
    ]
    lines += ["", "Generated by `python -m bench.browser` (part of `make bench`)."]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 50,000-organization province")
    options = parser.parse_args(argv)
    cases = CASES[:2] if options.quick else CASES
    write(run(cases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
