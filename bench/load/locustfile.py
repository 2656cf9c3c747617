"""50 signed-in people reading dashboards, lists and the API of a 20,000-organization province.

Run by bench/load/run.sh (never imported by the test suite: locust lives in its own virtual environment).
The targets (ids to visit, signed-in sessions, an API token) come from the JSON file named by
MAILLAGE_LOAD_TARGETS, written by bench/load/prepare.py against the same database.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, events, task

TARGETS = json.loads(open(os.environ["MAILLAGE_LOAD_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
SESSIONS = itertools.count()
# Every request's time (negative when it failed), so that the report computes exact overall percentiles.
TIMES: list[float] = []


@events.request.add_listener
def _record(name: str, response_time: float, exception: Exception | None, **kwargs: object) -> None:
    TIMES.append(-response_time if exception else response_time)


@events.quitting.add_listener
def _save(environment: object, **kwargs: object) -> None:
    path = os.environ.get("MAILLAGE_LOAD_TIMES")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(TIMES, handle)


class Reader(HttpUser):
    """A coordinator, a viewer or an admin moving between pages with a short pause in between."""

    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        # A session signed in by prepare.py (see there why not a login per user).
        session = TARGETS["sessions"][next(SESSIONS) % len(TARGETS["sessions"])]
        self.client.cookies.set("sessionid", session)
        self.api = {"Authorization": f"Bearer {TARGETS['api_token']}"}

    @task(3)
    def home(self) -> None:
        self.client.get("/en/", name="home")

    @task(4)
    def organization_list(self) -> None:
        page = random.randint(1, 40)
        self.client.get(f"/en/directory/organizations/?page={page}", name="organizations list")

    @task(2)
    def organization_search(self) -> None:
        term = random.choice(["centre", "maison", "clsc", "ville", "école", "pharmacie"])
        self.client.get(f"/en/directory/organizations/?q={term}", name="organizations search")

    @task(2)
    def organization_detail(self) -> None:
        pk = random.choice(TARGETS["organizations"])
        self.client.get(f"/en/directory/organizations/{pk}/", name="organization detail")

    @task(3)
    def network_list(self) -> None:
        self.client.get("/en/networks/", name="networks list")

    @task(3)
    def network_detail(self) -> None:
        pk = random.choice(TARGETS["networks"])
        self.client.get(f"/en/networks/{pk}/", name="network detail")

    @task(3)
    def network_dashboard(self) -> None:
        pk = random.choice(TARGETS["networks"])
        self.client.get(f"/en/dashboards/network/{pk}/", name="network dashboard")

    @task(1)
    def territory_dashboard(self) -> None:
        pk = random.choice(TARGETS["territories"])
        self.client.get(f"/en/dashboards/territory/{pk}/", name="territory dashboard")

    @task(1)
    def province_dashboard(self) -> None:
        self.client.get("/en/dashboards/province/", name="province dashboard")

    @task(3)
    def api_organizations(self) -> None:
        offset = random.randint(0, 19_000)
        self.client.get(
            f"/api/v1/organizations?limit=50&offset={offset}", headers=self.api, name="API organizations"
        )

    @task(2)
    def api_networks(self) -> None:
        self.client.get("/api/v1/networks", headers=self.api, name="API networks")

    @task(2)
    def api_ties(self) -> None:
        pk = random.choice(TARGETS["networks"])
        self.client.get(f"/api/v1/ties?network={pk}", headers=self.api, name="API ties")
