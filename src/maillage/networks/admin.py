from django.contrib import admin
from django.utils import timezone

from maillage.networks.actions import record_states
from maillage.networks.models import Membership, Network


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "kind", "scale", "territory", "dynamic"]
    list_filter = ["kind", "scale", "dynamic"]
    search_fields = ["name_fr", "name_en"]
    autocomplete_fields = ["territory", "lead_organization"]
    list_select_related = ["territory"]
    inlines = [MembershipInline]

    def save_related(self, request, form, formsets, change):
        # The administration writes through the same path as the app: a dated state and a new data version.
        super().save_related(request, form, formsets, change)
        record_states([form.instance], timezone.localdate() if change else None)
