from django.contrib.auth.models import Permission

from edi_portal.academic_year import academic_year_for
from tests.factories import StaffFactory, give_authenticator

PROJECT_PERMISSIONS = [
    "view_qiproject",
    "change_qiproject",
    "view_submittedproject",
    "change_submittedproject",
    "view_qiconference",
    "change_qiconference",
]


def make_moderator(**kwargs):
    """A staff user allowed to moderate, with two-factor set up; returns (user, TOTP secret)."""
    user = StaffFactory(**kwargs)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="qi_projects", codename__in=PROJECT_PERMISSIONS
        )
    )
    return user, give_authenticator(user)


def project_form_data(**overrides):
    data = {
        "title": "Welcome packs for new trainees",
        "team_members": "A. Trainee",
        "trust": "Example NHS Foundation Trust",
        "specialty": "medicine",
        "theme": "supporting-learners",
        "edi_focus": "img",
        "aim": "Help new international graduates settle in.",
        "change_ideas": "",
        "measures": "",
        "results": "",
        "stage": "idea",
        "academic_year": academic_year_for(),
    }
    data.update(overrides)
    return data
