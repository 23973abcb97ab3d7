from __future__ import annotations

from django.shortcuts import render


def browse(request):
    return render(request, "catalog/browse.html")
