"""Walking the portal as a visitor does: every route of the URLconf, the pages a client reaches
by following links, and the forms on those pages (field names, kinds and offered values)."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.contrib import admin
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# Pages visited per route: two, so that a route whose first page has no form (a volunteer's own
# profile has no contact form) still shows its form on the second.
VISITS_PER_ROUTE = 2


def url_routes():
    """{route: URLPattern} for every route outside the admin, each named as Django names it in
    ResolverMatch.route, found by walking the URLconf and its includes."""

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            route = URLResolver._join_route(prefix, str(entry.pattern))
            if isinstance(entry, URLResolver):
                if not route.startswith("admin/"):  # the admin has its own walk below
                    yield from walk(entry, route)
            else:
                yield route, entry

    return dict(walk(get_resolver(), ""))


def route_of(path):
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


def parameterless_paths():
    """The paths of the routes that take no argument: where a walk starts."""
    paths = []
    for route, pattern in url_routes().items():
        regex = pattern.pattern.regex
        if regex.groups == 0:
            paths.append("/" + route.replace("^", "").replace("$", "").replace("\\", ""))
    return paths


@dataclass
class FormField:
    name: str
    kind: str  # text, hidden, choice, multiple, checkbox, file
    values: list = field(default_factory=list)  # what the page offers, or the current value


@dataclass
class Form:
    method: str
    action: str
    fields: dict  # name -> FormField


@dataclass
class Page:
    path: str
    status: int
    forms: list
    links: list


MEDIA_ADDRESSES = {"img": ["src"], "video": ["src", "poster"], "source": ["src"], "track": ["src"]}


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.forms, self.form, self.select = [], [], None, None

    def _add(self, name, kind, value=None):
        fields = self.form.fields
        entry = fields.setdefault(name, FormField(name, kind))
        if kind in ("choice", "multiple") and entry.kind != kind:
            entry.kind = kind
        if value is not None:
            entry.values.append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag in MEDIA_ADDRESSES:
            # What the page loads is reached as its links are (a story's video, captions, poster).
            self.links += [attrs[name] for name in MEDIA_ADDRESSES[tag] if attrs.get(name)]
        elif tag == "form":
            self.form = Form((attrs.get("method") or "get").lower(), attrs.get("action") or "", {})
            self.forms.append(self.form)
        elif self.form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind == "radio":
                self._add(attrs["name"], "choice", attrs.get("value", "on"))
            elif kind == "checkbox":
                self._add(attrs["name"], "multiple", attrs.get("value", "on"))
            elif kind == "file":
                self._add(attrs["name"], "file")
            else:
                self._add(
                    attrs["name"], "hidden" if kind == "hidden" else "text", attrs.get("value")
                )
        elif tag == "textarea":
            self._add(attrs["name"], "text")
        elif tag == "select":
            self.select = attrs["name"]
            self._add(self.select, "multiple" if "multiple" in attrs else "choice")
        elif tag == "option" and self.select:
            self.form.fields[self.select].values.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def read_page(path, status, html):
    reader = _PageReader()
    reader.feed(html)
    for form in reader.forms:
        form.action = urljoin(path, form.action or path)
        for entry in form.fields.values():
            if entry.kind == "multiple" and len(entry.values) == 1:
                entry.kind = "checkbox"  # a single box such as "I agree"
    links = [urljoin(path, href) for href in reader.links]
    return Page(path, status, reader.forms, links)


def is_portal_path(path):
    parts = urlsplit(path)
    return (
        not parts.scheme
        and not parts.netloc
        and parts.path.startswith("/")
        and not parts.path.startswith(("/static/", "/admin/"))
    )


def walk(client, start, within="/"):
    """{route: [Page, ...]}: what `client` reaches from `start` by following links (under
    `within`) and redirects, up to VISITS_PER_ROUTE pages of each route (files and CSVs
    included; a redirect or a refusal is a page with no forms)."""
    pages, queue, seen = {}, deque(start), set()
    while queue:
        path = queue.popleft()
        route = route_of(path)
        answered = [page for page in pages.get(route, []) if page.status == 200]
        if path in seen or route is None or len(answered) >= VISITS_PER_ROUTE:
            continue
        seen.add(path)
        response = client.get(path)
        html = response.content.decode() if "html" in response.get("Content-Type", "") else ""
        page = read_page(path, response.status_code, html if response.status_code == 200 else "")
        pages.setdefault(route, []).append(page)
        if response.status_code in (301, 302):
            page.links.append(urljoin(path, response["Location"]))
        queue.extend(
            link for link in page.links if is_portal_path(link) and link.startswith(within)
        )
    return pages


def query_keys(page_list, route):
    """The query-string names the portal itself uses for `route`: its GET forms' fields and the
    parameters of its links."""
    keys = set()
    for page in page_list:
        for form in page.forms:
            if form.method == "get" and route_of(form.action) == route:
                keys.update(form.fields)
        for link in page.links:
            if route_of(link) == route:
                keys.update(name for name, _ in parse_qsl(urlsplit(link).query))
    return keys


def admin_targets():
    """The path of every registered model's changelist and the model admin's own
    extra views that take no argument (such as a CSV export)."""
    targets = []
    for model_admin in admin.site._registry.values():
        for pattern in model_admin.get_urls():
            name = pattern.name or ""
            if pattern.pattern.regex.groups or name.endswith("_add"):
                continue
            opts = model_admin.model._meta
            targets.append(f"/admin/{opts.app_label}/{opts.model_name}/{pattern.pattern}")
    return targets
