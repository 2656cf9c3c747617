"""`maillage worker`: the task of a killed worker is run again by another one, never lost or half done."""

from __future__ import annotations

import datetime
import json
import os
import signal
import socket
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from maillage.operations.models import WorkerHeartbeat
from maillage.operations.worker import recover_lost_tasks
from tests.operations.helpers import REPO, maillage_command, maillage_env, query, run_maillage, wait_for

TASK_TABLE = "django_tasks_database_dbtaskresult"


def running_task(worker_ids: list[str], started_seconds_ago: float) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tests.operations.sample_tasks.add_sectors",
        backend_name="default",
        run_after=get_date_max(),
        worker_ids=worker_ids,
        started_at=timezone.now() - datetime.timedelta(seconds=started_seconds_ago),
    )


def heartbeat(worker_id: str, seconds_ago: float, *, hostname: str = "elsewhere", pid: int = 1) -> None:
    seen = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, hostname=hostname, pid=pid, started_at=seen, last_seen=seen
    )


@pytest.mark.django_db
def test_a_task_of_a_silent_worker_goes_back_to_the_queue():
    heartbeat("dead", seconds_ago=120)
    task = running_task(["dead"], started_seconds_ago=130)
    assert recover_lost_tasks(stale_after=60, max_attempts=3).requeued == 1
    task.refresh_from_db()
    assert (task.status, task.started_at) == (TaskResultStatus.READY, None)


@pytest.mark.django_db
def test_a_task_of_a_live_worker_is_left_alone_however_long_it_runs():
    heartbeat("alive", seconds_ago=2)
    task = running_task(["alive"], started_seconds_ago=3600)
    assert recover_lost_tasks(stale_after=60, max_attempts=3).requeued == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_silent_worker_whose_process_still_runs_here_keeps_its_task():
    # On SQLite a long transaction keeps its worker from writing its heartbeat: it is busy, not dead.
    heartbeat("busy", seconds_ago=600, hostname=socket.gethostname(), pid=os.getpid())
    heartbeat("gone", seconds_ago=600, hostname=socket.gethostname(), pid=2**22 + 7)
    busy, gone = (
        running_task(["busy"], started_seconds_ago=700),
        running_task(["gone"], started_seconds_ago=700),
    )
    assert recover_lost_tasks(stale_after=60, max_attempts=3).requeued == 1
    busy.refresh_from_db(), gone.refresh_from_db()
    assert (busy.status, gone.status) == (TaskResultStatus.RUNNING, TaskResultStatus.READY)


@pytest.mark.django_db
def test_a_task_of_a_worker_without_heartbeat_waits_for_the_stale_delay():
    recent, old = (
        running_task(["plain"], started_seconds_ago=10),
        running_task(["plain"], started_seconds_ago=90),
    )
    recover_lost_tasks(stale_after=60, max_attempts=3)
    recent.refresh_from_db(), old.refresh_from_db()
    assert (recent.status, old.status) == (TaskResultStatus.RUNNING, TaskResultStatus.READY)


@pytest.mark.django_db
def test_a_task_that_killed_its_worker_too_often_fails_visibly():
    task = running_task(["w1", "w2", "w3"], started_seconds_ago=600)
    assert recover_lost_tasks(stale_after=60, max_attempts=3).failed == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "maillage.operations.worker.WorkerLost"
    assert "3 attempts" in task.traceback


@pytest.mark.django_db
def test_the_worker_refuses_the_immediate_backend():
    with pytest.raises(CommandError, match="not a database backend"):
        call_command("worker", "--batch")


def start_worker(env: dict[str, str]) -> subprocess.Popen[str]:
    command = maillage_command(
        "worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "--heartbeat", "0.5",
        "--stale-after", "3",
    )  # fmt: skip
    return subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_a_task_killed_mid_transaction_is_retried_by_the_next_worker_and_completes(file_database, tmp_path):
    env = maillage_env(file_database, MAILLAGE_TASKS_BACKEND="database")
    database = file_database / "maillage.sqlite3"
    marker = tmp_path / "first-attempt"
    enqueue = f"print(add_sectors.enqueue({str(marker)!r}, 3).id)"
    enqueued = run_maillage(
        "shell", "-c", f"from tests.operations.sample_tasks import add_sectors; {enqueue}", env=env
    )
    assert enqueued.returncode == 0, enqueued.stderr
    task_id = enqueued.stdout.split()[-1].replace("-", "")  # after the shell's own messages

    def task_row() -> tuple:
        return query(
            database, f"SELECT status, worker_ids, return_value FROM {TASK_TABLE} WHERE id = ?", (task_id,)
        )[0]

    def sectors() -> int:
        return query(database, "SELECT count(*) FROM directory_sector WHERE code LIKE 'crash-test-%'")[0][0]

    first = start_worker(env)
    try:
        wait_for(marker.exists, timeout=90, what="the first attempt to reach the middle of its transaction")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    assert task_row()[0] == "RUNNING"
    assert sectors() == 0, "the killed attempt left part of its transaction"

    second = start_worker(env)
    try:
        wait_for(lambda: task_row()[0] == "SUCCESSFUL", timeout=90, what="the retried task to succeed")
    finally:
        second.terminate()
        output = second.communicate(timeout=20)[0]
    _status, worker_ids, return_value = task_row()
    assert sectors() == 3, output
    # Two attempts: the killed one and the one that finished; the second worker left no heartbeat behind.
    assert (return_value, len(json.loads(worker_ids))) == ("3", 2)
    assert query(database, "SELECT count(*) FROM operations_workerheartbeat")[0][0] == 1  # the killed one
