from django.contrib import admin

from .models import CatalogVersion, InstanceClass, Price, Region


@admin.register(CatalogVersion)
class CatalogVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "as_of", "is_current", "loaded_at"]
    list_filter = ["is_current"]
    search_fields = ["label", "source"]
    readonly_fields = ["loaded_at"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(InstanceClass)
class InstanceClassAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "vcpu", "memory_gib", "network", "burstable", "arch"]
    list_filter = ["version", "service", "burstable", "arch"]
    search_fields = ["name"]


@admin.register(Price)
class PriceAdmin(admin.ModelAdmin):
    list_display = [
        "service", "region", "dimension", "engine", "edition", "license_model",
        "deployment", "instance_class", "storage_type", "table_class", "term", "usd", "unit",
    ]  # fmt: skip
    list_filter = ["version", "service", "dimension", "region", "deployment", "term"]
    search_fields = ["instance_class", "engine", "label", "sku"]
    list_select_related = ["version"]
    show_full_result_count = False
