"""Email addresses compared and stored without regard to letter case.

Asha.Patel@NHS.net and asha.patel@nhs.net are one person: every address the portal keeps about a
person is stored in lower case, looked up in lower case, and unique on its lowered form.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower


def normalise(address):
    """The address as the portal stores it: without surrounding spaces, in lower case."""
    return address.strip().lower() if isinstance(address, str) else address


class LowercaseEmailFormField(forms.EmailField):
    def to_python(self, value):
        return normalise(super().to_python(value))


class LowercaseEmailField(models.EmailField):
    """An email address stored in lower case; lookups (email=...) are lowered too."""

    def to_python(self, value):
        return normalise(super().to_python(value))

    def get_prep_value(self, value):
        return normalise(super().get_prep_value(value))

    def pre_save(self, model_instance, add):
        value = normalise(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LowercaseEmailFormField, **kwargs})


class UniqueAddressConstraint(models.UniqueConstraint):
    """A unique constraint on a lowered `email` (perhaps with other fields or a condition).

    A model form that edits the address reports a clash as an error on the address field, even
    when the constraint's other fields are read-only on the form (as in admin), instead of
    letting the database refuse the row (a server error).
    """

    address_field = "email"

    def validate(self, model, instance, exclude=None, **kwargs):
        if exclude and self.address_field in exclude:
            return
        if model._meta.get_field(self.address_field).unique:
            return  # the field's own unique check reports the clash
        try:
            super().validate(model, instance, exclude=None, **kwargs)
        except ValidationError as error:
            raise ValidationError({self.address_field: error.error_list}) from error


def lower_case_stored_addresses(model, field="email", *, unique_with=None, among=None):
    """For a data migration: store every `field` address of (historical) `model` in lower case.

    `unique_with` names the fields with which the lowered address must be unique (() for the
    address alone, None when it need not be unique); `among` is a Q of the rows that rule covers.
    Two such rows differing only in letter case are not merged by guesswork: the migration stops
    and says how many there are, so an admin can merge them and migrate again.
    """
    lowered = Lower(field)
    if unique_with is not None:
        clashes = (
            model.objects.filter(among or Q())
            .values(*unique_with, lowered_address=lowered)
            .annotate(rows=Count("pk"))
            .filter(rows__gt=1)
            .count()
        )
        if clashes:
            raise RuntimeError(
                f"{clashes} {model._meta.verbose_name} address(es) are stored more than once, "
                "differing only in letter case. Merge or remove the duplicates, then migrate again."
            )
    model.objects.exclude(**{field: lowered}).update(**{field: lowered})
