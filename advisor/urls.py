from django.urls import include, path, re_path

from .views import account_email, accounts, comparisons, design_save, designs, pages, reports, teams

urlpatterns = [
    path("", pages.home, name="home"),
    path("api/v1/", include("advisor.api.urls")),
    # accounts
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", accounts.auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password-change"),
    path(
        "accounts/password/done/",
        accounts.auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path("accounts/password/reset/", accounts.PasswordResetView.as_view(), name="password-reset"),
    path(
        "accounts/password/reset/sent/",
        accounts.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "accounts/password/reset/complete/",
        accounts.auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "accounts/password/reset/<str:uidb64>/<str:token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("accounts/email/", account_email.email_address, name="account-email"),
    path("accounts/email/resend/", account_email.email_resend, name="account-email-resend"),
    path("accounts/email/cancel/", account_email.email_cancel, name="account-email-cancel"),
    path(
        "accounts/email/confirm/<str:token>/",
        account_email.email_confirm_link,
        name="account-email-confirm",
    ),
    path("accounts/tokens/", accounts.tokens, name="account-tokens"),
    path(
        "accounts/tokens/<int:token_id>/revoke/", accounts.token_revoke, name="account-token-revoke"
    ),
    # teams
    path("teams/", teams.team_list, name="team-list"),
    path("teams/<int:team_id>/", teams.team_detail, name="team-detail"),
    path("teams/<int:team_id>/delete/", teams.team_delete, name="team-delete"),
    path("teams/<int:team_id>/members/", teams.member_add, name="team-member-add"),
    path(
        "teams/<int:team_id>/members/<str:username>/role/",
        teams.member_role,
        name="team-member-role",
    ),
    path(
        "teams/<int:team_id>/members/<str:username>/remove/",
        teams.member_remove,
        name="team-member-remove",
    ),
    path("teams/<int:team_id>/invites/", teams.invite_create, name="team-invite-create"),
    path(
        "teams/<int:team_id>/invites/<int:invite_id>/revoke/",
        teams.invite_revoke,
        name="team-invite-revoke",
    ),
    path("invites/<str:token>/", teams.invite_accept, name="invite-accept"),
    # designs
    path("designs/", designs.design_list, name="design-list"),
    path("designs/save/", design_save.design_save, name="design-save"),
    path("designs/<int:design_id>/", designs.design_detail, name="design-detail"),
    path("designs/<int:design_id>/rename/", designs.design_rename, name="design-rename"),
    path("designs/<int:design_id>/duplicate/", designs.design_duplicate, name="design-duplicate"),
    path("designs/<int:design_id>/archive/", designs.design_archive, name="design-archive"),
    path("designs/<int:design_id>/delete/", designs.design_delete, name="design-delete"),
    path("designs/<int:design_id>/share/", designs.design_share, name="design-share"),
    path(
        "designs/<int:design_id>/reports/<int:report_id>/revoke/",
        designs.report_revoke,
        name="design-report-revoke",
    ),
    path(
        "designs/<int:design_id>/versions/<int:number>/",
        designs.version_detail,
        name="design-version",
    ),
    re_path(
        r"^designs/(?P<design_id>\d+)/versions/(?P<number>\d+)\.(?P<fmt>json|md|csv)$",
        designs.version_export,
        name="design-version-export",
    ),
    # comparisons
    path(
        "designs/<int:design_id>/versions/<int:number>/compare/",
        comparisons.comparison_new,
        name="comparison-new",
    ),
    path(
        "comparisons/<int:comparison_id>/", comparisons.comparison_detail, name="comparison-detail"
    ),
    path(
        "comparisons/<int:comparison_id>/retry/",
        comparisons.comparison_retry,
        name="comparison-retry",
    ),
    # shared reports: tokens are secrets.token_urlsafe, so [A-Za-z0-9_-]. A download takes any
    # token, so that one which cannot exist is still answered in the format asked for (a JSON
    # 404 for .json), not with the site's HTML page.
    re_path(r"^r/(?P<token>[A-Za-z0-9_-]+)$", reports.report, name="report"),
    re_path(
        r"^r/(?P<token>[^/]+)\.(?P<fmt>json|md|csv)$",
        reports.report_export,
        name="report-export",
    ),
]
