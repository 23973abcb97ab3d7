from django.urls import path

from catalog import api as catalog_api

urlpatterns = [
    path("catalog", catalog_api.catalog_summary, name="api-catalog"),
]
