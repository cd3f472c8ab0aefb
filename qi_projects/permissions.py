from allauth.mfa.models import Authenticator
from django.conf import settings


def is_moderator(user):
    """Staff who may see every project, with two-factor set up where the admin requires it.

    Previews of unpublished projects are outside /admin/, so the admin's two-factor rule is
    applied here too.
    """
    if not (
        user.is_authenticated and user.is_staff and user.has_perm("qi_projects.view_qiproject")
    ):
        return False
    if not settings.ADMIN_REQUIRE_2FA:
        return True
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
