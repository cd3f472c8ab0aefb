"""Mentoring pages for the shared axe list (signed out). The sign-up pages need a signed-in
person: tests/mentoring/test_browser.py runs axe on them itself."""


def _programme(kind="one_way", name="Mentoring for international medical graduates"):
    """The programme of that name, made once (pages set up in one database share it)."""
    from mentoring.models import Programme

    from .factories import ProgrammeFactory

    return Programme.objects.filter(name=name).first() or ProgrammeFactory(kind=kind, name=name)


def programme_list():
    _programme()
    _programme(kind="buddy", name="GP buddy scheme for international medical graduates")
    return "/mentoring/"


def programme_page():
    return _programme(kind="reciprocal", name="Reciprocal Mentoring Pilot").get_absolute_url()


def sign_up_pages():
    """Every page of a programme's sign-up, for a signed-in person to walk (not for the anonymous
    axe list: they redirect to sign in)."""
    from mentoring.views import STEPS

    sign_up = f"{_programme().get_absolute_url()}sign-up/"
    return [f"{sign_up}{step.slug}/" for step in STEPS] + [f"{sign_up}check/", f"{sign_up}done/"]


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
