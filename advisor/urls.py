from django.urls import include, path

from .views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("api/v1/", include("advisor.api.urls")),
]
