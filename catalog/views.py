"""The catalog page: browse, filter and sort the current price catalog.

A plain GET form; with htmx the results (or, when the service or mode changes, the whole
browser) are re-rendered as a template partial. Reads the in-memory PriceBook only.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .browse import (
    ENGINE_LABELS,
    OTHER_SORT_KEYS,
    PRICE_COLUMNS,
    SERVICE_LABELS,
    catalog_deployments,
    catalog_engines,
    catalog_instance_rows,
    catalog_other_rows,
    catalog_sort_instance_rows,
    catalog_sort_other_rows,
    entry_details,
    instance_sort_keys,
    source_url,
)
from .pricebook import PriceBook
from .selectors import SERVICES
from .services import CatalogError, pricebook_current

TEMPLATE = "catalog/browse.html"
PAGE_SIZE = 50
DEFAULT_REGION = "us-east-1"
MODES = (("instances", _("Instances and nodes")), ("other", _("Storage, I/O and requests")))
ARCHES = (("", _("Any")), ("arm64", _("Graviton (arm64)")), ("x86_64", _("x86_64")))


class CatalogFilterForm(forms.Form):
    """The page's filters. Every field is optional; choices that depend on the service
    (engines, deployments) follow the service asked for."""

    mode = forms.ChoiceField(label=_("Show"), choices=MODES, required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    engine = forms.ChoiceField(label=_("Engine"), required=False)
    deployment = forms.ChoiceField(label=_("Deployment"), required=False)
    q = forms.CharField(label=_("Instance class"), required=False, max_length=64)
    min_vcpu = forms.IntegerField(label=_("Min. vCPU"), required=False, min_value=1, max_value=512)
    min_memory = forms.DecimalField(
        label=_("Min. memory (GiB)"),
        required=False,
        min_value=0,
        max_value=100000,
        decimal_places=3,
    )
    arch = forms.ChoiceField(label=_("Processor"), choices=ARCHES, required=False)
    sort = forms.CharField(label=_("Sort"), required=False, max_length=40)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    def __init__(self, data, *, book: PriceBook) -> None:
        super().__init__(data)
        self.book = book
        asked = data.get("service") or "rds"
        self.service_for_choices = asked if asked in SERVICES else "rds"
        service = self.service_for_choices
        self.fields["service"].choices = [(s, SERVICE_LABELS[s]) for s in SERVICES]
        self.fields["region"].choices = [
            (r.code, f"{r.name} · {r.code}")
            for r in sorted(book.regions.values(), key=lambda r: r.name)
        ]
        engines = catalog_engines(book, service)
        self.fields["engine"].choices = [("", _("All engines")), *engines]
        deployments = catalog_deployments(service)
        self.fields["deployment"].choices = [("", _("All deployments")), *deployments]
        if service == "aurora":
            self.fields["deployment"].label = _("Storage configuration")
        self.has_engines = bool(engines)
        self.has_deployments = bool(deployments)
        self.fields["service"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a service of the catalog."
        )
        self.fields["region"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a region of the catalog."
        )
        self.fields["engine"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not an engine of this service in the catalog."
        )
        self.fields["deployment"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a deployment of this service."
        )
        self._wire_htmx()

    def _wire_htmx(self) -> None:
        """htmx attributes: a change of service or mode rebuilds the whole browser (the
        filters depend on them) and clears what no longer applies; any other filter
        refreshes the results only (the form's own hx-get)."""
        url = reverse("catalog:browse")
        rebuild = {
            "hx-get": url,
            "hx-target": "#catalog-browser",
            "hx-swap": "outerHTML",
            "hx-include": "closest form",
            "hx-trigger": "change",
            "hx-push-url": "true",
        }
        self.fields["mode"].widget = forms.RadioSelect(
            attrs={**rebuild, "hx-vals": json.dumps({"sort": "", "page": ""})}
        )
        self.fields["mode"].widget.choices = MODES
        self.fields["service"].widget.attrs.update(
            rebuild, **{"hx-vals": json.dumps({"engine": "", "deployment": "", "sort": ""})}
        )
        for name in ("region", "engine", "deployment", "min_vcpu", "min_memory", "arch"):
            self.fields[name].widget.attrs["class"] = "js-refine"
        self.fields["q"].widget = forms.TextInput(
            attrs={
                "type": "search",
                "class": "js-search",
                "placeholder": _("e.g. r7g, m6i.large, t4g"),
                "autocomplete": "off",
                "spellcheck": "false",
            }
        )
        if self.data.get("mode") == "other":
            self.fields["q"].label = _("Search")
            self.fields["q"].widget.attrs["placeholder"] = _("e.g. storage, backup, iops")
        self.fields["min_vcpu"].widget.attrs["inputmode"] = "numeric"
        self.fields["min_memory"].widget.attrs.update(inputmode="decimal", step="any")

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip().lower()

    def clean(self):
        data = super().clean()
        data["mode"] = data.get("mode") or "instances"
        data["service"] = data.get("service") or "rds"
        data["region"] = data.get("region") or DEFAULT_REGION
        sort = data.get("sort") or ""
        allowed = (
            instance_sort_keys(data["service"]) if data["mode"] == "instances" else OTHER_SORT_KEYS
        )
        if sort and sort.lstrip("-") not in allowed:
            self.add_error(
                "sort",
                _("Cannot sort by “%(sort)s”. Sort by one of: %(keys)s.")
                % {"sort": sort, "keys": ", ".join(sorted(allowed))},
            )
        return data


def browse(request):
    try:
        book = pricebook_current()
    except CatalogError as exc:
        return render(request, TEMPLATE, {"catalog_error": str(exc)}, status=503)

    data = request.GET.copy()
    for name, default in (("mode", "instances"), ("service", "rds"), ("region", DEFAULT_REGION)):
        if not data.get(name):
            data[name] = default
    form = CatalogFilterForm(data, book=book)
    context = {"form": form, "book": book, "sort_links": {}, "page_obj": None, "current_sort": ""}
    status = 200
    if form.is_valid():
        filters = form.cleaned_data
        context.update(filters=filters, service_label=SERVICE_LABELS[filters["service"]])
        context["current_sort"] = filters.get("sort") or ""
        context["region_name"] = book.region_name(filters["region"])
        # One engine without editions needs no engine column; Oracle and SQL Server keep it
        # for their editions and licence models.
        chosen = filters.get("engine")
        context["show_engine"] = form.has_engines and (
            not chosen or chosen in ("oracle", "sqlserver") or filters["mode"] != "instances"
        )
        if filters["mode"] == "instances":
            rows, columns = _instance_results(book, filters)
            context["columns"] = columns
        else:
            rows = _other_results(book, filters)
        paginator = Paginator(rows, PAGE_SIZE)
        page_number = filters.get("page") or 1
        if page_number > paginator.num_pages:
            context["page_error"] = _(
                "There is no page %(page)s: these filters give %(pages)s page(s)."
            ) % {"page": page_number, "pages": paginator.num_pages}
            status = 400
        else:
            context["page_obj"] = paginator.page(page_number)
            context["sort_links"] = _sort_links(request, filters)
            for column in context.get("columns", ()):
                column["link"] = context["sort_links"].get(column["sort"])
            context["page_links"] = _page_links(request, context["page_obj"])
    else:
        status = 400

    template = TEMPLATE
    if request.htmx:
        # A change of service or mode rebuilds the filters too; anything else, the results.
        template = (
            f"{TEMPLATE}#browser"
            if request.htmx.target == "catalog-browser"
            else (f"{TEMPLATE}#results")
        )
        context["oob_sort"] = template.endswith("#results")
    return render(request, template, context, status=status)


def _instance_results(book: PriceBook, filters: dict):
    service = filters["service"]
    rows = catalog_instance_rows(
        book,
        service=service,
        region=filters["region"],
        engine=filters.get("engine") or "",
        query=filters.get("q") or "",
        deployment=filters.get("deployment") or "",
        min_vcpu=filters.get("min_vcpu"),
        min_memory=filters.get("min_memory"),
        arch=filters.get("arch") or "",
    )
    rows = catalog_sort_instance_rows(rows, _effective_sort(filters))
    # A deployment no matching row is offered in (Multi-AZ cluster for Oracle) would only be
    # a column of dashes.
    offered = {c.column for row in rows for c in row.cells if c.entry is not None}
    columns = [
        {"value": value, "label": label, "sort": f"price_{value or 'node'}"}
        for value, label in PRICE_COLUMNS[service][1]
        if value in offered
    ]
    shown = {c["value"] for c in columns}
    display = [
        {
            "row": row,
            "cells": [
                {"entry": c.entry, "hourly": usd_text(c.hourly), "monthly": c.monthly}
                for c in row.cells
                if c.column in shown
            ],
        }
        for row in rows
    ]
    return display, columns


def _other_results(book: PriceBook, filters: dict):
    entries = catalog_other_rows(
        book,
        service=filters["service"],
        region=filters["region"],
        engine=filters.get("engine") or "",
        query=filters.get("q") or "",
        deployment=filters.get("deployment") or "",
    )
    return [
        {
            "entry": e,
            "what": e.label.split(" | ")[0] if e.label else e.key.dimension.replace("_", " "),
            "details": entry_details(e, book),
            "engine_label": ENGINE_LABELS.get(e.key.engine, e.key.engine),
            "price": usd_text(e.usd),
            "source_url": source_url(e.source),
            "tiered": len(e.tiers) > 1,
        }
        for e in catalog_sort_other_rows(entries, _effective_sort(filters))
    ]


def usd_text(value: Decimal | None) -> str:
    """A rate exactly as the catalog has it, without exponent, with at least two decimals:
    0.017 -> "0.017", 1.2 -> "1.20", 0.000000014 -> "0.000000014"."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    whole, _dot, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def _effective_sort(filters: dict) -> str:
    """The sort asked for, else cheapest first in the first deployment column (instances)
    or by dimension (other prices)."""
    if filters.get("sort"):
        return filters["sort"]
    if filters["mode"] != "instances":
        return "dimension"
    first_column = PRICE_COLUMNS[filters["service"]][1][0][0]
    return f"price_{first_column or 'node'}"


def _query_with(request, **changes) -> str:
    params = request.GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _sort_links(request, filters: dict) -> dict[str, dict]:
    """For each sortable column: the link that sorts by it (ascending first, then flips) and
    the direction it is sorted now ("asc", "desc" or "")."""
    current = _effective_sort(filters)
    keys = (
        instance_sort_keys(filters["service"])
        if filters["mode"] == "instances"
        else OTHER_SORT_KEYS
    )
    links = {}
    for key in keys:
        active = current.lstrip("-") == key
        descending = current.startswith("-")
        target = f"-{key}" if active and not descending else key
        links[key] = {
            "url": _query_with(request, sort=target, page=None),
            "state": ("desc" if descending else "asc") if active else "",
        }
    return links


def _page_links(request, page) -> dict[str, str]:
    links = {}
    if page.has_previous():
        links["previous"] = _query_with(request, page=page.previous_page_number())
    if page.has_next():
        links["next"] = _query_with(request, page=page.next_page_number())
    return links
