from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

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

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.liveness, name="liveness"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("widgets/", views.WidgetDemoView.as_view(), name="widget_demo"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.urls")),
    path("", include("network.urls")),
    path("", include("workstreams.urls")),
    path("", include("training.urls")),
    path("", include("qi_projects.urls")),
    path("", include("peer_support.urls")),
    path("", include("mentoring.urls")),
]
