from django.contrib import admin

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
