from django.contrib import admin

from maillage.ties.models import Tie, TieObservation


class ObservationInline(admin.TabularInline):
    model = TieObservation
    extra = 0
    # History is never edited in place: corrections are new observations.
    readonly_fields = [f.name for f in TieObservation._meta.fields if f.name != "id"]
    can_delete = False


@admin.register(Tie)
class TieAdmin(admin.ModelAdmin):
    list_display = ["organization_a", "organization_b", "network", "current_level", "current_formality"]
    list_filter = ["current_level", "current_formality"]
    autocomplete_fields = ["organization_a", "organization_b", "network"]
    list_select_related = ["organization_a", "organization_b", "network"]
    inlines = [ObservationInline]

    # Ties and their observations are written by `ties.actions` alone (the network's pages, imports, the
    # survey close), which keep the current state and the data version: here they are only read.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
