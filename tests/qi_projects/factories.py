import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from network.models import Specialty
from qi_projects.models import EdiFocus, QIConference, QIProject, Stage, Status, Theme
from tests.factories import UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="poster.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class QIProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QIProject

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Project number {n}")
    team_members = "A. Trainee (ST3)\nB. Supervisor"
    trust = "Example NHS Foundation Trust"
    specialty = Specialty.MEDICINE
    theme = Theme.SUPPORTING_LEARNERS
    edi_focus = EdiFocus.RACE
    stage = Stage.IN_PROGRESS
    aim = "Improve how welcome new trainees feel."
    change_ideas = "A welcome pack."
    measures = "A survey."
    results = "Most felt more welcome."
    academic_year = "2025-26"


class PublishedProjectFactory(QIProjectFactory):
    status = Status.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


class QIConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QIConference

    academic_year = "2025-26"
    date = factory.Faker("date_between", start_date="+60d", end_date="+90d")
    submission_deadline = factory.Faker("date_between", start_date="+10d", end_date="+30d")
    venue = "Manchester Central, Manchester"
