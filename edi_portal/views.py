import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from workstreams.models import Workstream

from .forms import WidgetDemoForm

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "pages/home.html"
    extra_context = {
        "home_cards": [
            {
                "heading": "About the network",
                "href": "/about/",
                "description": "Our vision, values and how the network is organised.",
            },
            {
                "heading": "Workstreams",
                "href": "/workstreams/",
                "description": "From QI projects to peer support: find where you can help.",
            },
            {
                "heading": "Active Bystander training",
                "href": "/training/",
                "description": "Book a place on an upcoming session for your team.",
            },
            {
                "heading": "QI projects",
                "href": "/qi-projects/",
                "description": "Quality improvement projects on equality, diversity and inclusion.",
            },
            {
                "heading": "Peer support",
                "href": "/peer-support/",
                "description": "Talk to a trainee who has been through something similar.",
            },
            {
                "heading": "Resources",
                "href": "/resources/",
                "description": "Useful documents, guidance and links.",
            },
        ]
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["workstreams"] = Workstream.objects.filter(is_active=True)
        return context


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyNoticeView(TemplateView):
    template_name = "pages/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["concern_retention_days"] = settings.CONCERN_RETENTION_DAYS
        # The session expires JOIN_ANSWERS_HOURS after the last answer; the hourly task that
        # deletes expired sessions may take up to one more hour.
        context["join_answers_hours"] = settings.JOIN_ANSWERS_HOURS + 1
        return context


class WidgetDemoView(FormView):
    """Shows every form widget of the NHS.UK template pack (not in the navigation; for tests)."""

    template_name = "pages/widget_demo.html"
    form_class = WidgetDemoForm

    def form_valid(self, form):
        return self.render_to_response(self.get_context_data(form=form, submitted=True))


def broker_status():
    """'ok', 'down', or 'not configured' (no broker URL: tasks run in-process)."""
    from .celery import app

    if not app.conf.broker_url:
        return "not configured"
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=1)
    except Exception as error:  # any failure to reach the broker means it is down
        logger.warning("Health check: broker not reachable (%s)", error)
        return "down"
    return "ok"


@never_cache
def healthz(request):
    """Health for load balancers: 503 only when the database does not answer.

    The broker is reported but does not fail the check: pages and forms work without Redis (only
    email waits), so taking the web process out of service would make things worse.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # any database error means this process cannot serve
        logger.exception("Health check: database not reachable")
        database = "down"
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "broker": broker_status()}, status=status)
