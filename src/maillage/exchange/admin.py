from django.contrib import admin

from maillage.exchange.models import HeaderMapping, ImportJob, Location, MergeRecord


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "network", "state", "created_by", "created_at"]
    list_filter = ["kind", "state"]
    exclude = ["report"]


@admin.register(HeaderMapping)
class HeaderMappingAdmin(admin.ModelAdmin):
    list_display = ["header", "field", "kind", "network"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["organization", "address_1", "city", "territory"]
    raw_id_fields = ["organization"]


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "kept", "merged_by", "merged_at"]
    readonly_fields = ["kept", "merged_id", "merged_name", "details", "merged_by", "merged_at"]
