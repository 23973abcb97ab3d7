from django.contrib import admin
from django.urls import include, path

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("catalog/", include("catalog.urls")),
    path("", include("advisor.urls")),
]
