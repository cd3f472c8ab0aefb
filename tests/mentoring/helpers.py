from django.contrib.auth.models import Permission

from tests.factories import StaffFactory, give_authenticator


def mentoring_staff(*codenames):
    """A staff user with two-factor authentication (the admin requires it) and these
    mentoring permissions."""
    staff = StaffFactory()
    give_authenticator(staff)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="mentoring", codename__in=codenames)
    )
    return staff


STAFF_PERMISSIONS = (
    "view_programme",
    "change_programme",
    "view_signup",
    "view_match",
    "add_match",
    "change_match",
    "view_decline",
)
