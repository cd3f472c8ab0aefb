"""Set-ups for the QI pages in tests/accessibility/pages.py: each makes content, returns a path."""

from qi_projects.models import Status

from .factories import PublishedProjectFactory, QIConferenceFactory, QIProjectFactory, pdf_upload


def gallery():
    PublishedProjectFactory.create_batch(13)
    return "/qi-projects/"


def gallery_filtered_with_an_error():
    PublishedProjectFactory(title="Buddy scheme", edi_focus="img")
    return "/qi-projects/?q=buddy&edi_focus=img&theme=not-a-theme"


def project_page():
    project = PublishedProjectFactory(
        poster=pdf_upload(), aim="Line one\nLine two", results="Better"
    )
    QIConferenceFactory().presenting_projects.add(project)
    return project.get_absolute_url()


def conference():
    conference = QIConferenceFactory(details="Posters in the morning, talks after lunch.")
    conference.presenting_projects.add(*PublishedProjectFactory.create_batch(2))
    QIConferenceFactory(academic_year="2024-25")
    return "/qi-projects/conference/"


def report():
    PublishedProjectFactory.create_batch(3, academic_year="2025-26")
    QIProjectFactory(status=Status.SUBMITTED, academic_year="2025-26")
    return "/qi-projects/report/2025-26/"
