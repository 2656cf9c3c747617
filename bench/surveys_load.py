"""Load benchmark of the survey links: N respondents submit within a minute, on loopback.

    PYTHONPATH=src .venv/bin/python -m bench.surveys_load [--respondents 500] [--seconds 60] [--workers 16]

It builds a throw-away database (a network of N member organizations, one open wave), starts
`maillage runserver` on it, and runs N respondents in two phases. First each one answers as a person does,
as fast as the server allows: opens the link, picks three partners, answers about them, answers the impact
and factors parts (eight requests, timed). Then all N submit, their submits spread over the given seconds
(two requests each: the submit page, the submit). At the end it counts, in the database, submitted
responses and answers about partners and compares them with what the respondents sent: no error, no lost
answer. The exit status is 1 if anything failed or was lost.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALES = [
    "partnership_growth", "needs_awareness", "information_access", "provider_competence", "contact_frequency",
    "community_inclusion", "service_innovation", "community_vitality", "shared_vision", "management_support",
    "experimentation", "partnership_mechanisms", "continuous_adjustment", "shared_power", "clear_leadership",
    "formal_roles",
]  # fmt: skip


def setup(env: dict[str, str], respondents: int) -> list[tuple[str, list[int]]]:
    """Migrate, build the network and open the wave in a child process; returns (token, the others' ids)."""
    subprocess.run([sys.executable, "-m", "maillage", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    script = f"""
import datetime, django
django.setup()
from maillage.directory.models import Organization, Sector, Territory
from maillage.networks.models import Membership, Network
from maillage.surveys.actions import do_open_wave
from maillage.surveys.models import Invitation, Wave
sector = Sector.objects.first(); region = Territory.objects.get(code="RSS06")
network = Network.objects.create(name_fr="Réseau de charge", kind="thematic_table", territory=region)
orgs = Organization.objects.bulk_create(
    Organization(name_fr=f"Organisme {{i}}", sector=sector, territory=region, search_text=f"organisme {{i}}")
    for i in range({respondents}))
Membership.objects.bulk_create(Membership(network=network, organization=o) for o in orgs)
wave = Wave.objects.create(network=network, date=datetime.date(2026, 5, 1))
do_open_wave(wave, lambda token, language: token)
for token, org in Invitation.objects.values_list("token", "organization_id"):
    print(token, org)
"""
    output = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout
    pairs = [line.split() for line in output.splitlines() if line.strip()]
    members = [int(org) for _token, org in pairs]
    return [(token, [m for m in members if m != int(org)]) for token, org in pairs]


class Respondent:
    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(f"{self.base}/survey/{self.token}/{path}", timeout=60) as response:
            return response.read().decode()

    def post(self, path: str, page: str, data: list[tuple[str, str]]) -> int:
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert csrf, "no CSRF token in the page"
        body = urllib.parse.urlencode([("csrfmiddlewaretoken", csrf.group(1)), *data]).encode()
        request = urllib.request.Request(f"{self.base}/survey/{self.token}/{path}", data=body)
        request.add_header("Referer", f"{self.base}/survey/{self.token}/{path}")
        with self.opener.open(request, timeout=60) as response:
            return response.status

    def answer(self, partners: list[int]) -> int:
        """Everything but the submit; returns how many partners were answered about."""
        page = self.get("")
        self.post("", page, [("partners", str(p)) for p in partners] + [("continue", "1")])
        page = self.get("partners/")
        ids = sorted(set(re.findall(r'name="(p\d+)-level"', page)))
        data = [("continue", "1")]
        for prefix in ids:
            data += [
                (f"{prefix}-frequency", "monthly"),
                (f"{prefix}-level", "3"),
                (f"{prefix}-formality", "informal"),
            ]
            data += [
                (f"{prefix}-flows", "information"),
                (f"{prefix}-reliability", "4"),
                (f"{prefix}-openness", "3"),
            ]
        self.post("partners/", page, data)
        page = self.get("network/")
        self.post("network/", page, [(f"q_{code}", "4") for code in SCALES] + [("continue", "1")])
        return len(ids)

    def submit(self) -> None:
        page = self.get("submit/")
        self.post("submit/", page, [])  # redirected to the thanks page


def run_all(label: str, count: int, workers: int, job) -> tuple[float, list[tuple[int, str]]]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()

    def safe(index: int) -> tuple[int, str]:
        try:
            return job(index, started), ""
        except Exception as error:  # noqa: BLE001 - every failure is counted and reported
            return -1, repr(error)[:200]

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        outcomes = list(pool.map(safe, range(count)))
    elapsed = time.perf_counter() - started
    errors = [e for _n, e in outcomes if e]
    print(f"{label}: {count} respondents in {elapsed:.1f} s; errors: {len(errors)} {errors[:3]}")
    return elapsed, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="maillage-surveys-load-")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MAILLAGE_VAR_DIR": var}
    env |= {
        "MAILLAGE_SURVEY_RATE_LIMIT": "0",
        "MAILLAGE_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=1).close()  # noqa: S310
        sys.exit(f"Port {args.port} is already in use: choose another one with --port.")
    except OSError:
        pass
    invitations = setup(env, args.respondents)
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "maillage", "runserver", f"127.0.0.1:{args.port}", "--noreload"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(Path(var) / "server.log", "w"),  # noqa: SIM115
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).close()  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        rng = random.Random(1)
        choices = [rng.sample(members, 3) for _token, members in invitations]
        respondents = [Respondent(base, token) for token, _members in invitations]
        _elapsed, answered = run_all(
            "answering (8 requests each, as fast as possible)",
            len(respondents), args.workers, lambda i, _start: respondents[i].answer(choices[i]),
        )  # fmt: skip

        def submit(index: int, start: float) -> int:
            time.sleep(max(0.0, start + index * args.seconds / len(respondents) - time.perf_counter()))
            respondents[index].submit()
            return 1

        elapsed, submitted = run_all(
            f"submitting (spread over {args.seconds:.0f} s)", len(respondents), args.workers, submit
        )
    finally:
        server.terminate()
        server.wait(10)
    count = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from maillage.surveys.models import *; "
         "print(Response.objects.filter(submitted_at__isnull=False).count(), "
         "PartnerAnswer.objects.filter(response__submitted_at__isnull=False).exclude(level=None).count())"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    ok = sum(1 for n, error in submitted if not error)
    sent = sum(n for n, error in answered if not error)
    failures = sum(1 for _n, error in answered + submitted if error)
    print(f"all submits done {elapsed:.1f} s after the first; server log: {Path(var) / 'server.log'}")
    print(f"database: {count[0]} submitted responses (sent {ok}), ", end="")
    print(f"{count[1]} answers about partners (sent {sent})")
    lost = ok != int(count[0]) or sent != int(count[1]) or failures
    print("result:", "FAILED" if lost else "no error, no lost answer")
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    main()
