"""Opportunities to lead and take part: the public list and pages, kept by the page cache and
leaving the list and the search on their closing date; verified trainees express interest;
staff shortlist or reply through the service; "Your network" lists each interest's state."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from edi_portal.models import OutboundEmail
from opportunities import services
from opportunities.models import Interest, Opportunity
from tests.factories import StaffFactory, UserFactory
from workstreams.tasks import refresh_search_words

from .factories import InterestFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def search_page(query):
    """The search results page, as a visitor sees it (a kept page or not)."""
    return Client().get("/search/", {"q": query}).text


def test_an_open_opportunity_is_listed_and_found_and_a_draft_is_not(client):
    shown = OpportunityFactory(title="Widening participation school visits")
    OpportunityFactory(title="Draft careers fair", is_published=False)
    page = client.get("/opportunities/").content.decode()
    assert "Widening participation school visits" in page
    assert "Draft careers fair" not in page
    assert "Widening participation school visits" in search_page("school visits")
    assert client.get(shown.get_absolute_url()).status_code == 200


def test_a_closed_opportunity_leaves_the_list_and_the_search_on_its_closing_date():
    """Even from a kept page: the closing date is registered with the page cache."""
    today = timezone.localdate()
    closing = OpportunityFactory(
        title="Conference abstract for the regional meeting", closes_on=today + timedelta(days=1)
    )
    later = OpportunityFactory(title="Workstream lead for content creation")
    refresh_search_words()
    assert "Conference abstract" in Client().get("/opportunities/").text
    assert "Conference abstract" in Client().get("/opportunities/").text  # now a kept page
    assert "Conference abstract for the regional meeting" in search_page("conference abstract")
    assert "Conference abstract for the regional meeting" in search_page("conference abstract")
    assert "Express interest" in Client().get(closing.get_absolute_url()).text

    midnight = datetime.combine(
        closing.closes_on, time(0, 1), tzinfo=timezone.get_current_timezone()
    )
    with time_machine.travel(midnight, tick=False):
        assert timezone.localdate() == closing.closes_on
        page = Client().get("/opportunities/").text
        assert "Conference abstract" not in page
        assert "Workstream lead for content creation" in page
        assert "Conference abstract for the regional" not in search_page("conference abstract")
        assert later.title in search_page("workstream lead")
        detail = Client().get(closing.get_absolute_url()).text
        assert "This opportunity has closed" in detail
        user = UserFactory()
        with pytest.raises(services.InterestError):
            services.express_interest(
                user=user, opportunity_id=closing.pk, name="Dr Priya Shah", statement="Me."
            )


def test_only_verified_trainees_express_interest_once(client):
    opportunity = OpportunityFactory()
    path = f"{opportunity.get_absolute_url()}interest/"
    assert client.get(path).status_code == 302  # sign in first
    client.force_login(UserFactory(email="someone@gmail.com"))
    assert client.get(path).status_code == 403
    trainee = UserFactory()
    client.force_login(trainee)
    assert client.get(path).status_code == 200
    response = client.post(path, {"name": "Dr Priya Shah", "statement": "<b>I</b> lead."})
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert (interest.user, interest.statement) == (trainee, "<b>I</b> lead.")
    again = client.post(path, {"name": "Dr Priya Shah", "statement": "Again."})
    assert again.status_code == 200 and Interest.objects.count() == 1
    email = OutboundEmail.objects.get(template="opportunities/interest_received")
    assert email.to == trainee.email
    network = client.get("/your-network/").content.decode()
    assert opportunity.title in network and "Received" in network


def test_staff_shortlist_and_reply_with_a_message_each_person_once():
    interests = InterestFactory.create_batch(2)
    changed = services.reply_to_interests(
        interest_ids=[i.pk for i in interests],
        status=Interest.Status.SHORTLISTED,
        message="We will call you.",
    )
    assert len(changed) == 2
    again = services.reply_to_interests(
        interest_ids=[interests[0].pk], status=Interest.Status.SHORTLISTED
    )
    assert again == []
    emails = OutboundEmail.objects.filter(template="opportunities/shortlisted")
    assert emails.count() == 2 and "We will call you." in emails.first().text_body


def test_the_admin_action_asks_first_then_shortlists(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(StaffFactory(is_superuser=True))
    interest = InterestFactory()
    chosen = {"action": "shortlist", "_selected_action": [interest.pk]}
    first = client.post("/admin/opportunities/interest/", chosen)
    assert "1 person will be emailed" in " ".join(first.content.decode().split())
    done = client.post(
        "/admin/opportunities/interest/", {**chosen, "confirmed": "yes", "message": "Yes."}
    )
    assert done.status_code == 302
    interest.refresh_from_db()
    assert (interest.status, interest.reply) == ("shortlisted", "Yes.")


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_list_makes_the_same_number_of_queries_for_3_and_60_opportunities(client):
    OpportunityFactory.create_batch(3)
    few = count_queries(Client(), "/opportunities/")
    OpportunityFactory.create_batch(57)
    assert Opportunity.objects.open().count() == 60
    assert count_queries(Client(), "/opportunities/") == few


@pytest.mark.parametrize(
    "path", ["/admin/opportunities/opportunity/", "/admin/opportunities/interest/"]
)
def test_the_admin_lists_make_the_same_number_of_queries_for_3_and_60_rows(client, settings, path):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(StaffFactory(is_superuser=True))
    InterestFactory.create_batch(3)
    few = count_queries(client, path)
    InterestFactory.create_batch(57)
    assert count_queries(client, path) == few


def test_retention_deletes_interests_of_long_closed_opportunities(settings):
    settings.OPPORTUNITY_INTEREST_RETENTION_DAYS = 10
    old = InterestFactory(
        opportunity=OpportunityFactory(closes_on=timezone.localdate() - timedelta(days=11))
    )
    recent = InterestFactory(
        opportunity=OpportunityFactory(closes_on=timezone.localdate() - timedelta(days=9))
    )
    assert services.delete_old_interests(now=timezone.now()) == 1
    assert not Interest.objects.filter(pk=old.pk).exists()
    assert Interest.objects.filter(pk=recent.pk).exists()


def test_open_opportunities_are_in_the_sitemap_and_closed_ones_are_not(client):
    shown = OpportunityFactory()
    closed = OpportunityFactory(closes_on=timezone.localdate())
    xml = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in xml and closed.get_absolute_url() not in xml
    assert "/opportunities/</loc>" in xml


def test_the_home_page_leads_to_the_opportunities(client):
    assert 'href="/opportunities/"' in client.get("/").content.decode()
