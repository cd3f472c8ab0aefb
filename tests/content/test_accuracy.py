"""The website says only what the network's documents say, finds its way to every part, and
shows a cancelled session as cancelled."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from qi_projects.models import QIProject
from tests.training.factories import BookingFactory, SessionFactory
from training.models import Booking, Session
from workstreams.models import GoodPractice, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def links(html):
    return set(re.findall(r'href="([^"]+)"', html))


# Mentoring


def test_mentoring_is_linked_from_the_home_page_and_from_its_workstream(client, demo):
    assert "/mentoring/" in links(client.get("/").text)
    page = client.get("/workstreams/international-medical-graduate-support/").text
    assert "/mentoring/" in links(page)
    assert "/mentoring/img-mentoring/" in links(page)
    assert "/mentoring/gp-buddy-scheme/" in links(page)


# Good practice: the national collection, every item in its own region

# The collection as the HEE Deans' EDI Committee Annual Report 2022/23 lists it: a few words of
# each item's title, and the regions it names.
COLLECTION = [
    ("IMG induction programme", {Region.THAMES_VALLEY, Region.WESSEX}),
    ("IMG Champions Network", {Region.THAMES_VALLEY, Region.WESSEX}),
    ("Enhanced Induction", {Region.WEST_MIDLANDS}),
    ("eLearning for Health module", {Region.LONDON, Region.KENT_SURREY_SUSSEX}),
    ("Social prescribing", {Region.YORKSHIRE_HUMBER}),
    ("Tackling differential attainment", {Region.THAMES_VALLEY}),
    ("Director of Medical Education interviews", {Region.WEST_MIDLANDS}),
    ("Differential Attainment Working Group", {Region.EAST_MIDLANDS}),
    ("Increasing diversity in the senior educator group", {Region.NORTH_WEST}),
    ("Responsible Officer Advisory Group", {Region.SOUTH_WEST}),
    ("Virtual Café", {Region.WEST_MIDLANDS}),
    ("In Training Assessment of Performance", {Region.WEST_MIDLANDS}),
    ("Enhanced EDI case-based training", {Region.NORTH_EAST}),
    ("HEE/NHSE EDI combined group", {Region.EAST_OF_ENGLAND}),
    ("EDI workshops and an EDI Ambassador", {Region.KENT_SURREY_SUSSEX}),
    ("Step Forward", {Region.NORTH_WEST}),
]


def test_every_item_of_the_collection_is_listed_in_each_of_its_regions(client, demo):
    assert GoodPractice.objects.count() == len(COLLECTION)
    for region in Region:
        html = client.get("/good-practice/", {"region": region.value}).text
        expected = [title for title, regions in COLLECTION if region in regions]
        for title in expected:
            assert title in html, (region.label, title)
        count = re.search(r"(\w+) items? found", html)[1]
        assert count == (str(len(expected)) if expected else "No"), region.label


def test_an_item_of_two_regions_names_both(client, demo):
    html = client.get("/good-practice/img-champions-network-thames-valley-wessex/").text
    assert "Thames Valley and Wessex" in html


def test_good_practice_is_called_national_not_the_north_wests(client, demo):
    for path in ["/", "/good-practice/"]:
        html = client.get(path).text
        assert "North West" not in " ".join(
            re.findall(r"[^.<>]*good practice[^.<>]*", html, flags=re.IGNORECASE)
        ), path
    assert "across England" in client.get("/good-practice/").text


def test_the_north_east_item_gives_its_contacts_as_its_write_up_does(client, demo):
    # The addresses as the write-up gives them, stored in lower case like every address.
    html = client.get("/good-practice/enhanced-edi-case-based-training-north-east/").text
    assert "mailto:david.turner@hee.nhs.uk" in html
    assert "mailto:quality.ne@hee.nhs.uk" in html
    assert "David Turner" in html
    assert "Quality team, HEE North East" not in html


# Nothing invented

# What the network's web page says of each of its QI projects submitted for 2020/21.
QI_PROJECTS_AS_THE_NETWORK_DESCRIBES_THEM = [
    "Developing webpages for the EDI group.",
    "Developing a buddy scheme for new international medical graduate trainees within GP and "
    "Psychiatry training",
    "Delivering bystander apathy training to empower trainees to speak up when they witness "
    "inappropriate behaviour in the workplace.",
    "Delivering a trainee-led Equality, Diversity and Inclusion study day for Anaesthetic "
    "trainees.",
    "Developing a scheme to support deaf trainees.",
]


def test_the_demo_qi_projects_say_only_what_the_network_says_of_them(client, demo):
    projects = list(QIProject.objects.published().order_by("published_at"))
    assert len(projects) == len(QI_PROJECTS_AS_THE_NETWORK_DESCRIBES_THEM)
    for project, described in zip(projects, QI_PROJECTS_AS_THE_NETWORK_DESCRIBES_THEM, strict=True):
        assert project.aim.startswith(described)
        assert (project.results, project.measures, project.change_ideas) == ("", "", "")
        assert project.trust == "North West EDI Allyship Network"
        assert project.academic_year == "2020-21"
        html = client.get(project.get_absolute_url()).text
        assert not re.search(r"\d+ of \d+", html)
        assert "NHS Foundation Trust" not in html


def test_the_roles_page_does_not_say_every_workstream_is_led_by_trainees(client, demo):
    html = client.get("/about/roles/").text
    assert "Each workstream is led by trainees" not in html
    assert "Active Bystander Training is led by a consultant" in html
    assert "led by trainees" not in client.get("/workstreams/").text


# A cancelled session


def test_a_cancelled_full_session_says_so_at_the_top_and_offers_no_places(client):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    BookingFactory(session=session, status=Booking.Status.WAITING)
    assert "Waiting list open" in client.get(session.get_absolute_url()).text
    session.status = Session.Status.CANCELLED
    session.save()
    html = client.get(session.get_absolute_url()).text
    main = html[html.index("<h1") :]
    assert main.index("Session cancelled") < main.index("nhsuk-summary-list")
    for text in ["Places left", "Waiting list open", "Book a place", "Join the waiting list"]:
        assert text not in main, text
