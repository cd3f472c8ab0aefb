"""The portal as it runs in production, end to end over HTTP: two gunicorn nodes (two workers
each), a Celery worker and beat on Redis, PostgreSQL, an SMTP server and an S3 object store, all
started by docker/start (tests/fixtures/topology.py). Emails arrive exactly once, even when the
worker is killed mid-batch; the nodes share sessions, uploads, rate limits and booking capacity,
and a change made through one node shows at once on the pages every worker keeps.
"""

import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction

from edi_portal.models import OutboundEmail
from edi_portal.services import enqueue_email
from qi_projects.models import QIProject
from tests.concerns.factories import CONCERN_CHOICES
from tests.concerns.test_concerns import SECRET_TEXT
from tests.factories import UserFactory, WorkstreamFactory
from tests.fixtures.topology import (
    OUTBOX_REQUEUE_AFTER_SECONDS,
    OUTBOX_SWEEP_INTERVAL_SECONDS,
    Browser,
    wait_for,
)
from tests.network.factories import CohortFactory
from tests.network.journey import ABOUT_YOU, EQUALITY, TRAINING, WHY, workstreams_answers
from tests.qi_projects.factories import PDF_BYTES
from tests.qi_projects.helpers import project_form_data
from tests.training.factories import SessionFactory
from training.models import Booking

pytestmark = [pytest.mark.topology, pytest.mark.django_db(transaction=True)]

BOOKER = {
    "name": "Amara Okafor",
    "email": "amara.okafor@nhs.net",
    "role": "consultant",
    "organisation": "Manchester University NHS Foundation Trust",
    "department": "Emergency department",
    "consent": "on",
}


@pytest.fixture
def nodes(topology, mailbox, settings):
    topology.reload_web()
    mailbox.clear()
    # Rows written here are swept on the same timetable as rows the processes write.
    settings.OUTBOX_REQUEUE_AFTER_SECONDS = OUTBOX_REQUEUE_AFTER_SECONDS
    return topology.web_urls


def outbox_rows(subject_prefix=""):
    return Counter(
        (row.to, row.subject)
        for row in OutboundEmail.objects.filter(subject__startswith=subject_prefix)
    )


def wait_until_every_email_is_sent(mailbox, *, subject_prefix="", expected=None, timeout=120):
    """Wait until every outbox row is sent and each has reached the SMTP server; then wait two
    sweeps more, so that a duplicate on its way would arrive too."""

    def all_delivered():
        rows = outbox_rows(subject_prefix)
        unsent = OutboundEmail.objects.filter(subject__startswith=subject_prefix).exclude(
            status=OutboundEmail.Status.SENT
        )
        enough = expected is None or sum(rows.values()) == expected
        return (
            enough and not unsent.exists() and set(mailbox.delivered(subject_prefix)) >= set(rows)
        )

    wait_for(all_delivered, timeout=timeout, message="every email to reach the SMTP server")
    time.sleep(2 * OUTBOX_SWEEP_INTERVAL_SECONDS + 1)
    return Counter(mailbox.delivered(subject_prefix))


def json_lines(process):
    lines = []
    for line in process.log().splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_booking_applying_and_raising_a_concern_each_email_once(nodes, mailbox, topology):
    node_a, node_b = nodes
    session = SessionFactory(capacity=10)
    CohortFactory()
    workstream = WorkstreamFactory(name="Peer Support Network", slug="peer-support-network")

    booker = Browser()
    response = booker.submit(f"{node_a}/training/sessions/{session.pk}/", BOOKER)
    assert response.status_code == 302, response.text[:3000]
    assert booker.get(node_b + response.headers["Location"]).status_code == 200

    applicant = Browser()
    token = applicant.csrf_token(f"{node_b}/join/about-you/")
    for node, path, answers in [
        (node_b, "about-you", ABOUT_YOU),
        (node_a, "your-training", TRAINING),
        (node_b, "workstreams", workstreams_answers(workstream)),
        (node_a, "why", WHY),
        (node_b, "equality", EQUALITY),
    ]:
        response = applicant.post(f"{node}/join/{path}/", answers, token=token)
        assert response.status_code == 302, (path, response.text[:3000])
    response = applicant.post(f"{node_a}/join/check/", {}, token=token)
    assert response.headers["Location"] == "/join/submitted/"

    person = Browser()
    response = person.submit(
        f"{node_b}/concerns/",
        {**CONCERN_CHOICES, "details": SECRET_TEXT, "email": "trainee@nhs.net"},
    )
    assert response.headers["Location"] == "/concerns/sent/"

    delivered = wait_until_every_email_is_sent(mailbox)

    expected = outbox_rows()
    recipients = {to for to, _subject in expected}
    assert {"amara.okafor@nhs.net", ABOUT_YOU["email"], "trainee@nhs.net"} <= recipients
    assert delivered == expected, "each email arrives exactly once"
    assert set(delivered.values()) == {1}

    # Both kinds of process log one JSON object a line, with no email address in any.
    web_lines = [line for process in topology.processes[1:3] for line in json_lines(process)]
    requests_logged = [line for line in web_lines if line.get("event") == "request"]
    assert {"path_template": "training/sessions/<int:pk>/", "method": "POST", "status": 302} in [
        {key: line[key] for key in ("path_template", "method", "status")}
        for line in requests_logged
    ]
    assert all(len(line["request_id"]) == 32 for line in requests_logged)
    worker_lines = json_lines(topology.worker)
    assert any(line.get("task") == "edi_portal.tasks.deliver_email" for line in worker_lines)
    logs = "\n".join(process.log() for process in topology.processes)
    for address in recipients:
        assert address not in logs
    assert SECRET_TEXT not in logs


PASSWORD = "correct-horse-battery"


def sign_in(browser, node, user):
    # The tests' fast hasher is unknown to the processes, which use the production hashers.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    response = browser.submit(
        f"{node}/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.text[:3000]


def test_a_session_and_an_upload_from_one_node_work_on_the_other(nodes, object_store):
    node_a, node_b = nodes
    user = UserFactory()
    trainee = Browser()
    sign_in(trainee, node_a, user)
    assert trainee.get(f"{node_b}/qi-projects/mine/").status_code == 200
    assert Browser().get(f"{node_b}/qi-projects/mine/").status_code == 302

    response = trainee.submit(
        f"{node_a}/qi-projects/submit/",
        project_form_data(),
        files={"poster": ("poster.pdf", PDF_BYTES, "application/pdf")},
    )
    assert response.status_code == 302, response.text[:3000]
    project = QIProject.objects.get()
    assert object_store.keys() == [project.poster.name]

    download = trainee.get(f"{node_b}/qi-projects/{project.slug}/poster/")
    assert download.status_code == 200
    assert download.content == PDF_BYTES
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert Browser().get(f"{node_a}/qi-projects/{project.slug}/poster/").status_code == 404


def test_rate_limits_count_across_both_nodes(nodes):
    # The concern form takes 5 an hour from one address: alternating nodes changes nothing.
    person = Browser("127.0.0.200")
    statuses = []
    for attempt in range(6):
        response = person.submit(
            f"{nodes[attempt % 2]}/concerns/",
            {**CONCERN_CHOICES, "details": "Something happened.", "email": ""},
        )
        statuses.append(response.status_code)
    assert statuses == [302] * 5 + [429]


def behind_the_load_balancer(url):
    return Browser().session.get(url, headers={"Host": "127.0.0.1"}, timeout=60)


def test_a_page_kept_by_every_worker_shows_a_booking_made_through_the_other_node(nodes):
    session = SessionFactory(capacity=3)
    url = f"/training/sessions/{session.pk}/"
    # Enough visits that each node's two workers have served the page; it is rendered once, by
    # the first, and every other worker takes it from Redis. Behind the load balancer every node
    # sees the same Host (the kept page's key holds it).
    served = []
    for node in nodes:
        for _ in range(6):
            response = behind_the_load_balancer(node + url)
            assert "3 of 3" in response.text
            served.append(response.headers["X-Page-Cache"])
    assert served == ["miss"] + ["hit"] * 11
    assert Browser("127.0.2.1").submit(nodes[0] + url, BOOKER).status_code == 302
    served = []
    for node in reversed(nodes):
        for _ in range(6):
            response = behind_the_load_balancer(node + url)
            assert "2 of 3" in response.text
            served.append(response.headers["X-Page-Cache"])
    assert served.count("miss") == 1


BOOKINGS = 60
PLACES = 20


def test_sixty_simultaneous_bookings_across_both_nodes_confirm_exactly_the_capacity(nodes):
    session = SessionFactory(capacity=PLACES)
    people = [Browser(f"127.0.1.{number + 1}") for number in range(BOOKINGS)]
    url = f"/training/sessions/{session.pk}/"
    # Each person opens the form on their node first; then all send at once.
    tokens = [person.csrf_token(nodes[n % 2] + url) for n, person in enumerate(people)]
    everyone_ready = threading.Barrier(BOOKINGS)

    def book(number):
        everyone_ready.wait(timeout=60)
        answers = {**BOOKER, "name": f"Educator {number}", "email": f"educator{number}@nhs.net"}
        response = people[number].post(nodes[number % 2] + url, answers, token=tokens[number])
        return response.status_code

    with ThreadPoolExecutor(max_workers=BOOKINGS) as pool:
        statuses = list(pool.map(book, range(BOOKINGS)))

    assert statuses == [302] * BOOKINGS
    bookings = Booking.objects.filter(session=session)
    confirmed = bookings.filter(status=Booking.Status.CONFIRMED).count()
    waiting = bookings.filter(status=Booking.Status.WAITING).count()
    print(f"\n60 bookings over two nodes: {confirmed} confirmed, {waiting} on the waiting list")
    assert (confirmed, waiting) == (PLACES, BOOKINGS - PLACES)


BATCH = 50


def test_a_worker_killed_mid_batch_loses_no_email_and_sends_none_twice(nodes, mailbox, topology):
    with transaction.atomic():
        for number in range(BATCH):
            enqueue_email(
                to=f"trainee{number}@nhs.net",
                template="test_message",
                subject=f"Batch email {number:02}",
                text="A message from the network.",
                html="",
                idempotency_key=f"batch:{number}",
            )
    # After 20 emails, the worker's next SMTP conversations wait at MAIL FROM; kill it there.
    mailbox.hold_from(20, "Batch email")
    # Both of the worker's processes (--concurrency 2) are then waiting in an SMTP conversation.
    wait_for(lambda: mailbox.held >= 2, timeout=60, message="the worker to be mid-send")
    sent_before_kill = len(mailbox.delivered("Batch email"))
    topology.worker.kill()
    mailbox.release()
    unsent_at_kill = OutboundEmail.objects.filter(
        subject__startswith="Batch email", status=OutboundEmail.Status.QUEUED
    ).count()

    topology.start_worker("worker-2")
    delivered = wait_until_every_email_is_sent(
        mailbox, subject_prefix="Batch email", expected=BATCH
    )

    duplicates = sum(count - 1 for count in delivered.values())
    print(
        f"\nWorker killed after {sent_before_kill} of {BATCH} emails ({unsent_at_kill} unsent); "
        f"delivered {len(delivered)}, duplicates {duplicates}"
    )
    # The worker's other process may have been past MAIL FROM when the hold began.
    assert 20 <= sent_before_kill <= 21
    assert unsent_at_kill == BATCH - sent_before_kill
    assert sorted(subject for _to, subject in delivered) == [
        f"Batch email {number:02}" for number in range(BATCH)
    ]
    assert duplicates == 0


def test_an_email_sent_again_after_the_worker_died_is_recognisably_the_same(
    nodes, mailbox, topology
):
    # The mail server has the message, but the worker dies before it hears so and marks the row
    # sent: the email goes again, with the same Message-ID, so mail systems can drop the copy.
    mailbox.hold_acceptance("Crash email")
    with transaction.atomic():
        email = enqueue_email(
            to="trainee@nhs.net",
            template="test_message",
            subject="Crash email",
            text="A message from the network.",
            html="",
            idempotency_key="crash:1",
        )
    wait_for(lambda: mailbox.held >= 1, timeout=60, message="the mail server to have the email")
    topology.worker.kill()
    mailbox.release()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED

    topology.start_worker("worker-3")
    wait_for(
        lambda: OutboundEmail.objects.filter(pk=email.pk, status="sent").exists(),
        timeout=120,
        message="the email to be sent again",
    )

    copies = mailbox.messages_about("Crash email")
    assert len(copies) == 2
    assert [str(copy["Message-ID"]) for copy in copies] == [email.message_id] * 2
