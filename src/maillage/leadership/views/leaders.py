"""A leader's own space: profile, self-assessment, progress; a coach's view; the framework."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maillage.leadership.actions import do_record_assessment, do_save_profile
from maillage.leadership.charts import personal_progress
from maillage.leadership.forms import CompetencyForm, ProfileForm, SelfAssessmentForm
from maillage.leadership.models import Competency, LeaderProfile, Level, Pillar
from maillage.leadership.permissions import (
    can_read_aggregates,
    can_run_activities,
    get_profile_ratings_for,
    is_programme_team,
)
from maillage.leadership.progress import assessments_of, comparison_rows, pillar_points, suggestions, weakest


def progress_context(profile: LeaderProfile) -> dict:
    """What the owner and a consenting coach see; the caller has checked the right to read it."""
    assessments = assessments_of(profile)
    latest = assessments[-1] if assessments else None
    chart = personal_progress(pillar_points(assessments))
    return {
        "profile": profile,
        "assessments": assessments,
        "latest": latest,
        "rows": comparison_rows(assessments),
        "suggestions": suggestions(weakest(latest)),
        "chart": chart,
        "specs": {f"chart-spec-{chart.key}": chart.spec},
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    profile = LeaderProfile.objects.select_related("organization", "coach").filter(user=request.user).first()
    context = progress_context(profile) if profile else {"profile": None}
    context |= {
        "communities": request.user.communities_of_practice.order_by("name_fr"),
        "coachee_count": LeaderProfile.objects.filter(coach=request.user, coach_consent=True).count(),
        "can_run_activities": can_run_activities(request.user),
        "can_read_aggregates": can_read_aggregates(request.user),
    }
    return render(request, "leadership/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = LeaderProfile.objects.filter(user=request.user).first() or LeaderProfile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        do_save_profile(form, request.user)
        messages.success(request, _("Profile saved."))
        return redirect("leadership:home")
    return render(request, "leadership/profile_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest) -> HttpResponse:
    profile = LeaderProfile.objects.filter(user=request.user).first()
    if profile is None:
        messages.info(request, _("Tell us which organization you speak for first."))
        return redirect("leadership:profile")
    competencies = list(Competency.objects.filter(active=True).select_related("pillar"))
    form = SelfAssessmentForm(request.POST or None, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        do_record_assessment(form, profile)
        messages.success(
            request, _("Self-assessment saved. Only you, and your coach if you agreed, can see it.")
        )
        return redirect("leadership:home")
    return render(request, "leadership/assess.html", {"form": form, "levels": Level.choices})


@login_required
def leader_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A leader's ratings: for the leader, and for their coach while the leader consents."""
    profile = get_profile_ratings_for(request.user, pk)
    return render(request, "leadership/leader_detail.html", progress_context(profile))


@login_required
def coachees(request: HttpRequest) -> HttpResponse:
    profiles = (
        LeaderProfile.objects.filter(coach=request.user, coach_consent=True)
        .select_related("user", "organization")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    return render(request, "leadership/coachees.html", {"profiles": profiles})


@login_required
def framework(request: HttpRequest) -> HttpResponse:
    pillars = Pillar.objects.prefetch_related("competencies")
    return render(
        request,
        "leadership/framework.html",
        {"pillars": pillars, "levels": Level.choices, "can_edit": is_programme_team(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def competency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not is_programme_team(request.user):
        raise PermissionDenied
    competency = get_object_or_404(Competency, pk=pk) if pk else None
    form = CompetencyForm(request.POST or None, instance=competency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("leadership:framework")
    return render(request, "leadership/competency_form.html", {"form": form, "competency": competency})
