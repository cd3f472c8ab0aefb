"""Mentoring pages for the shared axe list (signed out). The sign-up pages need a signed-in
person: tests/mentoring/test_browser.py runs axe on them itself."""


def _programme(kind="one_way", name="Mentoring for international medical graduates"):
    from .factories import ProgrammeFactory

    return ProgrammeFactory(kind=kind, name=name)


def programme_list():
    _programme()
    _programme(kind="buddy", name="GP buddy scheme for international medical graduates")
    return "/mentoring/"


def programme_page():
    return _programme(kind="reciprocal").get_absolute_url()


def _match(*, accepted=False, ended=False, feedback=False):
    from mentoring import services

    from .factories import MentorFactory, SignUpFactory

    programme = _programme()
    mentor = MentorFactory(programme=programme)
    mentee = SignUpFactory(programme=programme, full_name="Dr Priya Shah")
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    if accepted:
        for sign_up in (mentor, mentee):
            services.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
    if ended:
        services.end_matches(match_ids=[match.pk])
        match.refresh_from_db()
    if feedback:
        services.record_feedback(match=match, sign_up=mentee, rating=5, comments="")
    return match.get_url_for(mentee)


def match_to_accept():
    return _match()


def match_active():
    return _match(accepted=True)


def check_in():
    from django.utils import timezone

    from mentoring.models import CheckIn

    url = _match(accepted=True)
    CheckIn.objects.update(due_on=timezone.localdate())
    return url + "check-in/"


def not_working():
    return _match() + "not-working/"


def feedback():
    return _match(accepted=True, ended=True) + "feedback/"


def certificate():
    return _match(accepted=True, ended=True, feedback=True) + "certificate/"


PAGES = [
    ("mentoring programmes", programme_list),
    ("mentoring programmes, none", "/mentoring/"),
    ("mentoring programme", programme_page),
    ("mentoring match to accept", match_to_accept),
    ("mentoring match, active", match_active),
    ("mentoring check-in", check_in),
    ("mentoring: this is not working", not_working),
    ("mentoring end feedback", feedback),
    ("mentoring certificate", certificate),
]
