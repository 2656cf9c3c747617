"""Killing the server in the middle of a survey import or of a respondent's answers leaves none of the change;
the same request again: all of it.

A real server process (`maillage runserver`) on its own SQLite file receives the request; the crash-test hook
(maillage/operations/faults.py) makes it pause halfway through the transaction (some rows already written,
others not yet) and the test SIGKILLs it there.
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import threading

import requests

from maillage.demo.generate import DEMO_PASSWORD
from tests.operations.helpers import (
    REPO,
    free_port,
    maillage_command,
    maillage_env,
    query,
    run_maillage,
    wait_for,
)

# An open wave of the demo's largest network, with four invited members (two respond, two are partners).
OPEN_WAVE = """
import datetime, json
from django.db.models import Count
from maillage.networks.models import Network
from maillage.surveys.models import Invitation, Wave
network = Network.objects.annotate(size=Count("memberships")).order_by("-size", "pk").first()
wave = Wave.objects.create(network=network, date=datetime.date(2026, 5, 1), status="open")
members = network.memberships.filter(end_date__isnull=True).order_by("organization_id")
orgs = list(members.values_list("organization_id", flat=True).distinct()[:4])
invitations = [Invitation(wave=wave, organization_id=pk, token=f"crash-test-{pk:04}") for pk in orgs]
Invitation.objects.bulk_create(invitations)
print(json.dumps({"wave": wave.pk, "orgs": orgs}))
"""
# The first invited member has started answering: three partners chosen, no answer about them yet.
STARTED_RESPONSE = """
from maillage.surveys.models import Invitation, PartnerAnswer, Response
invitation = Invitation.objects.get(wave_id=wave.pk, organization_id=orgs[0])
response = Response.objects.create(invitation=invitation, language="en")
answers = [PartnerAnswer(response=response, partner_id=pk) for pk in orgs[1:]]
answers = PartnerAnswer.objects.bulk_create(answers)
print(json.dumps({"token": invitation.token, "answers": [answer.pk for answer in answers]}))
"""


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    # Debug is off, as in production: the server refuses the development key (security.py).
    env = env | {"MAILLAGE_SECRET_KEY": "a-test-server-secret-key-not-the-development-one"}
    server = subprocess.Popen(
        maillage_command("runserver", "--noreload", f"127.0.0.1:{port}"),
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip

    def up() -> bool:
        try:
            return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).ok
        except requests.ConnectionError:
            return False

    wait_for(up, timeout=90, what="the server to answer")
    return server


def signed_in(port: int) -> requests.Session:
    session = requests.Session()
    login = f"http://127.0.0.1:{port}/en/accounts/login/"
    session.get(login, timeout=30)
    answer = session.post(
        login,
        {
            "username": "admin",
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 302, answer.text[:500]
    return session


def post_import(session: requests.Session, port: int, wave: int, csv: bytes) -> requests.Response:
    url = f"http://127.0.0.1:{port}/en/surveys/{wave}/import/"
    session.get(url, timeout=30)
    return session.post(
        url,
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
        files={"file": ("answers.csv", csv, "text/csv")},
        allow_redirects=False,
        timeout=300,
    )


def survey_rows(database) -> tuple[list, list]:
    return (
        query(database, "SELECT * FROM surveys_response ORDER BY id"),
        query(database, "SELECT * FROM surveys_partneranswer ORDER BY id"),
    )


def test_a_server_killed_mid_import_keeps_none_of_it_and_a_rerun_keeps_all(demo_file_database, tmp_path):
    database = demo_file_database / "maillage.sqlite3"
    facts = run_maillage("shell", "-c", OPEN_WAVE, env=maillage_env(demo_file_database))
    assert facts.returncode == 0, facts.stderr
    wave_facts = json.loads(facts.stdout.strip().splitlines()[-1])
    wave, (a, b, c, d) = wave_facts["wave"], wave_facts["orgs"]
    csv = f"source;target;level\n{a};{c};3\n{a};{d};2\n{b};{c};4\n".encode()
    before = survey_rows(database)

    marker = tmp_path / "paused"
    hook = f"insert:surveys_partneranswer:2:300:{marker}"
    port = free_port()
    server = start_server(maillage_env(demo_file_database, MAILLAGE_FAULT_PAUSE=hook), port)
    try:
        session = signed_in(port)
        upload = threading.Thread(target=lambda: _swallow(post_import, session, port, wave, csv), daemon=True)
        upload.start()
        wait_for(marker.exists, timeout=120, what="the import to pause inside its transaction")
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        upload.join(timeout=30)
    finally:
        server.kill()
    assert query(database, "PRAGMA integrity_check") == [("ok",)]
    assert survey_rows(database) == before, "the killed import left part of its change"

    port = free_port()
    server = start_server(maillage_env(demo_file_database), port)
    try:
        answer = post_import(signed_in(port), port, wave, csv)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert answer.status_code == 302, answer.text[:1000]
    levels = query(
        database,
        "SELECT i.organization_id, p.partner_id, p.level FROM surveys_partneranswer p "
        "JOIN surveys_response r ON r.id = p.response_id JOIN surveys_invitation i ON i.id = r.invitation_id "
        "WHERE i.wave_id = ? AND i.organization_id IN (?, ?) ORDER BY 1, 2",
        (wave, a, b),
    )
    assert levels == sorted([(a, c, 3), (a, d, 2), (b, c, 4)])


def post_partner_answers(port: int, token: str, levels: dict[int, str]) -> requests.Response:
    session, url = requests.Session(), f"http://127.0.0.1:{port}/en/survey/{token}/partners/"
    session.get(url, timeout=30)
    data = {f"p{pk}-level": level for pk, level in levels.items()}
    data["csrfmiddlewaretoken"] = session.cookies["csrftoken"]
    return session.post(url, data=data, allow_redirects=False, timeout=300)


def test_a_server_killed_while_saving_a_respondents_answers_keeps_none_of_them(demo_file_database, tmp_path):
    database = demo_file_database / "maillage.sqlite3"
    setup = run_maillage("shell", "-c", OPEN_WAVE + STARTED_RESPONSE, env=maillage_env(demo_file_database))
    assert setup.returncode == 0, setup.stderr
    started = json.loads(setup.stdout.strip().splitlines()[-1])
    levels = dict(zip(started["answers"], ["3", "2", "4"], strict=True))

    def saved() -> list[tuple]:
        return query(
            database,
            "SELECT id, level FROM surveys_partneranswer WHERE id IN (?, ?, ?) ORDER BY id",
            tuple(levels),
        )

    marker = tmp_path / "paused"
    port = free_port()
    # Pause after the first partner's answer is updated, before the second's.
    server = start_server(
        maillage_env(demo_file_database, MAILLAGE_FAULT_PAUSE=f"update:surveys_partneranswer:2:300:{marker}"),
        port,
    )
    try:
        post = threading.Thread(
            target=lambda: _swallow(post_partner_answers, port, started["token"], levels), daemon=True
        )
        post.start()
        wait_for(marker.exists, timeout=120, what="the answers to pause inside their transaction")
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        post.join(timeout=30)
    finally:
        server.kill()
    assert saved() == [(pk, None) for pk in levels], "the killed save kept some answers"

    port = free_port()
    server = start_server(maillage_env(demo_file_database), port)
    try:
        answer = post_partner_answers(port, started["token"], levels)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert answer.status_code == 302, answer.text[:1000]
    assert saved() == [(pk, int(level)) for pk, level in levels.items()]


def _swallow(function, *args) -> None:
    """The request dies with the server: that is the point."""
    with contextlib.suppress(requests.RequestException):
        function(*args)
