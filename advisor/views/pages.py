from __future__ import annotations

from django.shortcuts import render


def home(request):
    return render(request, "advisor/home.html")
