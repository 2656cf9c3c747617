"""A network's stages of development and lessons about partnership: readers see, coordinators record.

Readers of the network see the path of stages and the lessons cleared for publication; the network's
coordinators (and administrators) also see the lessons kept private and record or delete entries.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.permissions import can_write_network
from maillage.lessons.actions import do_add_lesson, do_record_stage
from maillage.lessons.forms import LessonForm, StageForm
from maillage.lessons.models import DevelopmentStage, Lesson, NetworkStage, Publication
from maillage.networks.models import Network
from maillage.networks.permissions import get_network_for


def _page(request: HttpRequest, network: Network, *, stage_form=None, lesson_form=None, status=200):
    can_edit = can_write_network(request.user, network)
    lessons = Lesson.objects.filter(network=network).select_related("organization")
    if not can_edit:
        lessons = lessons.exclude(publication=Publication.NONE)
    context = {
        "network": network,
        "can_edit": can_edit,
        "path": NetworkStage.objects.filter(network=network).select_related("stage"),
        "stages": DevelopmentStage.objects.all(),
        "lessons": lessons,
    }
    if can_edit:
        context["stage_form"] = stage_form or StageForm(network=network)
        context["lesson_form"] = lesson_form or LessonForm(network=network)
    return render(request, "lessons/network.html", context, status=status)


@login_required
def network_page(request: HttpRequest, network_pk: int) -> HttpResponse:
    return _page(request, get_network_for(request.user, network_pk))


@login_required
@require_POST
def stage_add(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = get_network_for(request.user, network_pk, write=True)
    form = StageForm(request.POST, network=network)
    if not form.is_valid():
        return _page(request, network, stage_form=form, status=400)
    do_record_stage(form, request.user)
    messages.success(request, _("Stage recorded."))
    return redirect("lessons:network", network_pk=network.pk)


@login_required
@require_POST
def lesson_add(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = get_network_for(request.user, network_pk, write=True)
    form = LessonForm(request.POST, network=network)
    if not form.is_valid():
        return _page(request, network, lesson_form=form, status=400)
    do_add_lesson(form, request.user)
    messages.success(request, _("Lesson recorded."))
    return redirect("lessons:network", network_pk=network.pk)


@login_required
@require_POST
def entry_delete(request: HttpRequest, network_pk: int, kind: str, pk: int) -> HttpResponse:
    network = get_network_for(request.user, network_pk, write=True)
    model = {"stage": NetworkStage, "lesson": Lesson}.get(kind)
    if model is None:
        return redirect("lessons:network", network_pk=network.pk)
    get_object_or_404(model, network=network, pk=pk).delete()
    messages.success(request, _("Deleted."))
    return redirect("lessons:network", network_pk=network.pk)
