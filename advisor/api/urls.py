from django.urls import path

from catalog import api as catalog_api

from . import openapi

urlpatterns = [
    path("openapi.json", openapi.openapi_json, name="api-openapi"),
    path("catalog", catalog_api.catalog_summary, name="api-catalog"),
]
