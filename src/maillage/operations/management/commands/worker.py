"""`maillage worker`: run background tasks from the database queue, surviving crashes of other workers.

It is django-tasks-db's `db_worker` (same options) plus a heartbeat and the recovery of tasks left RUNNING
by a worker that died; see maillage/operations/worker.py.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from maillage.operations.worker import Heartbeat, beat, forget, recover_lost_tasks


class Command(DbWorkerCommand):
    help = "Run the background worker (MAILLAGE_TASKS_BACKEND=database); tasks of killed workers are retried."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat", type=float, default=5.0, help="seconds between heartbeats and sweeps (default 5)"
        )
        parser.add_argument(
            "--stale-after",
            type=float,
            default=60.0,
            help="a RUNNING task whose worker has been silent this many seconds is retried (default 60)",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=3,
            help="attempts before a task whose worker keeps dying is marked failed (default 3)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat, stale_after = options.pop("heartbeat"), options.pop("stale_after")
        max_attempts = options.pop("max_attempts")
        if heartbeat <= 0 or stale_after <= heartbeat or max_attempts < 1:
            raise CommandError("Need --heartbeat > 0, --stale-after > --heartbeat and --max-attempts >= 1.")
        worker_id = options["worker_id"]
        beat(worker_id)
        recovery = recover_lost_tasks(stale_after=stale_after, max_attempts=max_attempts)
        if recovery.requeued or recovery.failed:
            self.stdout.write(
                f"Lost tasks of stopped workers: {recovery.requeued} back in the queue, "
                f"{recovery.failed} failed after {max_attempts} attempts."
            )
        pulse = Heartbeat(worker_id, interval=heartbeat, stale_after=stale_after, max_attempts=max_attempts)
        pulse.start()
        try:
            super().handle(*args, **options)
        finally:
            pulse.stop()
            forget(worker_id)
