from django.urls import path, re_path

from catalog import api as catalog_api

from . import (
    common,
    comparisons,
    designs,
    estimates,
    openapi,
    questionnaire,
    recommendations,
    reports,
    teams,
)

urlpatterns = [
    path("openapi.json", openapi.openapi_json, name="api-openapi"),
    path("catalog", catalog_api.catalog_summary, name="api-catalog"),
    path("estimates", estimates.estimates, name="api-estimates"),
    path("questionnaire", questionnaire.questionnaire, name="api-questionnaire"),
    path("recommendations", recommendations.recommendations, name="api-recommendations"),
    path("teams", teams.teams, name="api-teams"),
    path("teams/<int:team_id>/members", teams.members, name="api-team-members"),
    path("teams/<int:team_id>/members/<str:username>", teams.member, name="api-team-member"),
    path("designs", designs.designs, name="api-designs"),
    path("designs/<int:design_id>", designs.design, name="api-design"),
    path("designs/<int:design_id>/versions", designs.versions, name="api-design-versions"),
    path(
        "designs/<int:design_id>/versions/<int:number>",
        designs.version,
        name="api-design-version",
    ),
    path("designs/<int:design_id>/reports", reports.reports, name="api-design-reports"),
    path("reports/<str:token>", reports.report, name="api-report"),
    path(
        "designs/<int:design_id>/comparisons",
        comparisons.comparisons,
        name="api-design-comparisons",
    ),
    path("comparisons/<int:comparison_id>", comparisons.comparison, name="api-comparison"),
    path(
        "comparisons/<int:comparison_id>/retry",
        comparisons.retry,
        name="api-comparison-retry",
    ),
    # Last: an address under /api/v1/ that matches nothing above (an id that is not a number,
    # a misspelt path) is answered in the API's JSON error shape, not with the site's HTML page.
    re_path(r"^", common.not_found, name="api-not-found"),
]
