from django.contrib import admin

from maillage.accounts.models import Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "network", "territory"]
    list_filter = ["kind"]
    autocomplete_fields = ["network", "territory", "organization"]
    search_fields = ["user__username"]
