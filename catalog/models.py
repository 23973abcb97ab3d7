from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogVersion(models.Model):
    """One dated set of prices. Versions are never edited after loading: a saved design keeps
    pointing at the version it was priced with."""

    label = models.CharField(_("label"), max_length=100, unique=True)
    as_of = models.DateField(_("prices as of"))
    source = models.TextField(_("source"))
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    is_current = models.BooleanField(_("current"), default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_catalog_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.as_of})"


class Region(models.Model):
    code = models.CharField(max_length=32, primary_key=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class InstanceClass(models.Model):
    """Hardware of a DB instance, cache node, DAX node or DMS replication instance class."""

    version = models.ForeignKey(
        CatalogVersion, on_delete=models.CASCADE, related_name="instance_classes"
    )
    name = models.CharField(max_length=64)
    service = models.CharField(max_length=20)  # rds, elasticache, dax, dms
    vcpu = models.PositiveIntegerField()
    memory_gib = models.DecimalField(max_digits=10, decimal_places=3)
    network = models.CharField(max_length=64, blank=True)
    burstable = models.BooleanField(default=False)
    arch = models.CharField(max_length=16, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["service", "name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="unique_class_per_version")
        ]

    def __str__(self) -> str:
        return self.name


class Price(models.Model):
    """One rate, keyed as catalog.pricebook.PriceKey keys it."""

    # No index of its own: the composite indexes below start with version already.
    version = models.ForeignKey(
        CatalogVersion, on_delete=models.CASCADE, related_name="prices", db_index=False
    )
    sku = models.CharField(max_length=64, blank=True)
    service = models.CharField(max_length=20)
    region = models.CharField(max_length=32)
    dimension = models.CharField(max_length=64)
    engine = models.CharField(max_length=32, blank=True)
    edition = models.CharField(max_length=16, blank=True)
    license_model = models.CharField(max_length=32, blank=True)
    deployment = models.CharField(max_length=32, blank=True)
    instance_class = models.CharField(max_length=64, blank=True)
    storage_type = models.CharField(max_length=32, blank=True)
    table_class = models.CharField(max_length=32, blank=True)
    term = models.CharField(max_length=32, default="on_demand")
    to_region = models.CharField(max_length=32, blank=True)
    variant = models.CharField(max_length=64, blank=True)
    unit = models.CharField(max_length=64)
    usd = models.DecimalField(max_digits=24, decimal_places=12)
    begin_range = models.DecimalField(max_digits=24, decimal_places=6, default=0)
    end_range = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    label = models.TextField(blank=True)
    source = models.TextField(blank=True)
    as_of = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["version", "service", "region"]),
            models.Index(fields=["version", "dimension"]),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.dimension} {self.instance_class} {self.region} ${self.usd}"
