"""The pages the benchmark measures (`make bench`, scripts/bench.py), found in seeded data.

Each page is timed against LAYOUT_PAGE, which renders only the base layout, so the ratio between
the two holds on a noisy machine. tests/bench/test_seed_national.py checks that every page
renders from the seed command's data.
"""

import math
from collections import Counter
from dataclasses import dataclass

LAYOUT_PAGE = "/accessibility/"
ANONYMOUS, TRAINEE, STAFF = "anonymous", "trainee", "staff"


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str
    user: str = ANONYMOUS  # who asks for it: ANONYMOUS, TRAINEE or STAFF (a superuser)
    # DETAIL or LIST: which of issue 24's fresh-render targets applies ("" for none: staff pages).
    kind: str = ""
    # The page shows bookings (places left): a booking changes it, so it is not held to the
    # hit-rate target under a steady writer.
    shows_bookings: bool = False


DETAIL, LIST = "detail", "list"
# The admin changelists' search, as staff use it (issue 24: under 150 ms one at a time).
ADMIN_SEARCH = "smith"


def pages():
    """The pages in the performance table (docs/performance.md), then every admin changelist."""
    # Imported here, so scripts/bench.py can read the names above before Django is set up.
    from django.contrib import admin
    from django.urls import reverse

    from edi_portal.academic_year import academic_year_for
    from peer_support.models import VolunteerProfile
    from qi_projects.models import QIProject, Theme
    from qi_projects.views import GalleryView
    from stories.models import Story
    from training.models import Session
    from workstreams.models import GoodPractice, Workstream

    published = QIProject.objects.published()
    gallery_pages = math.ceil(published.count() / GalleryView.paginate_by)
    project = published.order_by("-published_at").first()
    session = Session.objects.upcoming().order_by("starts_at").first()
    volunteer = VolunteerProfile.objects.listed().order_by("pk").first()
    table = [
        BenchPage("home", "/", kind=LIST),
        BenchPage("workstreams", "/workstreams/", kind=LIST),
        BenchPage(
            "a workstream page",
            Workstream.objects.filter(is_active=True).first().get_absolute_url(),
            kind=DETAIL,
        ),
        BenchPage("training", "/training/", kind=LIST, shows_bookings=True),
        BenchPage(
            "a session page",
            (session or Session.objects.first()).get_absolute_url(),
            kind=DETAIL,
            shows_bookings=True,
        ),
        BenchPage("QI gallery page 1", "/qi-projects/", kind=LIST),
        BenchPage(
            "QI gallery filtered", f"/qi-projects/?theme={Theme.LEARNING_ENVIRONMENT}", kind=LIST
        ),
        BenchPage(
            f"QI gallery page {min(100, gallery_pages)}",
            f"/qi-projects/?page={min(100, gallery_pages)}",
            kind=LIST,
        ),
        BenchPage("a QI project page", project.get_absolute_url(), kind=DETAIL),
        BenchPage("QI conference", "/qi-projects/conference/", kind=LIST),
        BenchPage("QI annual report", f"/qi-projects/report/{academic_year_for()}/", kind=LIST),
        BenchPage("resources", "/resources/", kind=LIST),
        BenchPage("good practice", "/good-practice/", kind=LIST),
        BenchPage(
            "a good-practice item", GoodPractice.objects.first().get_absolute_url(), kind=DETAIL
        ),
        BenchPage("search", "/search/?q=bystander", kind=LIST),
        BenchPage("trainees' stories", "/stories/", kind=LIST),
        BenchPage(
            "a story page", Story.objects.published().first().get_absolute_url(), kind=DETAIL
        ),
        BenchPage("join: start", "/join/", kind=DETAIL),
        BenchPage("join: first question", "/join/about-you/", kind=DETAIL),
        BenchPage("peer support directory", "/peer-support/", TRAINEE, kind=LIST),
        BenchPage("a volunteer's profile", volunteer.get_absolute_url(), TRAINEE, kind=DETAIL),
        BenchPage("reports", "/reports/", STAFF),
        BenchPage("reports: diversity section", "/reports/diversity/", STAFF),
        BenchPage(
            "admin applications CSV export", reverse("admin:network_application_export"), STAFF
        ),
    ]
    changelists = [
        BenchPage(
            f"admin {model._meta.verbose_name_plural}",
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
            STAFF,
        )
        for model in sorted(admin.site._registry, key=lambda model: model._meta.label)
    ]
    return table + changelists


def admin_searches():
    """Every admin changelist that has a search box, searched for ADMIN_SEARCH."""
    from django.contrib import admin
    from django.urls import reverse

    searched = [
        model
        for model, model_admin in sorted(
            admin.site._registry.items(), key=lambda item: item[0]._meta.label
        )
        if model_admin.search_fields
    ]
    names = Counter(str(model._meta.verbose_name_plural) for model in searched)

    def name(model):
        plural = str(model._meta.verbose_name_plural)
        # Two apps' models may share a name (topics): the app's tells them apart.
        return plural if names[plural] == 1 else f"{plural} ({model._meta.app_config.verbose_name})"

    return [
        BenchPage(
            f"admin {name(model)} search",
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            + f"?q={ADMIN_SEARCH}",
            STAFF,
        )
        for model in searched
    ]
