"""Mentoring pages for the shared axe list (signed out). The sign-up and match pages need a
signed-in person: tests/mentoring/test_browser.py runs axe on them itself."""


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


def match_pages_for(user):
    """Every page of a match, for `user` signed in to walk (they open for no one else): an
    active match with a check-in due, and an ended one waiting for feedback."""
    from django.utils import timezone

    from mentoring import services
    from mentoring.models import CheckIn

    from .factories import MentorFactory, ProgrammeFactory, SignUpFactory

    urls = []
    for ended in (False, True):
        programme = ProgrammeFactory()
        mentor = MentorFactory(programme=programme)
        mentee = SignUpFactory(programme=programme, user=user, full_name="Dr Priya Shah")
        match = services.confirm_match(
            programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk
        )
        for sign_up in (mentor, mentee):
            services.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
        CheckIn.objects.filter(match=match).update(due_on=timezone.localdate())
        if ended:
            services.end_matches(match_ids=[match.pk])
        url = match.get_url_for(mentee)
        urls += [url] + [f"{url}{page}" for page in ("check-in/", "not-working/", "feedback/")]
        urls.append(f"{url}certificate/")
    return urls


# The match pages open only for the person signed in: tests/mentoring/test_browser.py runs axe
# on them in the journey, and the generated-input walk reaches them as its trainee. The decline,
# leave and choose pages, a left programme's page and "Your network" with two mentees are checked
# (axe, and no sideways scrolling at 320 px) signed in by tests/mentoring/test_browser_leaving.py.
PAGES = [
    ("mentoring programmes", programme_list),
    ("mentoring programmes, none", "/mentoring/"),
    ("mentoring programme", programme_page),
]


def decline_page_for(user):
    """The "decline this match" page of a match waiting for `user` (the mentee) to accept."""
    from mentoring import services

    from .factories import MentorFactory, ProgrammeFactory, SignUpFactory

    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme)
    mentee = SignUpFactory(programme=programme, user=user, full_name="Dr Priya Shah")
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    return f"{match.get_url_for(mentee)}decline/"


def choose_page_for(user):
    """The page where `user`, a mentee in a programme where mentees choose, picks a mentor
    from two with places left."""
    from .factories import MentorFactory, ProgrammeFactory, SignUpFactory

    programme = ProgrammeFactory(mentees_choose=True)
    MentorFactory(programme=programme, employer="Trust A")
    MentorFactory(programme=programme, employer="Trust B", topics=["exams"])
    SignUpFactory(programme=programme, user=user, full_name="Dr Priya Shah")
    return f"{programme.get_absolute_url()}choose/"
