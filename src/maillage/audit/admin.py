from __future__ import annotations

from django.contrib import admin

from maillage.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: an audit trail that can be edited proves nothing."""

    list_display = ["at", "actor", "action", "model", "object_label", "network"]
    list_filter = ["action", "model"]
    search_fields = ["actor", "object_label"]
    list_select_related = ["network"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
