import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# A web address (with a scheme, or starting www.), or the characters that make a tag or a link.
LINK_OR_MARKUP = re.compile(r"://|\bwww\.|[<>\[\]]", re.IGNORECASE)


@deconstructible
class NameValidator:
    """Refuses a web address or markup in a name: a person's, a team's or an organisation's.

    Names are repeated in the emails the network sends (often to someone else), so a name that
    looked like a link would put that link in the network's own email. Nobody's name needs one.
    """

    message = "%(name)s must not include a web address or any of these characters: < > [ ]"

    def __init__(self, name="Name"):
        self.name = name

    def __call__(self, value):
        if LINK_OR_MARKUP.search(value or ""):
            raise ValidationError(self.message, code="link_or_markup", params={"name": self.name})

    def __eq__(self, other):
        return isinstance(other, NameValidator) and self.name == other.name


def refuse_links_in_names(form, **names):
    """Give the form's name fields the NameValidator: field=how its error messages name it."""
    for field, name in names.items():
        form.fields[field].validators.append(NameValidator(name))
