from django.contrib import admin

from maillage.directory.models import (
    ActionStrategy,
    Contact,
    MobilizationGoal,
    MobilizationPrinciple,
    MobilizationValue,
    Organization,
    Population,
    Sector,
    Territory,
)


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_en", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name_fr", "name_en", "code"]
    autocomplete_fields = ["parent"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "family", "order"]
    list_filter = ["family"]


@admin.register(Population, ActionStrategy, MobilizationGoal, MobilizationPrinciple, MobilizationValue)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "order"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_en", "acronym", "sector", "territory", "active"]
    list_filter = ["active", "sector"]
    search_fields = ["name_fr", "name_en", "acronym"]
    autocomplete_fields = ["parent", "territory"]
    list_select_related = ["sector", "territory"]
    inlines = [ContactInline]
