"""No generated input ends in a 500 (hypothesis).

The test walks the portal itself (tests/errors/site.py): every route of the URLconf is reached by
following links from the routes that take no argument and from the accessibility list's pages
(signed links included), signed out, as a signed-in trainee and as staff. Then:
- every form signed out, and every form only a signed-in trainee sees, gets generated POSTs
  (hostile text, tampered choices, odd numbers, files, extra fields, odd charsets), sent as a
  browser sends them: the CSRF check on, with the cookie and token from the form's page;
- every list page (a page with a filter form or links with query strings, or a list view) and
  every admin changelist (and each model admin's own extra views, such as the CSV export) gets
  generated query strings, and each date drill-down of an admin list generated years, months
  and days (out-of-range ones always among them);
and no response may be a 5xx. A new route, form or filter is covered without editing the test;
a route the walk cannot reach fails the test until it is reachable (a link, or a page in the
accessibility list) or listed in NOT_WALKED with the reason. Every target is tried, and the
failure lists each falsifying example.

Examples per form or page: GENERATED_INPUT_EXAMPLES (default 5, so the suite stays quick); set it
higher to search longer, e.g. GENERATED_INPUT_EXAMPLES=200.
"""

import functools
import os
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.views.generic.list import MultipleObjectMixin
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.accessibility.pages import ALL_PAGES
from tests.browser_client import BrowserClient
from tests.factories import StaffFactory, give_authenticator
from tests.mentoring import pages as mentoring_pages
from tests.peer_support.factories import VolunteerProfileFactory
from tests.qi_projects.factories import QIProjectFactory
from tests.training.factories import SessionFacilitatorFactory
from workstreams import seed as workstreams_seed

from . import site

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("GENERATED_INPUT_EXAMPLES", "5"))
GENERATED = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Routes the walk does not reach, and why. Everything else must be reached.
NOT_WALKED = {
    "healthz": "JSON for load balancers; tests/health covers it",
    "accounts/logout/": "reached, but walking it would sign the walker out",
}

# Text that has broken forms before, and anything else hypothesis makes up.
AWKWARD_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "0",
            "-1",
            "99999999999999999999",
            "1e309",
            "NaN",
            "\u0663",  # Arabic-Indic three
            "\u00b2",  # superscript two
            "\uff12\uff10\uff12\uff17",  # full-width 2027
            "9999-00",
            "0000-01",
            "<script>alert(1)</script>",
            "[Verify your account](https://evil.example/login)",
            "someone@example.com",
            "SOMEONE@EXAMPLE.COM",
            "x" * 6000,
        ]
    ),
)
CHARSETS = st.sampled_from(
    [None, None, None, "utf-8", "UTF-8", "utf-16", "utf-32", "rot13", "hex", "latin-1", "nope"]
)


def field_values(form_field):
    offered = [value for value in form_field.values if value is not None]
    if form_field.kind == "file":
        return st.builds(
            lambda name, content: SimpleUploadedFile(f"{name}.pdf", content),
            st.text(alphabet="abcdefghij-_ ", max_size=10),
            st.one_of(st.binary(max_size=200), st.just(b"%PDF-1.4\n%%EOF\n")),
        )
    if form_field.kind == "multiple":
        return st.lists(st.one_of(st.sampled_from(offered), AWKWARD_TEXT), max_size=3)
    if offered:
        return st.one_of(st.sampled_from(offered), AWKWARD_TEXT)
    return AWKWARD_TEXT


def form_data(form):
    """Each field the form has, each either left out or given a generated value, plus extras."""
    fields = {
        name: st.one_of(st.none(), field_values(form_field))
        for name, form_field in form.fields.items()
        if name != "csrfmiddlewaretoken"
    }
    extras = st.dictionaries(st.text(min_size=1, max_size=10), AWKWARD_TEXT, max_size=2)
    return st.tuples(st.fixed_dictionaries(fields), extras).map(
        lambda pair: {**pair[1], **{k: v for k, v in pair[0].items() if v is not None}}
    )


def post(client, path, data, charset):
    """POST as a browser would (multipart), or with a charset named in the Content-Type; `data`
    holds the CSRF token."""
    if charset is None:
        return client.post(path, data)
    if any(isinstance(value, SimpleUploadedFile) for value in data.values()):
        body = encode_multipart(BOUNDARY, data)
        content_type = f"{MULTIPART_CONTENT}; charset={charset}"
    else:
        body = urlencode(data, doseq=True).encode()
        content_type = f"application/x-www-form-urlencoded; charset={charset}"
    return client.generic("POST", path, body, content_type=content_type)


def query_strings(keys):
    names = st.one_of(st.sampled_from(sorted(keys)), st.text(max_size=8)) if keys else st.text()
    return st.lists(st.tuples(names, AWKWARD_TEXT), max_size=4).map(urlencode)


# A date drill-down's year, month and day: near and far outside the calendar, or anything.
DRILL_DOWN_PARTS = st.one_of(
    st.integers(min_value=-2, max_value=10001).map(str),
    st.sampled_from(["0", "13", "32", "9998", "9999", "10000", "9" * 40]),
    AWKWARD_TEXT,
)


def admin_query_strings(keys, drill_down_field):
    """Generated query strings for an admin list, with a generated date drill-down when it has
    one."""
    if drill_down_field is None:
        return query_strings(keys)
    drill_downs = st.fixed_dictionaries(
        {}, optional=dict.fromkeys(["year", "month", "day"], DRILL_DOWN_PARTS)
    ).map(lambda parts: site.drill_down_query(drill_down_field, parts))
    return st.tuples(query_strings(keys), drill_downs).map("&".join)


def check(target, failures, test):
    """Run one generated test; keep its failure (with hypothesis's falsifying example) so that
    every form and page is tried and the report lists them all."""
    try:
        test()
    except Exception as error:  # noqa: BLE001 (any failure of any target is reported)
        failures.append(f"{target}: {type(error).__name__}: {str(error)[:2000]}")


def assert_no_failures(failures):
    assert not failures, f"{len(failures)} failing:\n\n" + "\n\n".join(failures)


def portal_data(monkeypatch):
    """The accessibility list's pages and their data (signed links among them), a trainee who
    volunteers for peer support, has a draft QI project, two mentoring matches and a session
    they facilitate, and staff
    with two-factor set up.
    Returns the paths to start walking from and the two people."""
    # The content pages' set-ups each load the same demo content: once is enough.
    monkeypatch.setattr(workstreams_seed, "run", functools.cache(workstreams_seed.run))
    start = site.parameterless_paths()
    for _, target in ALL_PAGES:
        if not callable(target):
            start.append(target)
            continue
        try:
            with transaction.atomic():
                start.append(target())
        except IntegrityError:
            pass  # its data clashes with an earlier page's (one conference a year): walked anyway
    trainee = VolunteerProfileFactory().user
    start.insert(0, QIProjectFactory(author=trainee).get_absolute_url())  # links to edit, submit
    start += mentoring_pages.sign_up_pages()  # question pages, each reached from the one before
    start += mentoring_pages.match_pages_for(trainee)  # they open for the trainee alone
    # A teaching record opens for its facilitator alone.
    start.append(SessionFacilitatorFactory(offer__user=trainee).get_absolute_url())
    start.append(mentoring_pages.decline_page_for(trainee))
    start.append(mentoring_pages.choose_page_for(trainee))
    staff = StaffFactory(is_superuser=True)
    give_authenticator(staff)
    return start, trainee, staff


def client_for(user=None):
    client = BrowserClient()
    if user is not None:
        client.force_login(user)
    return client


def generated_posts(form, user):
    # The browser opens the form's page once, for the CSRF cookie and token; each example is
    # sent from a fresh client holding them, so that none sees what an earlier one left.
    opened = client_for(user)
    token = opened.csrf_token(form.action)
    cookie = opened.cookies[django_settings.CSRF_COOKIE_NAME].value

    @GENERATED
    @given(data=form_data(form), charset=CHARSETS)
    def posts(data, charset):
        client = client_for(user)
        client.cookies[django_settings.CSRF_COOKIE_NAME] = cookie
        response = post(client, form.action, {**data, "csrfmiddlewaretoken": token}, charset)
        assert response.status_code < 500, (form.action, response.status_code)

    return posts


def post_forms(forms, user, failures):
    """Generated POSTs to each form; forms that delete, withdraw or sign out go last, so that
    the others still find their data."""

    def last(form):
        return any(word in form.action for word in ("delete", "withdraw", "logout"))

    for form in sorted(forms, key=last):
        check(f"POST {form.action}", failures, generated_posts(form, user))


def generated_queries(client_factory, path, queries, fixed=()):
    """GETs of `path` with the generated `queries`, and each of the `fixed` ones."""

    def get(query):
        response = client_factory().get(f"{path}?{query}")
        assert response.status_code < 500, (path, query, response.status_code)

    test = given(query=queries)(get)
    for query in fixed:
        test = example(query=query)(test)
    return GENERATED(test)


def post_forms_of(pages):
    """{action route: form} for the POST forms on `pages`: one form per route (a form on many
    pages, or on every session's page, is posted once)."""
    forms = {}
    for page_list in pages.values():
        for page in page_list:
            for form in page.forms:
                if form.method == "post":
                    forms.setdefault(site.route_of(form.action), form)
    return forms


def list_pages(pages):
    """{path: query-string names} for the list pages among `pages`: a list view, or a page whose
    filter form or links put names in its query string."""
    every_page = [page for page_list in pages.values() for page in page_list]
    routes = site.url_routes()
    lists = {}
    for route, page_list in pages.items():
        answered = [page for page in page_list if page.status == 200]
        if not answered or route not in routes:
            continue
        keys = site.query_keys(every_page, route)
        view_class = getattr(routes[route].callback, "view_class", None)
        if keys or (view_class and issubclass(view_class, MultipleObjectMixin)):
            lists[urlsplit(answered[0].path).path] = keys
    return lists


ADMIN_QUERY_NAMES = {"q", "o", "p", "all", "e", "_facets", "_to_field", "_popup"}


def test_no_generated_input_answers_500(settings, monkeypatch):
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    start, trainee, staff = portal_data(monkeypatch)
    people = {"signed out": None, "trainee": trainee, "staff": staff}
    walked = {
        "signed out": site.walk(client_for(), start),
        "trainee": site.walk(client_for(trainee), start),
        "staff": site.walk(client_for(staff), ["/reports/"], within="/reports/"),
    }

    reached = {route for pages in walked.values() for route in pages}
    missing = set(site.url_routes()) - reached - set(NOT_WALKED)
    assert not missing, f"Routes the walk does not reach: {sorted(missing)}"

    failures = []
    public_forms = post_forms_of(walked["signed out"])
    trainee_forms = {
        route: form
        for route, form in post_forms_of(walked["trainee"]).items()
        if route not in public_forms
    }
    post_forms(public_forms.values(), None, failures)
    post_forms(trainee_forms.values(), trainee, failures)

    # Each list page once: signed out where it opens to anyone, else as the trainee or staff.
    lists = {}
    for who, pages in walked.items():
        for path, keys in list_pages(pages).items():
            lists.setdefault(path, (who, keys))
    for path, (who, keys) in lists.items():
        queries = generated_queries(
            lambda who=who: client_for(people[who]), path, query_strings(keys)
        )
        check(f"GET {path} ({who})", failures, queries)

    staff_client = client_for(staff)
    admin_targets = site.admin_targets()
    drill_downs = site.admin_date_drill_downs()
    for path in admin_targets:
        page = staff_client.get(path)
        html = page.content.decode() if "html" in page["Content-Type"] else ""
        keys = site.query_keys([site.read_page(path, page.status_code, html)], site.route_of(path))
        field = drill_downs.get(path)
        fixed = [
            site.drill_down_query(field, parts) for parts in site.OUT_OF_RANGE_DRILL_DOWNS if field
        ]
        queries = admin_query_strings(keys | ADMIN_QUERY_NAMES, field)
        check(
            f"GET {path} (admin)",
            failures,
            generated_queries(lambda: staff_client, path, queries, fixed),
        )

    assert_no_failures(failures)
    # The walk found what it should: if these fall, the walk broke, not the portal.
    assert len(public_forms) >= 10, sorted(public_forms)
    assert any(route.startswith("peer-support/") for route in trainee_forms), sorted(trainee_forms)
    assert len(lists) >= 8, sorted(lists)
    assert "/admin/network/application/export/" in admin_targets
    assert "/admin/training/session/" in drill_downs, sorted(drill_downs)
