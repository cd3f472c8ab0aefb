"""Seeing into the running portal: one structured log line per request and per task, request ids,
and error reports to Sentry with personal data taken out.

Logs and error reports never carry an email address, form content, concern details or equality
answers: a request is described by its URL pattern, never its raw path (which may hold a signed
token), and by the user's id, never their address.
"""

import functools
import re
import threading
import time
import uuid

import structlog
from django.utils.functional import empty

logger = structlog.get_logger("edi_portal.requests")

REQUEST_ID_HEADER = "X-Request-ID"
EMAIL_ADDRESS = re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+\.[a-zA-Z]{2,}")


def new_request_id():
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """Gives each request an id (request.request_id, the X-Request-ID header, every log line of
    the request) and logs one line when it ends: method, URL pattern, status, duration, user id.

    First in MIDDLEWARE, so the line times everything and is written even for a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id()
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request.request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            "request",
            method=request.method,
            path_template=path_template(request),
            status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
            user_id=user_id(request),
        )
        response[REQUEST_ID_HEADER] = request.request_id
        structlog.contextvars.clear_contextvars()
        return response


def path_template(request):
    """The URL pattern that answered ("qi-projects/<slug:slug>/"), or None when none did (a 404
    for an unknown address, a static file)."""
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None else None


def user_id(request):
    """The signed-in user's id if the request already looked the user up, else None.

    Only an already loaded user is read: looking it up here would add a database query to every
    request, static files and the health check included.
    """
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def current_request_id():
    return structlog.contextvars.get_contextvars().get("request_id")


# Celery: each task's log lines carry the task's name and id, and the id of the request that
# queued it (sent in the message's headers).


def add_request_id_to_task_headers(headers=None, **kwargs):
    request_id = current_request_id()
    if request_id and headers is not None:
        headers["request_id"] = request_id


def bind_task_context(task_id=None, task=None, **kwargs):
    structlog.contextvars.clear_contextvars()
    context = {"task": task.name, "task_id": task_id}
    request_id = getattr(task.request, "request_id", None)
    if request_id:
        context["request_id"] = request_id
    structlog.contextvars.bind_contextvars(**context)


def clear_task_context(**kwargs):
    structlog.contextvars.clear_contextvars()


# Sentry: before_send and before_breadcrumb take out anything personal.

KEPT_REQUEST_KEYS = {"method", "url"}


def scrub_text(text):
    """Email addresses out; and PostgreSQL's DETAIL (which quotes a failing row's values)."""
    if not isinstance(text, str):
        return text
    text = text.split("DETAIL:", 1)[0]
    return EMAIL_ADDRESS.sub("[email]", text)


def scrub_log_line(logger, method_name, event_dict):
    """structlog processor: scrub_text on every text value (messages, formatted tracebacks)."""
    return {key: scrub_text(value) for key, value in event_dict.items()}


def scrub_event(event, hint=None):
    """Keep what locates an error (the URL pattern's address, method, stack, request id); drop
    request bodies, query strings, cookies, headers, the user's details, local variables and
    log-message arguments, and scrub email addresses from every message left."""
    request = event.get("request")
    if request:
        event["request"] = {key: request[key] for key in KEPT_REQUEST_KEYS if key in request}
        if "url" in event["request"]:
            event["request"]["url"] = scrub_text(event["request"]["url"])
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    event.pop("extra", None)
    if "message" in event:
        event["message"] = scrub_text(event["message"])
    logentry = event.get("logentry")
    if logentry:
        event["logentry"] = {"message": scrub_text(logentry.get("message"))}
    for exception in (event.get("exception") or {}).get("values", []):
        exception["value"] = scrub_text(exception.get("value"))
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values", []):
        for frame in (thread.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    breadcrumbs = event.get("breadcrumbs") or {}
    values = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else breadcrumbs
    for breadcrumb in values:
        scrub_breadcrumb(breadcrumb)
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def scrub_breadcrumb(breadcrumb, hint=None):
    breadcrumb.pop("data", None)
    if "message" in breadcrumb:
        breadcrumb["message"] = scrub_text(breadcrumb["message"])
    return breadcrumb


# Probes: load balancers and orchestrators ask the health check every few seconds. While the
# database is down each probe fails the same way; its error goes to Sentry once a minute (per
# process), which shows the outage without using up the quota or burying other errors. Each
# person's server error is still one event: only probes are held back.
PROBE_REPEAT_SECONDS = 60


def probe(view):
    """Marks a view that probes call (the health check): its log lines carry probe=<name>, and
    an error event it causes is sent at most once a minute (ProbeRepeats)."""

    @functools.wraps(view)
    def probed(request, *args, **kwargs):
        structlog.contextvars.bind_contextvars(probe=view.__name__)
        return view(request, *args, **kwargs)

    return probed


def current_probe():
    return structlog.contextvars.get_contextvars().get("probe")


def event_key(event):
    """What makes two events the same report: their fingerprint (when one is set), logger and
    message, the exceptions' types and messages, and where they happened."""
    exceptions = (event.get("exception") or {}).get("values", [])
    return (
        tuple(event.get("fingerprint") or ()),
        event.get("logger"),
        (event.get("logentry") or {}).get("message"),
        event.get("message"),
        tuple((exception.get("type"), exception.get("value")) for exception in exceptions),
        event.get("transaction"),
    )


class ProbeRepeats:
    """Drops an event raised by a probe when the same one (event_key) was sent less than
    `interval` seconds ago by this process."""

    def __init__(self, interval=PROBE_REPEAT_SECONDS):
        self.interval = interval
        self.sent_at = {}
        self.lock = threading.Lock()

    def __call__(self, event):
        probe_name = current_probe()
        if probe_name is None:
            return event
        key = (probe_name, event_key(event))
        # The wall clock: a jump only lets one repeat through early or holds one back.
        now = time.time()
        with self.lock:
            self.sent_at = {
                kept: sent for kept, sent in self.sent_at.items() if now - sent < self.interval
            }
            if key in self.sent_at:
                return None
            self.sent_at[key] = now
        return event


def start_error_reporting(*, dsn, environment, **options):
    """Send unhandled errors from web and worker to Sentry, personal data removed; a probe's
    repeated error once a minute."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    probe_repeats = ProbeRepeats()
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        include_local_variables=False,
        max_request_body_size="never",
        # Scrubbed first, so that not even the repeats' memory holds personal data.
        before_send=lambda event, hint: probe_repeats(scrub_event(event, hint)),
        before_breadcrumb=scrub_breadcrumb,
        **options,
    )
