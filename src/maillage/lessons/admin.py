from django.contrib import admin

from maillage.lessons.models import DevelopmentStage, Lesson, NetworkStage


@admin.register(DevelopmentStage)
class DevelopmentStageAdmin(admin.ModelAdmin):
    list_display = ["order", "code", "name_fr", "name_en"]
    list_display_links = ["code"]


@admin.register(NetworkStage)
class NetworkStageAdmin(admin.ModelAdmin):
    list_display = ["network", "stage", "reached_on"]
    list_select_related = ["network", "stage"]
    raw_id_fields = ["network", "recorded_by"]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["network", "noted_on", "publication"]
    list_select_related = ["network"]
    raw_id_fields = ["network", "organization", "recorded_by"]
