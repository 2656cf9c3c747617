"""Upload → mapping (if needed) → dry-run report → apply (background task) → result; duplicates and merges."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from maillage.accounts.permissions import is_admin, writable_network_ids
from maillage.directory.models import Organization
from maillage.directory.names import duplicate_candidates
from maillage.exchange.forms import NEW_SECTOR, GraphMappingForm, MappingForm, UploadForm, ValuesForm
from maillage.exchange.headers import map_headers, missing_fields, remember
from maillage.exchange.imports import TABULAR
from maillage.exchange.jobs import read_job_columns, run_import
from maillage.exchange.merge import do_merge_organizations
from maillage.exchange.models import ImportJob, ImportKind, JobState
from maillage.exchange.permissions import ensure_can_merge, get_job_for
from maillage.exchange.values import do_add_sectors, remember_values
from maillage.networks.models import Network
from maillage.networks.permissions import get_network_for

REPORT_PAGE = 100


@login_required
def import_index(request: HttpRequest) -> HttpResponse:
    """The networks the user may import into."""
    networks = (
        Network.objects.all()
        if is_admin(request.user)
        else Network.objects.filter(pk__in=writable_network_ids(request.user))
    )
    return render(request, "exchange/index.html", {"networks": networks.order_by("name_fr", "id")})


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk, write=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            network=network, kind=form.cleaned_data["kind"], file=upload, filename=upload.name[-200:],
            created_by=request.user, language=(get_language() or "fr")[:8], state=JobState.READING,
        )  # fmt: skip
        # The file is read by the worker: a workbook of a million cells never holds a web request.
        read_job_columns.enqueue(job.pk)
        return redirect("exchange:mapping", pk=job.pk)
    jobs = ImportJob.objects.filter(network=network).select_related("created_by")[:10]
    status = 400 if request.method == "POST" else 200
    return render(
        request, "exchange/start.html", {"network": network, "form": form, "jobs": jobs}, status=status
    )


def _check(job: ImportJob) -> HttpResponse:
    run_import.enqueue(job.pk, False)
    return redirect("exchange:detail", pk=job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask what unknown columns (or a graph's attributes) mean; skipped when every column is known.

    The columns are read by the worker (`jobs.read_job_columns`); until they are, the page waits for it.
    """
    job = get_job_for(request.user, pk)
    if job.state == JobState.READING:
        return render(request, "exchange/reading.html", {"job": job})
    if job.state == JobState.FAILED:
        return redirect("exchange:detail", pk=job.pk)
    form = _mapping_form(request, job)
    if form is None:
        return _check(job)
    if request.method == "POST" and form.is_valid():
        job.mapping = form.chosen()
        job.save(update_fields=["mapping"])
        if job.kind in TABULAR:
            remember(job.kind, job.network_id, job.mapping)
        return _check(job)
    status = 400 if request.method == "POST" else 200
    return render(request, "exchange/mapping.html", {"job": job, "form": form}, status=status)


def _mapping_form(request: HttpRequest, job: ImportJob) -> MappingForm | GraphMappingForm | None:
    data = request.POST if request.method == "POST" else None
    columns = job.columns
    if job.kind in (ImportKind.GRAPHML, ImportKind.GEXF):
        return GraphMappingForm(
            data, node_attributes=columns.get("node_attributes", []),
            edge_attributes=columns.get("edge_attributes", []), initial=columns.get("initial", {}),
        )  # fmt: skip
    if job.kind not in TABULAR:
        return None
    headers = columns.get("headers", [])
    columns_found, unknown = map_headers(job.kind, headers, network_id=job.network_id)
    if not unknown and not missing_fields(job.kind, columns_found):
        return None
    # Every header is offered, so a missing field can be given to a column the synonyms took otherwise.
    initial = {f"column_{index}": field for index, field in columns_found.items()}
    return MappingForm(data, kind=job.kind, headers=headers, initial=initial)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for(request.user, pk)
    status = request.GET.get("status", "")
    rows = [row for row in job.report if not status or row["status"] == status]
    page = Paginator(rows, REPORT_PAGE).get_page(request.GET.get("page"))
    query = f"status={status}" if status else ""
    can_apply = job.state == JobState.CHECKED and not job.counts.get("error") and job.report
    values_form = None
    if job.state == JobState.CHECKED and any(not item.get("accepted") for item in job.unknown_values):
        values_form = ValuesForm(unknown=job.unknown_values, may_add_sectors=is_admin(request.user))
    return render(
        request, "exchange/detail.html",
        {"job": job, "page": page, "query": query, "status": status, "can_apply": can_apply,
         "values_form": values_form},
    )  # fmt: skip


@login_required
@require_POST
def import_values(request: HttpRequest, pk: int) -> HttpResponse:
    """Answers for a dry run's unknown values: remembered for the network, then the file is checked again."""
    job = get_job_for(request.user, pk)
    if job.state != JobState.CHECKED:
        messages.error(request, _("Only a checked file can have its values matched."))
        return redirect("exchange:detail", pk=job.pk)
    admin = is_admin(request.user)
    form = ValuesForm(request.POST, unknown=job.unknown_values, may_add_sectors=admin)
    if not form.is_valid():
        messages.error(request, _("Some answers are not valid choices."))
        return redirect("exchange:detail", pk=job.pk)
    answers = form.answers()
    if NEW_SECTOR in answers.get("sector", {}).values():
        if not admin:  # the choice is only offered to administrators; a forged form gets nothing
            raise PermissionDenied
        answers["sector"] = do_add_sectors(answers["sector"])
    remember_values(job.network_id, answers)
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.CHECKING, done=0)
    return _check(job)


@login_required
@require_POST
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for(request.user, pk)
    if job.state != JobState.CHECKED or job.counts.get("error"):
        messages.error(request, _("Only a checked file without errors can be imported."))
        return redirect("exchange:detail", pk=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.APPLYING, done=0)
    run_import.enqueue(job.pk, True)
    return redirect("exchange:detail", pk=job.pk)


@login_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress row the job page polls (htmx); a finished job asks the page to reload."""
    job = get_job_for(request.user, pk)
    response = render(request, "exchange/status.html", {"job": job})
    if not job.running and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _candidates() -> list:
    """The pairs, computed once per state of the directory (it is quadratic in the number of names)."""
    state = Organization.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    key = f"exchange:duplicates:{state['count']}:{changed}"
    pairs = cache.get(key)
    if pairs is None:
        names = Organization.objects.values_list("pk", "name_fr", "name_en")
        pairs = duplicate_candidates((pk, name) for pk, fr, en in names for name in (fr, en) if name)
        cache.set(key, pairs, 3600)
    return pairs


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    ensure_can_merge(request.user)
    pairs = _candidates()
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    wanted = {pk for pair in page.object_list for pk in (pair.first_id, pair.second_id)}
    organizations = Organization.objects.select_related("sector", "territory").in_bulk(wanted)
    rows = [
        (organizations[p.first_id], organizations[p.second_id], p.score, p.lookalike)
        for p in page.object_list
    ]
    return render(request, "exchange/duplicates.html", {"page": page, "rows": rows, "query": ""})


@login_required
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, keep: int, drop: int) -> HttpResponse:
    ensure_can_merge(request.user)
    queryset = Organization.objects.select_related("sector", "territory")
    kept, merged = get_object_or_404(queryset, pk=keep), get_object_or_404(queryset, pk=drop)
    error = ""
    if request.method == "POST":
        try:
            do_merge_organizations(kept, merged, request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request, _("%(merged)s was merged into %(kept)s.") % {"merged": merged, "kept": kept}
            )
            return redirect("directory:organization_detail", pk=kept.pk)
    context = {
        "kept": kept,
        "merged": merged,
        "error": error,
        "swap": reverse("exchange:merge", args=[drop, keep]),
    }
    for name, organization in (("kept_counts", kept), ("merged_counts", merged)):
        context[name] = {
            "memberships": organization.memberships.count(),
            "ties": organization.ties_as_a.count() + organization.ties_as_b.count(),
        }
    return render(request, "exchange/merge.html", context, status=400 if error else 200)
