"""Keeping background tasks alive across worker crashes.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: if that worker
is killed (SIGKILL, out of memory, a reboot) the task stays RUNNING for ever and its work is lost.
`maillage worker` adds two things around the library's worker:

- a heartbeat: every few seconds the worker writes `last_seen` in its `WorkerHeartbeat` row;
- a sweep, at start and then at every heartbeat: a RUNNING task whose worker has not beaten for
  `stale_after` seconds goes back to READY so that any worker runs it again, until it has been tried
  `max_attempts` times; then it is marked FAILED with `WorkerLost`, visible in the admin.

Retrying means running the task again from the start, so tasks must be safe to repeat: each one does its
writes in one transaction (a killed attempt leaves nothing behind) or checks what is already done.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
from dataclasses import dataclass

from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from maillage.operations.models import WorkerHeartbeat

logger = logging.getLogger("maillage.operations.worker")


class WorkerLost(Exception):
    """The worker running the task stopped (killed or crashed) too many times."""


@dataclass(frozen=True)
class Recovery:
    requeued: int
    failed: int


def beat(worker_id: str) -> None:
    """Record that this worker is alive now."""
    now = timezone.now()
    defaults = {"hostname": socket.gethostname()[:255], "pid": os.getpid(), "last_seen": now}
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults=defaults, create_defaults={**defaults, "started_at": now}
    )


def forget(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def recover_lost_tasks(*, stale_after: float, max_attempts: int) -> Recovery:
    """Put back in the queue the RUNNING tasks whose worker stopped beating; fail those tried too often.

    A task is lost when its last worker's heartbeat is older than `stale_after` seconds, or, for a task
    claimed by a worker without a heartbeat row (a plain `db_worker`), when it started that long ago.
    """
    cutoff = timezone.now() - datetime.timedelta(seconds=stale_after)
    beats = {beat.worker_id: beat for beat in WorkerHeartbeat.objects.all()}
    alive = {worker for worker, beat in beats.items() if beat.last_seen >= cutoff or _still_running(beat)}
    known = set(beats)
    requeued = failed = 0
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        last_worker = task.worker_ids[-1] if task.worker_ids else ""
        if last_worker in alive:
            continue
        if last_worker not in known and task.started_at and task.started_at >= cutoff:
            continue
        # The update is conditional on the row being unchanged, so two workers sweeping at once (or the
        # task finishing meanwhile) never requeue it twice.
        still_lost = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) >= max_attempts:
            failed += still_lost.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"WorkerLost: the worker stopped during each of {len(task.worker_ids)} attempts.",
            )
        else:
            requeued += still_lost.update(status=TaskResultStatus.READY, started_at=None)
    if requeued or failed:
        logger.warning(
            "Recovered lost tasks: %d requeued, %d failed after too many attempts.", requeued, failed
        )
    return Recovery(requeued=requeued, failed=failed)


def _still_running(beat: WorkerHeartbeat) -> bool:
    """A silent worker on this machine whose process still exists is busy, not dead.

    On SQLite a long task's transaction holds the write lock, so its worker cannot write its heartbeat;
    asking the operating system avoids running that task twice.
    """
    if beat.hostname != socket.gethostname()[:255]:
        return False
    try:
        os.kill(beat.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by another user
    return True


class Heartbeat(threading.Thread):
    """Beats and sweeps every `interval` seconds until stopped, on its own database connection."""

    def __init__(self, worker_id: str, *, interval: float, stale_after: float, max_attempts: int) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stale_after = stale_after
        self.max_attempts = max_attempts
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                close_old_connections()
                try:
                    beat(self.worker_id)
                    recover_lost_tasks(stale_after=self.stale_after, max_attempts=self.max_attempts)
                except OperationalError as error:
                    # A locked SQLite file or a database restart: try again at the next beat.
                    logger.warning("Heartbeat failed: %s", error)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
