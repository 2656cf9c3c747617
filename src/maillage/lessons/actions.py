"""Writes of the lessons app: each in a transaction, so nothing is half-written."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from maillage.lessons.forms import LessonForm, StageForm
from maillage.lessons.models import Lesson, NetworkStage


@transaction.atomic
def do_record_stage(form: StageForm, user: Any) -> NetworkStage:
    stage = form.save(commit=False)
    stage.recorded_by = user
    stage.save()
    return stage


@transaction.atomic
def do_add_lesson(form: LessonForm, user: Any) -> Lesson:
    lesson = form.save(commit=False)
    lesson.recorded_by = user
    lesson.save()
    return lesson
