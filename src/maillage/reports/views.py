"""Report pages: choose a report, read one network's report (HTML, PDF), prepare a big one, download data.

Readers of a network (accounts.permissions) may see and download its report; a territory's or a
programme's report covers only the networks the reader may read.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.permissions import is_admin
from maillage.networks.permissions import readable_networks
from maillage.reports import jobs
from maillage.reports.content import build_report
from maillage.reports.exports import DIALECTS, FORMATS, export
from maillage.reports.exports.disclosure import disclosure_for
from maillage.reports.forms import ReportChoiceForm, ReportOptionsForm
from maillage.reports.render import render_html, render_pdf
from maillage.reports.scope import REPORT_KINDS, report_scope


@login_required
def index(request: HttpRequest) -> HttpResponse:
    networks = readable_networks(request.user).order_by("name_fr", "pk")
    form = ReportChoiceForm(request.GET or None, networks=networks)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = urlencode(
            {k: v for k, v in request.GET.items() if k in ("year", "since", "until", "lang") and v}
        )
        if data["network"]:
            return redirect(reverse("reports:show", args=["network", data["network"].pk]) + "?" + query)
        return redirect(reverse("reports:show", args=["programme", data["programme"]]) + "?" + query)
    return render(request, "reports/index.html", {"form": form, "formats": list(FORMATS)})


def _options(request: HttpRequest) -> ReportOptionsForm:
    params = request.GET.copy()
    params.setdefault("lang", translation.get_language() or "fr")
    return ReportOptionsForm(params)


@login_required
def show(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if kind not in REPORT_KINDS:
        raise Http404
    scope = report_scope(request.user, kind, key)
    options = _options(request)
    if not options.is_valid():
        return render(request, "reports/options.html", {"form": options, "scope": scope}, status=400)
    language = options.cleaned_data["lang"]
    if kind != "network":
        # Many networks: the report is made in the background (see jobs.py).
        return render(
            request, "reports/prepare.html", {"scope": scope, "form": options, "kind": kind, "key": key}
        )
    data = build_report(scope, options.period(), language=language)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(render_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{_filename(data.title, data.period.label)}.pdf"'
        )
        return response
    query = request.GET.copy()
    query["format"] = "pdf"
    other = "en" if language == "fr" else "fr"
    switched = request.GET.copy()
    switched["lang"] = other
    extra = {
        "pdf_url": f"?{query.urlencode()}",
        "other_language_url": f"?{switched.urlencode()}",
        "other_language_label": "English" if other == "en" else "Français",
        "export_urls": _export_urls(kind, key),
    }
    return HttpResponse(render_html(data, request=request, extra=extra))


def _filename(title: str, period: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(title)[:60] or 'rapport'}-{slugify(period)}"


def _export_urls(kind: str, key: str) -> list[tuple[str, str]]:
    labels = {"xlsx": "XLSX", "graphml": "GraphML", "gexf": "GEXF", "json": "JSON"}
    csv_url = reverse("reports:export", args=[kind, key, "csv"])
    # Both CSV flavours are offered: French Excel's (";", decimal comma) and the standard one (",").
    urls = [(str(_("CSV (Excel, French)")), f"{csv_url}?dialect=excel-fr"),
            (str(_("CSV (standard, commas)")), f"{csv_url}?dialect=rfc4180")]  # fmt: skip
    return urls + [(labels[f], reverse("reports:export", args=[kind, key, f])) for f in FORMATS if f != "csv"]


@login_required
@require_POST
def prepare(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if kind not in REPORT_KINDS:
        raise Http404
    scope = report_scope(request.user, kind, key)
    options = ReportOptionsForm(request.POST)
    if not options.is_valid():
        context = {"scope": scope, "form": options, "kind": kind, "key": key}
        return render(request, "reports/prepare.html", context, status=400)
    token = jobs.start_job(request.user.pk, kind, key, options.period(), options.cleaned_data["lang"])
    return redirect("reports:job", token=token)


def _job_for(request: HttpRequest, token: str) -> dict:
    job = jobs.read_job(token)
    if job is None or not (job["user"] == request.user.pk or is_admin(request.user)):
        raise Http404
    report_scope(request.user, job["kind"], job["key"])  # the reader must still be allowed to read it
    return job


@login_required
def job(request: HttpRequest, token: str) -> HttpResponse:
    found = _job_for(request, token)
    template = "reports/_job_status.html" if request.headers.get("HX-Request") else "reports/job.html"
    return render(request, template, {"job": found, "token": token})


@login_required
def job_download(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    found = _job_for(request, token)
    path = jobs.jobs_dir() / f"{token}.{fmt}"
    if fmt not in ("pdf", "html") or found["state"] != "done" or not path.exists():
        raise Http404
    name = _filename(found.get("title", "rapport"), str(found.get("year") or ""))
    if fmt == "html":
        return FileResponse(path.open("rb"), content_type="text/html; charset=utf-8")
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{name}.pdf")


@login_required
def export_view(request: HttpRequest, kind: str, key: str, fmt: str) -> HttpResponse:
    if kind not in REPORT_KINDS or fmt not in FORMATS:
        raise Http404
    scope = report_scope(request.user, kind, key)
    if not scope.networks.exists():
        raise Http404(_("No network to export."))
    dialect = request.GET.get("dialect")
    result = export(
        scope.networks, fmt, title=scope.title, language=translation.get_language() or "fr",
        dialect=dialect if dialect in DIALECTS else None,
        disclosure=disclosure_for(request.user, scope.networks),
    )  # fmt: skip
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
