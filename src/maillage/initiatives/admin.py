from django.contrib import admin

from maillage.initiatives.models import Attachment, Determinant, Initiative, InitiativePartner, SuccessFactor


class PartnerInline(admin.TabularInline):
    model = InitiativePartner
    extra = 0
    autocomplete_fields = ["organization"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "kind", "size"]
    readonly_fields = ["file", "kind", "size"]

    def has_add_permission(self, request, obj=None) -> bool:
        # Files come in through the app's upload form, which checks their content.
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "territory", "stage", "visibility", "is_example", "updated_at"]
    list_filter = ["stage", "visibility", "is_example"]
    search_fields = ["title_fr", "title_en", "summary_fr", "summary_en"]
    autocomplete_fields = ["territory", "networks"]
    filter_horizontal = ["populations", "strategies", "determinants", "success_factors"]
    list_select_related = ["territory"]
    inlines = [PartnerInline, AttachmentInline]


@admin.register(Determinant, SuccessFactor)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "order"]
    list_editable = ["order"]
