"""The benchmark's seed command: data of the national shape that every measured page renders."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from bench.pages import ANONYMOUS, STAFF, TRAINEE, admin_searches, pages
from network.models import Application, EqualityMonitoring
from qi_projects.models import QIProject
from tests.factories import StaffFactory, UserFactory, give_authenticator
from training.models import Booking, Feedback, Session

pytestmark = pytest.mark.django_db

SCALE = 0.002  # 120 applications, 80 bookings, 6 QI projects...


def seed():
    call_command("seed_national", scale=SCALE, stdout=StringIO())


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_seeds_the_national_shape_at_a_scale():
    call_command("seed_demo", stdout=StringIO())  # the seed command builds on the demo content
    demo_bookings, demo_projects = Booking.objects.count(), QIProject.objects.count()
    seed()

    seeded = Application.objects.filter(reference__startswith="NAT-")
    assert seeded.count() == 120
    assert seeded.values("cohort").distinct().count() == 3
    assert EqualityMonitoring.objects.filter(application__in=seeded).count() == 120
    assert Session.objects.count() >= 4
    assert Booking.objects.count() == demo_bookings + 80
    assert 0 < Feedback.objects.count() <= 30
    assert QIProject.objects.count() == demo_projects + 6


def test_every_benchmarked_page_renders_from_the_seeded_data():
    seed()
    staff = StaffFactory(is_superuser=True)
    give_authenticator(staff)
    clients = {ANONYMOUS: Client(), TRAINEE: signed_in(UserFactory()), STAFF: signed_in(staff)}

    failures = [
        (page.name, page.path, status)
        for page in [*pages(), *admin_searches()]
        if (status := clients[page.user].get(page.path).status_code) != 200
    ]

    assert failures == []


def test_refuses_to_seed_a_database_twice():
    seed()
    applications = Application.objects.count()

    with pytest.raises(CommandError, match="already holds national-scale data"):
        seed()

    assert Application.objects.count() == applications
