"""The question pages of the application to join the network, one form per page."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError

from edi_portal.forms import CharacterCountField, NHSField
from edi_portal.validators import NameValidator
from workstreams.models import Workstream

from .accounts import email_domain_allowed
from .models import (
    AgeBand,
    Application,
    Area,
    EthnicGroup,
    Grade,
    Profession,
    Religion,
    Sex,
    SexualOrientation,
    YesNo,
)

MOTIVATION_MAX_WORDS = 250
OVERSIGHT_STATEMENT_MAX_WORDS = 150
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")
PHONE = re.compile(r"^\+?[\d\s()-]{10,20}$")


def reject_markup(value):
    if MARKUP.search(value or ""):
        raise ValidationError("Remove the HTML from your answer (anything between < and >)")


def text_field(
    label,
    *,
    max_length,
    required=True,
    help_text="",
    messages=None,
    validators=(reject_markup,),
    **kwargs,
):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=list(validators),
        error_messages={
            "max_length": f"{label} must be {max_length} characters or fewer",
            **(messages or {}),
        },
        **kwargs,
    )


class StepForm(forms.Form):
    """One question page. The page template writes the <form> tag and the buttons."""

    # Short names for the answers on check-your-answers, where a label is a whole question.
    summary_labels = {}
    # A layout of the form's own (set on its helper) that only the {% crispy %} tag follows.
    has_own_layout = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @property
    def renders_alike_for_everyone(self):
        """Blank and laid out field by field, so the page can reuse an earlier rendering of it
        (crispy_reused). A form holding someone's answers is rendered afresh: their answers are
        never kept."""
        return not self.is_bound and not self.initial and not self.has_own_layout

    def summary_fields(self):
        """The answers check-your-answers lists (after validation)."""
        return list(self.fields)


class AboutYouForm(StepForm):
    summary_labels = {"pronouns": "Pronouns", "phone": "Phone number"}
    full_name = text_field(
        "Full name",
        max_length=200,
        messages={"required": "Enter your full name"},
        validators=[NameValidator("Full name")],
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    pronouns = text_field(
        "Pronouns (optional)",
        max_length=50,
        required=False,
        help_text="For example, she/her, he/him or they/them",
    )
    email = forms.EmailField(
        label="NHS email address",
        max_length=254,
        help_text="We will send your reference number and our decision to this address",
        error_messages={
            "required": "Enter your NHS email address",
            "invalid": "Enter an email address in the correct format, like name@nhs.net",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=30,
        required=False,
        help_text="In case we need to talk to you about your application",
        error_messages={"max_length": "Phone number must be 30 characters or fewer"},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if not email_domain_allowed(email):
            raise ValidationError("Enter your NHS email address, like name@nhs.net")
        return email

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError("Enter a phone number, like 07700 900 982 or 0161 496 0000")
        return phone


class TrainingForm(StepForm):
    summary_labels = {"profession": "Profession", "grade": "Grade", "area": "Area"}
    profession = forms.ChoiceField(
        label="What is your profession?",
        choices=Profession.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select your profession",
            "invalid_choice": "Select your profession",
        },
    )
    grade = forms.ChoiceField(
        label="What is your grade?",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your grade", "invalid_choice": "Select your grade"},
    )
    specialty = text_field(
        "Specialty",
        max_length=120,
        help_text="For example, paediatrics, general practice or restorative dentistry",
        messages={"required": "Enter your specialty"},
    )
    employing_trust = text_field(
        "Employing trust or lead employer",
        max_length=200,
        messages={"required": "Enter your employing trust or lead employer"},
        validators=[NameValidator("Employing trust or lead employer")],
    )
    area = forms.ChoiceField(
        label="Which area of the North West do you train in?",
        choices=Area.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your area", "invalid_choice": "Select your area"},
    )


class WorkstreamsForm(StepForm):
    summary_labels = {
        "workstreams": "Workstreams",
        "oversight_group": "Strategic Oversight Group",
        "oversight_group_statement": "What you would bring to the group",
    }
    has_own_layout = True  # each workstream's hint under its checkbox
    workstreams = forms.ModelMultipleChoiceField(
        label="Which workstreams would you like to join?",
        help_text="Select all that apply",
        queryset=Workstream.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one workstream",
            "invalid_choice": "Select workstreams from the list",
            "invalid_pk_value": "Select workstreams from the list",
        },
    )
    oversight_group = forms.ChoiceField(
        label="Would you like to be considered for the Strategic Oversight Group?",
        help_text="The group sets the network's direction and meets once a term",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you would like to be considered for the Oversight Group",
            "invalid_choice": "Select yes or no",
        },
    )
    oversight_group_statement = CharacterCountField(
        label="If yes, tell us what you would bring to the group",
        max_words=OVERSIGHT_STATEMENT_MAX_WORDS,
        max_length=2000,
        error_name="Your statement",
        required=False,
        validators=[reject_markup],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each workstream's one-line description is the hint under its checkbox. The checkboxes
        # are drawn from the same rows, rather than the field reading the workstreams again
        # (through a server-side cursor on PostgreSQL); a posted answer is still checked against
        # the queryset.
        field = self.fields["workstreams"]
        workstreams = list(field.queryset)
        field.widget.choices = [(w.pk, field.label_from_instance(w)) for w in workstreams]
        hints = {str(w.pk): w.summary for w in workstreams}
        self.helper.layout = Layout(
            NHSField("workstreams", hints=hints),
            "oversight_group",
            "oversight_group_statement",
        )

    def summary_fields(self):
        fields = super().summary_fields()
        if self.cleaned_data.get("oversight_group") != "yes":
            fields.remove("oversight_group_statement")
        return fields

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("oversight_group") != "yes":
            cleaned["oversight_group_statement"] = ""
        elif not cleaned.get("oversight_group_statement") and not self.has_error(
            "oversight_group_statement"
        ):
            self.add_error(
                "oversight_group_statement", "Tell us what you would bring to the Oversight Group"
            )
        return cleaned


class WhyForm(StepForm):
    summary_labels = {"motivation": "Why you want to join"}
    motivation = CharacterCountField(
        label="Why do you want to join the network?",
        help_text="Tell us what you hope to do in the network, and what you would bring to it",
        max_words=MOTIVATION_MAX_WORDS,
        max_length=5000,
        error_name="Your answer",
        validators=[reject_markup],
        error_messages={"required": "Tell us why you want to join the network"},
    )


def optional_choice(label, choices, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select one of the answers, or leave it blank"},
    )


class EqualityForm(StepForm):
    """Equality monitoring: every question optional, each with "Prefer not to say"."""

    summary_labels = {
        "ethnic_group": "Ethnic group",
        "disability": "Disability",
        "sex": "Sex",
        "gender_same_as_sex_at_birth": "Gender the same as sex registered at birth",
        "sexual_orientation": "Sexual orientation",
        "religion": "Religion or belief",
        "age_band": "Age",
        "caring_responsibilities": "Caring responsibilities",
        "qualified_outside_uk": "Primary qualification outside the UK",
        "less_than_full_time": "Less than full time training",
    }

    ethnic_group = optional_choice("What is your ethnic group?", EthnicGroup.choices)
    disability = optional_choice(
        "Do you have a disability, as defined by the Equality Act 2010?", YesNo.choices
    )
    sex = optional_choice("What is your sex?", Sex.choices)
    gender_same_as_sex_at_birth = optional_choice(
        "Is the gender you identify with the same as your sex registered at birth?",
        YesNo.choices,
    )
    sexual_orientation = optional_choice(
        "Which of the following best describes your sexual orientation?",
        SexualOrientation.choices,
    )
    religion = optional_choice("What is your religion or belief?", Religion.choices)
    age_band = optional_choice("What is your age?", AgeBand.choices)
    caring_responsibilities = optional_choice(
        "Do you have caring responsibilities?",
        YesNo.choices,
        help_text="For example, for children, or for an adult who is ill, disabled or older",
    )
    qualified_outside_uk = optional_choice(
        "Did you gain your primary medical or dental qualification outside the UK?",
        YesNo.choices,
    )
    less_than_full_time = optional_choice("Do you train less than full time?", YesNo.choices)


def application_answers(cleaned):
    """The Application fields from the cleaned answers of every step (see views.STEPS)."""
    fields = {field.name for field in Application._meta.get_fields()}
    return {
        name: value for name, value in cleaned.items() if name in fields and name != "workstreams"
    }
