"""Running an import job: the dry run and the apply, as django-tasks tasks with progress in the job row.

The apply step checks the file again before writing (the directory may have changed since the dry run),
and writes only if no row has an error. Progress counters are written every 5,000 rows checked and after
every batch written (see `_progress` for how they stay visible during the one transaction)."""

from __future__ import annotations

import threading

from django.db import connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from maillage.exchange.actions import do_apply_plan
from maillage.exchange.graphs import guess_mapping, read_graph
from maillage.exchange.imports import TABULAR, NeedsMapping, Options, headers_of, prepare
from maillage.exchange.models import ImportJob, ImportKind, JobState
from maillage.exchange.plan import Plan
from maillage.exchange.reading import ReadError


def _save_report(job: ImportJob, plan: Plan) -> None:
    job.report = [row.as_dict() for row in plan.rows]
    job.counts = plan.counts
    job.notes = list(plan.notes)
    job.unknown_values = list(plan.unknown_values)
    job.total, job.done = len(plan.rows), len(plan.rows)


def _progress(job_id: int, done: int, total: int, outside: bool = False) -> None:
    """Write the counters the status row shows.

    While the import's transaction is open, its own writes are invisible to the page polling them: on
    PostgreSQL the counters are written from another thread, which has its own connection and commits at
    once. SQLite allows one writer at a time, so there the bar waits for the end of the transaction.
    """

    def write() -> None:
        ImportJob.objects.filter(pk=job_id).update(done=done, total=total)

    if not outside or connection.vendor != "postgresql" or not connection.in_atomic_block:
        write()
        return

    def in_own_connection() -> None:
        try:
            write()
        finally:
            connections.close_all()

    thread = threading.Thread(target=in_own_connection)
    thread.start()
    thread.join()


def execute(job: ImportJob, apply: bool) -> ImportJob:
    """Check (and with `apply`, write) the job's file; the job row says how it went."""
    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.APPLYING if apply else JobState.CHECKING, done=0
    )
    with job.file.open("rb") as handle:
        raw = handle.read()
    try:
        options = Options(chosen=job.mapping, progress=lambda done, total: _progress(job.pk, done, total))
        plan = prepare(job.kind, raw, job.network, job.created_by, options)
    except ReadError as error:
        job.state, job.message = JobState.FAILED, str(error)
    except NeedsMapping:
        job.state, job.message = JobState.UPLOADED, _("Some columns need to be matched to fields.")
    else:
        _save_report(job, plan)
        job.state, job.message = JobState.CHECKED, ""
        if plan.has_errors and apply:
            job.message = _("The file was checked again and has errors: nothing was imported.")
        elif apply:
            job.total, job.done = plan.writes, 0

            do_apply_plan(
                plan, job.created_by, lambda done, total: _progress(job.pk, done, total, outside=True)
            )
            # The write path raised the network's data version, which queues the dashboards' warming.
            job.state, job.done = JobState.APPLIED, job.total
    job.finished_at = timezone.now()
    job.save()
    return job


def read_columns(job: ImportJob) -> dict[str, object]:
    """What the mapping form offers: a table's headers, or a graph's attributes with the guessed mapping."""
    with job.file.open("rb") as handle:
        raw = handle.read()
    if job.kind in (ImportKind.GRAPHML, ImportKind.GEXF):
        graph = read_graph(raw, job.kind)
        guessed = {key.split(":", 1)[1]: value for key, value in guess_mapping(graph).items()}
        return {
            "node_attributes": graph.node_attributes,
            "edge_attributes": graph.edge_attributes,
            "initial": {"name": "label", "level_rule": "as-written"} | guessed,
        }
    if job.kind in TABULAR:
        return {"headers": headers_of(job.kind, raw)}
    return {}


@task()
def read_job_columns(job_id: int) -> None:
    """The worker's side of the upload: a large workbook is read here, never in the web request."""
    job = ImportJob.objects.get(pk=job_id)
    with translation.override(job.language):
        try:
            job.columns, job.state = read_columns(job), JobState.UPLOADED
        except ReadError as error:
            job.state, job.message = JobState.FAILED, str(error)
        job.save(update_fields=["columns", "state", "message"])


@task()
def run_import(job_id: int, apply: bool) -> None:
    job = ImportJob.objects.select_related("network", "created_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            execute(job, apply)
        except Exception:
            # A database error while writing: the transaction rolled back; say so, not "applying" forever.
            with transaction.atomic():
                ImportJob.objects.filter(pk=job_id).update(
                    state=JobState.FAILED, message=_("The import failed while writing: nothing was imported.")
                )
            raise
