from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import sitemaps, views

# The admin's own login form is replaced by allauth's sign-in (rate limited, codes, 2FA).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "NW EDI Allyship Network admin"
admin.site.site_title = "NW EDI Allyship Network admin"
# No sidebar of every model beside each page: rendering it on every changelist cost more than
# a page of rows (the admin home page and breadcrumbs lead everywhere it did).
admin.site.enable_nav_sidebar = False

# 403 and 404 use Django's handlers with the portal's templates (templates/403.html...). The
# 400 page never reads the body it was given (edi_portal.views.bad_request); the 500 page shows
# the request id (edi_portal.observability) so it can be quoted.
handler400 = "edi_portal.views.bad_request"
handler500 = "edi_portal.views.server_error"

# Admin pages of models that were part of the network app until they moved to an app of their
# own: the old addresses (in emails already sent, in bookmarks) lead to the new ones.
moved_admin_pages = [
    re_path(
        r"^(?P<page>(concern|yousaidwedid)/.*)$",
        RedirectView.as_view(url="/admin/concerns/%(page)s", permanent=True, query_string=True),
    ),
    re_path(
        r"^(?P<page>erasurerecord/.*)$",
        RedirectView.as_view(url="/admin/accounts/%(page)s", permanent=True, query_string=True),
    ),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.liveness, name="liveness"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.sitemaps}, name="sitemap"),
    path("widgets/", views.WidgetDemoView.as_view(), name="widget_demo"),
    path("accounts/", include("allauth.urls")),
    path("admin/network/", include(moved_admin_pages)),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.urls")),
    path("", include("network.urls")),
    path("", include("concerns.urls")),
    path("", include("accounts.urls")),
    path("", include("workstreams.urls")),
    path("", include("training.urls")),
    path("", include("qi_projects.urls")),
    path("", include("peer_support.urls")),
    path("", include("mentoring.urls")),
    path("", include("stories.urls")),
    path("", include("opportunities.urls")),
]
