from django.contrib import admin

from maillage.concertation.models import SpaceProfile, TerritoryDocument, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "order"]


@admin.register(SpaceProfile)
class SpaceProfileAdmin(admin.ModelAdmin):
    list_display = ["network", "meeting_hours_per_year"]
    raw_id_fields = ["network"]


@admin.register(TerritoryDocument)
class TerritoryDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "territory", "period_start", "period_end", "published_on"]
    list_filter = ["kind"]
    raw_id_fields = ["territory", "author_organization"]
