"""The sign-up question pages, check-ins and feedback."""

import re

from django import forms
from django.core.exceptions import ValidationError

from edi_portal.validators import NameValidator
from network.forms import StepForm, text_field

from .models import (
    GRADE_CHOICES,
    Area,
    MeetingMode,
    Preference,
    Role,
    SharedCharacteristic,
    Specialty,
    Topic,
)

# What people type here is shown and emailed as plain text (escaped). A whole tag such as
# "<script>" is still refused, as elsewhere, but "a<b" or "grade <3" is an answer, not markup.
WHOLE_TAG = re.compile(r"<\s*[a-zA-Z/!?][^<>]*>")


def reject_tags(value):
    if WHOLE_TAG.search(value or ""):
        raise ValidationError("Remove the HTML from your answer (anything between < and >)")


PLAIN_TEXT = (reject_tags,)

RATING_CHOICES = [
    (str(n), label)
    for n, label in enumerate(
        ["Very poorly", "Poorly", "Neither well nor poorly", "Well", "Very well"], start=1
    )
]


def required_choice(label, choices, message, widget=forms.RadioSelect):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=widget,
        error_messages={"required": message, "invalid_choice": message},
    )


def rating_field(label, message):
    """A score from 1 to 5, each with its words."""
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class ProgrammeStepForm(StepForm):
    """A question page that knows the programme (for its role names and rules)."""

    def __init__(self, *args, programme, **kwargs):
        self.programme = programme
        super().__init__(*args, **kwargs)


class RoleForm(ProgrammeStepForm):
    summary_labels = {
        "role": "Your role in this programme",
        "full_name": "Name",
        "grade": "Grade or role",
        "specialty": "Specialty",
        "area": "Area",
        "employer": "Employer",
    }
    role = required_choice("What would you like to be in this programme?", [], "Select a role")
    full_name = text_field(
        "Full name",
        max_length=200,
        messages={"required": "Enter your full name"},
        validators=[NameValidator("Full name")],
    )
    grade = required_choice("What is your grade or role?", GRADE_CHOICES, "Select your grade")
    specialty = required_choice(
        "What is your specialty?", Specialty.choices, "Select your specialty", forms.Select
    )
    area = required_choice(
        "Which area of the North West do you work in?", Area.choices, "Select your area"
    )
    employer = text_field(
        "Employing trust or lead employer (optional)",
        max_length=200,
        required=False,
        help_text="We never match you with someone at the same employer, so that no one is "
        "matched within their own line-management chain",
        validators=[NameValidator("Employer")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (role, self.programme.role_label(role)) for role in Role.values
        ]
        self.fields["role"].help_text = (
            f"{self.programme.role_label(Role.MENTOR)}s: {self.programme.who_may_mentor}. "
            f"{self.programme.role_label(Role.MENTEE)}s: {self.programme.who_may_be_mentored}."
        )

    def clean(self):
        cleaned = super().clean()
        role, grade = cleaned.get("role"), cleaned.get("grade")
        allowed = self.programme.grades_for(role) if role else []
        if grade and allowed and grade not in allowed:
            label = self.programme.role_label(role).lower()
            self.add_error("grade", f"This programme does not take a {label} at this grade")
        return cleaned


class TopicsForm(ProgrammeStepForm):
    summary_labels = {"topics": "Topics", "hopes": "What you hope to give or get"}
    topics = forms.MultipleChoiceField(
        label="Which topics would you like to talk about?",
        help_text="Select all that apply",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one topic"},
    )
    hopes = text_field(
        "What do you hope to give or get from this programme? (optional)",
        max_length=1000,
        required=False,
        validators=PLAIN_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PreferencesForm(ProgrammeStepForm):
    summary_labels = {
        "specialty_preference": "Specialty of the person you are matched with",
        "area_preference": "Area of the person you are matched with",
        "meeting_mode": "How you would like to meet",
        "capacity": "How many people you could mentor",
    }
    specialty_preference = required_choice(
        "Would you like to be matched with someone in the same specialty or a different one?",
        Preference.choices,
        "Select a specialty preference",
    )
    area_preference = required_choice(
        "Would you like to be matched with someone in the same area or a different one?",
        Preference.choices,
        "Select an area preference",
    )
    meeting_mode = required_choice(
        "How would you like to meet?", MeetingMode.choices, "Select how you would like to meet"
    )
    capacity = forms.TypedChoiceField(
        label="If you are a mentor or buddy, how many people could you support at once?",
        help_text="Leave this as 1 if you are joining to be mentored",
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        initial="1",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how many people you could support",
            "invalid_choice": "Select how many people you could support",
        },
    )


class SharingForm(ProgrammeStepForm):
    summary_labels = {"characteristics": "Shared for matching"}
    characteristics = forms.MultipleChoiceField(
        label="Is there anything you would like us to take into account when we match you?",
        help_text="Optional. Select any that apply and that you are happy to share. Only the "
        "people who make the matches can see these answers",
        choices=SharedCharacteristic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CheckInForm(forms.Form):
    met = forms.TypedChoiceField(
        label="Have you met since you were matched or since your last check-in?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no", "invalid_choice": "Select yes or no"},
    )
    rating = rating_field("How is it going?", "Select how it is going")
    note = text_field(
        "Is there anything the team should know? (optional)",
        max_length=2000,
        required=False,
        help_text="Only the mentoring team reads this, never the person you are matched with",
        validators=PLAIN_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NotWorkingForm(forms.Form):
    details = text_field(
        "Tell us what is not working",
        max_length=2000,
        help_text="Only the mentoring team reads this. We will not tell the person you are "
        "matched with that you contacted us",
        messages={"required": "Tell us what is not working"},
        validators=PLAIN_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class EndFeedbackForm(forms.Form):
    rating = rating_field(
        "Overall, how well did the programme work for you?", "Select how well it worked"
    )
    comments = text_field(
        "What could we do better? (optional)",
        max_length=2000,
        required=False,
        validators=PLAIN_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DeclineForm(forms.Form):
    reason = text_field(
        "Why are you declining? (optional)",
        max_length=2000,
        required=False,
        help_text="Only the mentoring team reads this. We will not tell the person you were "
        "matched with why",
        validators=PLAIN_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ChooseMentorForm(forms.Form):
    """A mentee picks one of their best suggested mentors (the choices are built per mentee)."""

    mentor = forms.TypedChoiceField(
        label="Which mentor would you like?",
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Select one", "invalid_choice": "Select one of these"},
    )

    def __init__(self, *args, choices, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = choices
        if label:
            self.fields["mentor"].label = label
