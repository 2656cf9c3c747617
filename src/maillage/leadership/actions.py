"""Writes of the leadership app, each in one transaction."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from maillage.leadership.forms import (
    ActivityForm,
    MemberForm,
    PostForm,
    ProfileForm,
    ResourceForm,
    SelfAssessmentForm,
    SessionForm,
)
from maillage.leadership.models import (
    Community,
    CommunityMember,
    CommunitySession,
    LeaderProfile,
    LearningActivity,
    Participation,
    Post,
    Rating,
    SelfAssessment,
    SessionResource,
)
from maillage.leadership.tasks import notify_new_session


@transaction.atomic
def do_save_profile(form: ProfileForm, user: User) -> LeaderProfile:
    profile = form.save(commit=False)
    profile.user = user
    if not profile.coach_id:
        profile.coach_consent = False  # consent names a person: no coach, no consent
    profile.save()
    return profile


@transaction.atomic
def do_record_assessment(form: SelfAssessmentForm, profile: LeaderProfile) -> SelfAssessment:
    """A new self-assessment, or the one of the same day replaced: one per person and day."""
    day = form.cleaned_data["assessed_on"]
    assessment, _created = SelfAssessment.objects.get_or_create(profile=profile, assessed_on=day)
    assessment.ratings.all().delete()
    Rating.objects.bulk_create(
        Rating(assessment=assessment, competency=competency, level=level)
        for competency, level in form.levels().items()
    )
    return assessment


@transaction.atomic
def do_save_activity(form: ActivityForm, user: User) -> LearningActivity:
    activity = form.save(commit=False)
    if activity.pk is None:
        activity.created_by = user
    activity.save()
    form.save_m2m()
    return activity


@transaction.atomic
def do_add_participant(activity: LearningActivity, profile: LeaderProfile) -> Participation:
    participation, _created = Participation.objects.get_or_create(activity=activity, profile=profile)
    return participation


@transaction.atomic
def do_record_attendance(activity: LearningActivity, attended_ids: set[int]) -> int:
    """Mark exactly the given participations as attended; ids of other activities are ignored."""
    participations = activity.participations.all()
    participations.filter(pk__in=attended_ids).update(attended=True)
    participations.exclude(pk__in=attended_ids).update(attended=False)
    return participations.filter(attended=True).count()


@transaction.atomic
def do_add_member(form: MemberForm, community: Community) -> CommunityMember:
    member, _created = CommunityMember.objects.update_or_create(
        community=community,
        user=form.cleaned_data["username"],
        defaults={"facilitator": form.cleaned_data["facilitator"]},
    )
    return member


@transaction.atomic
def do_schedule_session(form: SessionForm, community: Community, user: User) -> CommunitySession:
    """Save the session and queue the members' e-mail in the same transaction.

    With the database task backend the queued task commits with the session or not at all; the
    immediate backend (development, tests) sends at once.
    """
    session = form.save(commit=False)
    session.community, session.created_by = community, user
    session.save()
    notify_new_session.enqueue(session.pk)
    return session


@transaction.atomic
def do_add_resource(form: ResourceForm, session: CommunitySession, user: User) -> SessionResource:
    resource = form.save(commit=False)
    resource.session, resource.added_by = session, user
    resource.save()
    return resource


@transaction.atomic
def do_post(form: PostForm, community: Community, user: User, parent: Post | None = None) -> Post:
    post = form.save(commit=False)
    post.community, post.author = community, user
    # Replies hang from the first post of a thread: one level, so threads stay readable.
    post.parent = (parent.parent or parent) if parent else None
    post.save()
    return post
