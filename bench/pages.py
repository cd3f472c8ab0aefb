"""The pages the benchmark measures (`make bench`, scripts/bench.py), found in seeded data.

Each page is timed against LAYOUT_PAGE, which renders only the base layout, so the ratio between
the two holds on a noisy machine. tests/bench/test_seed_national.py checks that every page
renders from the seed command's data.
"""

import math
from dataclasses import dataclass

LAYOUT_PAGE = "/accessibility/"
ANONYMOUS, TRAINEE, STAFF = "anonymous", "trainee", "staff"


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str
    user: str = ANONYMOUS  # who asks for it: ANONYMOUS, TRAINEE or STAFF (a superuser)


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
        BenchPage("home", "/"),
        BenchPage("workstreams", "/workstreams/"),
        BenchPage(
            "a workstream page",
            Workstream.objects.filter(is_active=True).first().get_absolute_url(),
        ),
        BenchPage("training", "/training/"),
        BenchPage("a session page", (session or Session.objects.first()).get_absolute_url()),
        BenchPage("QI gallery page 1", "/qi-projects/"),
        BenchPage("QI gallery filtered", f"/qi-projects/?theme={Theme.LEARNING_ENVIRONMENT}"),
        BenchPage(
            f"QI gallery page {min(100, gallery_pages)}",
            f"/qi-projects/?page={min(100, gallery_pages)}",
        ),
        BenchPage("a QI project page", project.get_absolute_url()),
        BenchPage("QI conference", "/qi-projects/conference/"),
        BenchPage("QI annual report", f"/qi-projects/report/{academic_year_for()}/"),
        BenchPage("resources", "/resources/"),
        BenchPage("good practice", "/good-practice/"),
        BenchPage("a good-practice item", GoodPractice.objects.first().get_absolute_url()),
        BenchPage("search", "/search/?q=bystander"),
        BenchPage("trainees' stories", "/stories/"),
        BenchPage("a story page", Story.objects.published().first().get_absolute_url()),
        BenchPage("join: start", "/join/"),
        BenchPage("join: first question", "/join/about-you/"),
        BenchPage("peer support directory", "/peer-support/", TRAINEE),
        BenchPage("a volunteer's profile", volunteer.get_absolute_url(), TRAINEE),
        BenchPage("reports", "/reports/", STAFF),
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
