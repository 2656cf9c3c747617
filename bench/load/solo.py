"""One request at a time, each page of the load mix: the service time without queueing.

Under load, a saturated machine makes every page slow alike; these numbers say which pages are slow by
themselves. Run by inside.sh after the warm-up: `python -m bench.load.solo TARGETS.json BASE_URL OUT.json`.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

import requests

REPEAT = 7


def pages(targets: dict) -> dict[str, str]:
    network, territory = targets["networks"][0], targets["territories"][0]
    organization = targets["organizations"][0]
    return {
        "home": "/en/",
        "organizations list": "/en/directory/organizations/?page=20",
        "organizations search": "/en/directory/organizations/?q=centre",
        "organization detail": f"/en/directory/organizations/{organization}/",
        "networks list": "/en/networks/",
        "network detail": f"/en/networks/{network}/",
        "network dashboard": f"/en/dashboards/network/{network}/",
        "territory dashboard": f"/en/dashboards/territory/{territory}/",
        "province dashboard": "/en/dashboards/province/",
        "API organizations": "/api/v1/organizations?limit=50&offset=10000",
        "API networks": "/api/v1/networks",
        "API ties": f"/api/v1/ties?network={network}",
    }


def main(targets_path: str, base: str, out: str) -> None:
    with open(targets_path, encoding="utf-8") as handle:
        targets = json.load(handle)
    session = requests.Session()
    session.cookies.set("sessionid", targets["sessions"][0])
    session.headers["Authorization"] = f"Bearer {targets['api_token']}"
    results = {}
    for name, path in pages(targets).items():
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            response = session.get(base + path, timeout=120)
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
        results[name] = {
            "median": statistics.median(times),
            "max": max(times),
            "bytes": len(response.content),
        }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(results, handle)


if __name__ == "__main__":
    main(*sys.argv[1:4])
