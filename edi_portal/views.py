import logging

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.db.models import Count, Min
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from . import home, retention
from .context_processors import portal
from .forms import WidgetDemoForm
from .models import OutboundEmail
from .observability import probe
from .privacy import form_notices

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
                "heading": "Mentoring and buddy schemes",
                "href": "/mentoring/",
                "description": "Find a mentor, mentor a trainee or join a buddy scheme.",
            },
            {
                "heading": "Opportunities to lead",
                "href": "/opportunities/",
                "description": "Oversight Group places, workstream leads, events and more.",
            },
            {
                "heading": "Resources",
                "href": "/resources/",
                "description": "Useful documents, guidance and links.",
            },
        ]
    }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**home.context(), **kwargs)


class AccessibilityStatementView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyNoticeView(TemplateView):
    template_name = "pages/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            controller=settings.PRIVACY_CONTROLLER,
            data_protection_officer_email=settings.DATA_PROTECTION_OFFICER_EMAIL,
            server_log_retention_days=settings.SERVER_LOG_RETENTION_DAYS,
            outbox_retention_days=settings.OUTBOX_RETENTION_DAYS,
            form_notices=form_notices(),
            retention_rules=retention.rules(),
        )
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


def outbox_backlog():
    """Emails waiting to be sent, and how long the oldest has waited (seconds, or None)."""
    backlog = OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED).aggregate(
        unsent=Count("pk"), oldest=Min("created_at")
    )
    oldest = backlog["oldest"]
    age = round((timezone.now() - oldest).total_seconds()) if oldest else None
    return {"unsent": backlog["unsent"], "oldest_unsent_seconds": age}


# A name /healthz asks the uploads' store about. It need not exist: the store answering the
# question is what counts.
STORAGE_PROBE_NAME = "healthz/probe.txt"


def storage_status():
    """'ok' or 'down': whether the uploads' store answers, asked through its probe storage
    (settings.STORAGES["uploads_probe"]: one try, a second's wait)."""
    try:
        storages["uploads_probe"].exists(STORAGE_PROBE_NAME)
    except Exception as error:  # any failure to get an answer means the store is down
        logger.warning("Health check: file store not reachable (%s)", error)
        return "down"
    return "ok"


@never_cache
@probe
def healthz(request):
    """Readiness for load balancers: 503 only when the database does not answer.

    The broker and the uploads' store are reported but do not fail the check: pages and forms
    work without Redis (only email waits) and without the store (only files wait), and every
    node shares both, so taking the web process out of service would make things worse. The
    outbox backlog says whether email is getting out (a growing age means no worker is sending).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        outbox = outbox_backlog()
        database = "ok"
    except Exception:  # any database error means this process cannot serve
        logger.exception("Health check: database not reachable")
        database, outbox = "down", None
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {
            "database": database,
            "broker": broker_status(),
            "outbox": outbox,
            "storage": storage_status(),
        },
        status=status,
    )


@never_cache
@probe
def liveness(request):
    """Liveness: the process answers HTTP. Nothing else is asked, so a database or Redis outage
    never gets healthy processes restarted."""
    return JsonResponse({"status": "ok"})


def bad_request(request, exception):
    """The 400 page, for a request the portal cannot read.

    What could not be read may be the body itself (a form in another charset, which Django
    refuses as it reads it): the page's CSRF wrapper, which looks for a form's token whenever the
    browser holds the CSRF cookie, would read it again and fail with a 500. The request is given
    an empty form first, as Django does itself after a multipart body it cannot parse.
    """
    request._mark_post_parse_error()
    return defaults.bad_request(request, exception)


def server_error(request):
    """The 500 page, rendered without the database (which may be why the request failed): only
    the layout's own values, none of the context processors that read the session or the user,
    and the request's id for the person to quote when they get in touch."""
    context = {**portal(request), "request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(loader.render_to_string("500.html", context))


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: the page was open too long, or cookies are blocked."""
    return render(request, "403_csrf.html", status=403)
