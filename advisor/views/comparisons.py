"""Comparisons of a saved design version: start one, watch it (htmx polling), read it, retry.

The page polls its status fragment every second while the comparison is queued or running;
the fragment of a finished comparison carries no polling attributes, so polling stops there.
Without JavaScript the page offers a refresh link instead.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.services import pricebook_for_version

from .. import comparison_selectors, comparison_services, selectors, services
from ..comparisons import DEFAULT_MONTHS, DEFAULT_MULTIPLIERS, default_regions, params
from .fragments import render_page

MULTIPLIER_HELP = gettext_lazy(
    "Multiples of today's traffic to price, separated by commas: 0.5 is half, 10 ten times."
)


class ComparisonForm(forms.Form):
    region = forms.ChoiceField(
        label=gettext_lazy("Region to sweep growth and traffic in"),
        help_text=gettext_lazy("The design's primary Region unless you choose another."),
    )
    other_regions = forms.MultipleChoiceField(
        label=gettext_lazy("Also price it in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Up to four more Regions."),
    )
    months = forms.IntegerField(
        label=gettext_lazy("Months of data growth"),
        min_value=1,
        max_value=params.MAX_MONTHS,
        initial=DEFAULT_MONTHS,
    )
    traffic_multipliers = forms.CharField(
        label=gettext_lazy("Traffic multipliers"),
        max_length=200,
        help_text=MULTIPLIER_HELP,
        initial=", ".join(f"{m}" for m in DEFAULT_MULTIPLIERS),
    )

    def __init__(self, *args, regions: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(code, f"{code} · {name}") for code, name in sorted(regions.items())]
        self.fields["region"].choices = choices
        self.fields["other_regions"].choices = choices

    def clean_traffic_multipliers(self) -> list[str]:
        parts = [p.strip() for p in self.cleaned_data["traffic_multipliers"].split(",")]
        try:
            values = [str(Decimal(p)) for p in parts if p]
        except InvalidOperation:
            raise forms.ValidationError(_("Give numbers separated by commas.")) from None
        if not values:
            raise forms.ValidationError(_("Give at least one multiplier."))
        return values

    def payload(self) -> dict:
        region = self.cleaned_data["region"]
        others = [r for r in self.cleaned_data["other_regions"] if r != region]
        return {
            "regions": [region, *others],
            "months": self.cleaned_data["months"],
            "traffic_multipliers": self.cleaned_data["traffic_multipliers"],
        }

    def add_service_errors(self, fields: dict[str, list[str]]) -> None:
        where = {"regions": "other_regions", "months": "months",
                 "traffic_multipliers": "traffic_multipliers"}  # fmt: skip
        for name, problems in fields.items():
            for problem in problems:
                self.add_error(where.get(name), problem)


def _form(version, data=None) -> ComparisonForm:
    book = pricebook_for_version(version.catalog_version_id)
    names = {code: region.name for code, region in book.regions.items()}
    primary = (version.workload.get("regions") or ["us-east-1"])[0]
    defaults = default_regions(primary, names)
    return ComparisonForm(
        data,
        regions=names,
        initial={"region": primary, "other_regions": list(defaults[1:])},
    )


@login_required
def comparison_new(request, design_id: int, number: int):
    """GET: the form with sensible defaults and this version's recent comparisons; POST:
    start one and go to its page."""
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    version = selectors.version_get(design=design, number=number)
    form = _form(version, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                comparison = comparison_services.comparison_request(
                    version=version, user=request.user, params=form.payload()
                )
            except services.Invalid as exc:
                form.add_service_errors(exc.fields)
                if not exc.fields:
                    form.add_error(None, exc.message)
            else:
                return redirect("comparison-detail", comparison_id=comparison.pk)
        status = 400
    return render_page(
        request,
        "advisor/comparison_form.html",
        {
            "design": design,
            "version": version,
            "form": form,
            "recent": comparison_selectors.comparison_list_for_version(version=version),
        },
        status=status,
    )


def _context(comparison) -> dict:
    version = comparison.design_version
    return {
        "comparison": comparison,
        "version": version,
        "design": version.design,
        "result": comparison.result,
        "stale": comparison_services.is_stale(comparison),
        "can_retry": comparison_services.can_retry(comparison),
        "queue_down": comparison.error.startswith(comparison_services.QUEUE_UNAVAILABLE),
    }


@login_required
def comparison_detail(request, comparison_id: int):
    """The whole page; for htmx, only the status fragment (the result once it is done)."""
    comparison = comparison_selectors.comparison_get_for_user(
        user=request.user, comparison_id=comparison_id
    )
    return render_page(request, "advisor/comparison.html", _context(comparison), partial="status")


@login_required
def comparison_retry(request, comparison_id: int):
    comparison = comparison_selectors.comparison_get_for_user(
        user=request.user, comparison_id=comparison_id
    )
    if request.method != "POST":
        return redirect("comparison-detail", comparison_id=comparison.pk)
    try:
        comparison_services.comparison_retry(comparison=comparison, user=request.user)
    except services.ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("comparison-detail", comparison_id=comparison.pk)
