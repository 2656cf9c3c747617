"""Who may see and do what in the leadership programme.

- The programme's team is every user with `is_staff` or an admin (superuser): it edits the
  framework, runs activities and communities, and reads aggregates.
- Individual self-assessments are read by their author and, only while the author consents,
  by the coach they named. Nobody else: not a coordinator, not the team, not an admin.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from maillage.accounts.permissions import AnyUser, is_admin, is_coordinator_somewhere, writable_network_ids
from maillage.leadership.models import Community, CommunityMember, LeaderProfile, LearningActivity


def is_programme_team(user: AnyUser) -> bool:
    return bool(user.is_authenticated and (getattr(user, "is_staff", False) or is_admin(user)))


def can_read_ratings(user: AnyUser, profile: LeaderProfile) -> bool:
    """The one rule for individual ratings. Being an admin or a coordinator grants nothing here."""
    if not user.is_authenticated:
        return False
    if profile.user_id == user.pk:
        return True
    return bool(profile.coach_consent and profile.coach_id and profile.coach_id == user.pk)


def get_profile_ratings_for(user: AnyUser, profile_pk: int) -> LeaderProfile:
    profile = get_object_or_404(
        LeaderProfile.objects.select_related("user", "organization", "coach"), pk=profile_pk
    )
    if not can_read_ratings(user, profile):
        raise PermissionDenied
    return profile


def can_run_activities(user: AnyUser) -> bool:
    """The team and network coordinators organize learning activities."""
    return is_programme_team(user) or is_coordinator_somewhere(user)


def can_edit_activity(user: AnyUser, activity: LearningActivity) -> bool:
    if is_programme_team(user):
        return True
    if activity.network_id:
        return activity.network_id in writable_network_ids(user)
    return bool(activity.created_by_id and activity.created_by_id == user.pk)


def get_activity_for(user: AnyUser, pk: int, write: bool = False) -> LearningActivity:
    """Every signed-in user reads activities (they are offers to leaders); writing is narrower."""
    activity = get_object_or_404(LearningActivity.objects.select_related("network"), pk=pk)
    if write and not can_edit_activity(user, activity):
        raise PermissionDenied
    return activity


def community_role(user: AnyUser, community: Community) -> str | None:
    """'team', 'facilitator', 'member' or None."""
    if is_programme_team(user):
        return "team"
    membership = CommunityMember.objects.filter(community=community, user_id=user.pk).first()
    if membership is None:
        return None
    return "facilitator" if membership.facilitator else "member"


def get_community_for(user: AnyUser, pk: int, manage: bool = False) -> tuple[Community, str]:
    """The community and the user's role in it; members read and post, facilitators and the team manage."""
    community = get_object_or_404(Community, pk=pk)
    role = community_role(user, community)
    if role is None or (manage and role == "member"):
        raise PermissionDenied
    return community, role


def can_read_aggregates(user: AnyUser) -> bool:
    return is_programme_team(user) or is_coordinator_somewhere(user)
