from django.contrib import admin

from maillage.concertation.models import SpaceProfile, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "order"]


@admin.register(SpaceProfile)
class SpaceProfileAdmin(admin.ModelAdmin):
    list_display = ["network", "meeting_hours_per_year"]
    raw_id_fields = ["network"]
