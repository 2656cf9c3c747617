"""Learning activities (trainings, workshops, coaching), their participants, and the framework's coverage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from maillage.accounts.permissions import AnyUser, writable_network_ids
from maillage.leadership.actions import do_add_participant, do_record_attendance, do_save_activity
from maillage.leadership.forms import ActivityForm, CoverageFilterForm, ParticipantForm
from maillage.leadership.models import ActivityKind, Competency, LearningActivity
from maillage.leadership.permissions import (
    can_edit_activity,
    can_run_activities,
    get_activity_for,
    is_programme_team,
)
from maillage.listing import paginate
from maillage.networks.models import Network


def organizing_networks(user: AnyUser) -> QuerySet[Network]:
    """The networks a user may run activities for: all for the team, the ones they coordinate otherwise."""
    if is_programme_team(user):
        return Network.objects.order_by("name_fr")
    return Network.objects.filter(pk__in=writable_network_ids(user)).order_by("name_fr")


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    activities = LearningActivity.objects.select_related("network").prefetch_related("competencies")
    kind = request.GET.get("kind", "")
    if kind in ActivityKind.values:
        activities = activities.filter(kind=kind)
    activities = activities.annotate(
        participant_count=Count("participations", distinct=True),
    ).order_by("-start_date", "-id")
    page, query = paginate(request, activities)
    return render(
        request,
        "leadership/activity_list.html",
        {
            "page": page,
            "query": query,
            "kinds": ActivityKind.choices,
            "kind": kind,
            "can_create": can_run_activities(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    activity = get_activity_for(request.user, pk, write=True) if pk else None
    if activity is None and not can_run_activities(request.user):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, instance=activity, networks=organizing_networks(request.user))
    if request.method == "POST" and form.is_valid():
        if not is_programme_team(request.user) and not form.cleaned_data.get("network"):
            form.add_error("network", _("Choose the network you coordinate that organizes this activity."))
        else:
            saved = do_save_activity(form, request.user)
            messages.success(request, _("Activity saved."))
            return redirect("leadership:activity_detail", pk=saved.pk)
    return render(request, "leadership/activity_form.html", {"form": form, "activity": activity})


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for(request.user, pk)
    can_edit = can_edit_activity(request.user, activity)
    # Who took part is shown to the organizers only; the others see how many.
    participations = (
        activity.participations.select_related("profile__user", "profile__organization").order_by(
            "profile__user__last_name", "profile__user__username"
        )
        if can_edit
        else None
    )
    return render(
        request,
        "leadership/activity_detail.html",
        {
            "activity": activity,
            "competencies": activity.competencies.select_related("pillar"),
            "participations": participations,
            "participant_count": activity.participations.count(),
            "can_edit": can_edit,
            "participant_form": ParticipantForm(),
        },
    )


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for(request.user, pk, write=True)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        do_add_participant(activity, form.cleaned_data["username"])
        messages.success(request, _("Participant added."))
    else:
        messages.error(request, " ".join(form.errors.get("username", [])))
    return redirect("leadership:activity_detail", pk=activity.pk)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for(request.user, pk, write=True)
    attended = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
    count = do_record_attendance(activity, attended)
    messages.success(request, _("Attendance saved: %(count)d present.") % {"count": count})
    return redirect("leadership:activity_detail", pk=activity.pk)


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    """Which competencies the activities address, and which none does: where to plan next."""
    if not can_run_activities(request.user):
        raise PermissionDenied
    networks = organizing_networks(request.user)
    form = CoverageFilterForm(request.GET or None, networks=networks)
    data = form.cleaned_data if form.is_valid() else {}
    scope = Q(activities__network__in=networks) if not is_programme_team(request.user) else Q()
    if data.get("network"):
        scope &= Q(activities__network=data["network"])
    if data.get("since"):
        scope &= Q(activities__start_date__gte=data["since"])
    competencies = (
        Competency.objects.filter(active=True)
        .select_related("pillar")
        .annotate(activity_count=Count("activities", filter=scope or None, distinct=True))
        .order_by("pillar__order", "order", "code")
    )
    uncovered = [c for c in competencies if not c.activity_count]
    return render(
        request,
        "leadership/coverage.html",
        {"form": form, "competencies": competencies, "uncovered": uncovered},
    )
