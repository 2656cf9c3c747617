from __future__ import annotations

from django.contrib import admin

from maillage.indicators.models import (
    DataElement,
    DataValue,
    Indicator,
    IndicatorTarget,
    LegendBand,
    ValueChange,
)


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 1


class BandInline(admin.TabularInline):
    model = LegendBand
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "family", "rba_kind", "aggregation", "active"]
    list_filter = ["family", "rba_kind", "active"]
    search_fields = ["code", "name_fr", "name_en"]
    inlines = [TargetInline, BandInline]


@admin.register(DataElement)
class DataElementAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "source", "parameter"]
    list_filter = ["source"]
    search_fields = ["code", "name_fr", "name_en"]


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    # Values are entered on the network's page, where every change is recorded; the admin only reads.
    list_display = ["network", "element", "period", "value", "origin", "updated_by", "updated_at"]
    list_filter = ["origin", "element"]
    list_select_related = ["network", "element", "updated_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ValueChange)
class ValueChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "network", "element", "period", "old_value", "new_value", "origin"]
    list_select_related = ["network", "element", "user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
