"""The framework, activities and communities in the admin. Ratings and self-assessments are NOT here.

Self-assessments are private to the person and their consenting coach (see permissions.py), so
Rating and SelfAssessment are deliberately not registered, and the leader profile page shows no
rating. The programme's team (is_staff) may edit the framework here without model permissions.
"""

from __future__ import annotations

from django.contrib import admin

from maillage.leadership.models import (
    Community,
    CommunityMember,
    CommunitySession,
    Competency,
    LeaderProfile,
    LearningActivity,
    Participation,
    Pillar,
)
from maillage.leadership.permissions import is_programme_team


class TeamPermissions:
    """Open to the whole programme's team, not only to users given model permissions one by one."""

    def has_module_permission(self, request) -> bool:
        return is_programme_team(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_programme_team(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_programme_team(request.user)

    def has_add_permission(self, request, obj=None) -> bool:
        return is_programme_team(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_programme_team(request.user)


class ProgrammeTeamAdmin(TeamPermissions, admin.ModelAdmin):
    pass


class CompetencyInline(TeamPermissions, admin.TabularInline):
    model = Competency
    extra = 0
    fields = ["code", "name_fr", "name_en", "order", "active"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # ratings point at competencies: retire one (active) instead


@admin.register(Pillar)
class PillarAdmin(ProgrammeTeamAdmin):
    list_display = ["name_fr", "name_en", "order"]
    list_editable = ["order"]
    inlines = [CompetencyInline]


@admin.register(Competency)
class CompetencyAdmin(ProgrammeTeamAdmin):
    list_display = ["name_fr", "name_en", "pillar", "order", "active"]
    list_filter = ["pillar", "active"]
    search_fields = ["name_fr", "name_en", "code"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LeaderProfile)
class LeaderProfileAdmin(ProgrammeTeamAdmin):
    # Who takes part, never what they rated: no assessment inline, no rating column.
    list_display = ["__str__", "organization", "coach", "coach_consent"]
    list_select_related = ["user", "organization", "coach"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["user", "organization", "coach"]


class ParticipationInline(TeamPermissions, admin.TabularInline):
    model = Participation
    extra = 0
    raw_id_fields = ["profile"]


@admin.register(LearningActivity)
class LearningActivityAdmin(ProgrammeTeamAdmin):
    list_display = ["__str__", "kind", "start_date", "end_date", "network"]
    list_filter = ["kind"]
    filter_horizontal = ["competencies"]
    list_select_related = ["network"]
    inlines = [ParticipationInline]


class MemberInline(TeamPermissions, admin.TabularInline):
    model = CommunityMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Community)
class CommunityAdmin(ProgrammeTeamAdmin):
    list_display = ["__str__", "created_at"]
    inlines = [MemberInline]


@admin.register(CommunitySession)
class CommunitySessionAdmin(ProgrammeTeamAdmin):
    list_display = ["theme", "community", "starts_at"]
    list_select_related = ["community"]
