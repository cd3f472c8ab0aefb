import re

from django import forms
from django.core.exceptions import ValidationError

from edi_portal.validators import refuse_links_in_names

from .models import ContactRequest, Topic, VolunteerProfile

# Anything that looks like an HTML tag. Profiles are plain text; a tag is almost always a
# mistake or an attempt to inject markup, so it is refused with a message rather than escaped.
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def plain_text(value):
    if HTML_TAG.search(value or ""):
        raise ValidationError(
            "Use plain text only: remove anything in angle brackets, like <script>."
        )


class TopicConsentField(forms.ModelMultipleChoiceField):
    """One checkbox per topic; ticking it is the volunteer's explicit consent to show that topic."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name}: I consent to showing this on my profile"


class VolunteerProfileForm(forms.ModelForm):
    topics = TopicConsentField(
        queryset=Topic.objects.all(),
        label="Topics you are happy to talk about",
        help_text=(
            "These are about your own experience, so they are sensitive personal information. "
            "Tick a topic only if you consent to other trainees seeing it on your profile. "
            "Untick it at any time to withdraw your consent: it comes off your profile straight away."
        ),
        error_messages={
            "required": "Choose at least 1 topic you are happy to talk about",
            "invalid_choice": "Choose topics from the list",
            "invalid_pk_value": "Choose topics from the list",
        },
    )

    class Meta:
        model = VolunteerProfile
        fields = [
            "display_name",
            "pronouns",
            "grade",
            "specialty",
            "area",
            "topics",
            "languages",
            "availability",
            "bio",
            "monthly_request_limit",
        ]
        labels = {
            "display_name": "Display name",
            "pronouns": "Pronouns (optional)",
            "grade": "Grade",
            "specialty": "Specialty",
            "area": "Area of the North West",
            "languages": "Languages you speak",
            "availability": "When you are usually available",
            "bio": "A short bio",
            "monthly_request_limit": "How many new requests a month are you willing to take?",
        }
        help_texts = {
            "display_name": "The name trainees will see. It can be your first name only.",
            "pronouns": "For example, she/her, he/him or they/them.",
            "languages": "Separate languages with commas, for example, English, Urdu.",
            "availability": "For example, weekday evenings, or by email only.",
            "bio": "Up to 1,000 characters. Say a little about yourself and how you can help. "
            "Do not include your email address or phone number.",
            "monthly_request_limit": "A number from 1 to 20. When you reach it, your profile "
            "says you are not taking new requests until next month.",
        }
        error_messages = {
            "display_name": {"required": "Enter a display name"},
            "grade": {"required": "Select your grade"},
            "specialty": {"required": "Select your specialty"},
            "area": {"required": "Select your area"},
            "languages": {"required": "Enter the languages you speak"},
            "availability": {"required": "Enter when you are usually available"},
            "bio": {"required": "Enter a short bio"},
            "monthly_request_limit": {
                "required": "Enter how many new requests a month you are willing to take",
                "invalid": "Enter a whole number, like 3",
                "min_value": "Enter a number of requests of 1 or more",
                "max_value": "Enter a number of requests of 20 or fewer",
            },
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "pronouns": forms.TextInput(attrs={"class": "nhsuk-input--width-10"}),
            "monthly_request_limit": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "nhsuk-input--width-2"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["pronouns", "languages", "availability", "bio"]:
            self.fields[name].validators.append(plain_text)
        refuse_links_in_names(self, display_name="Display name")
        for name, prompt in [
            ("grade", "Select your grade"),
            ("specialty", "Select your specialty"),
            ("area", "Select your area"),
        ]:
            self.fields[name].choices = [("", prompt), *self.fields[name].choices[1:]]

    def profile_details(self):
        """The cleaned fields the services save on the profile itself (topics go separately)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "topics"}


class ContactRequestForm(forms.ModelForm):
    class Meta:
        model = ContactRequest
        fields = ["message", "contact_method", "contact_details"]
        labels = {
            "message": "Your message",
            "contact_method": "How would you like to be contacted?",
            "contact_details": "Your phone number or other contact details (optional)",
        }
        help_texts = {
            "message": "Say briefly what you would like to talk about. Up to 2,000 characters.",
            "contact_method": "The volunteer will get your email address whichever you choose.",
            "contact_details": "Needed for a phone call. You can also say when suits you best.",
        }
        error_messages = {
            "message": {"required": "Enter a message to the volunteer"},
            "contact_method": {"required": "Select how you would like to be contacted"},
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "contact_method": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A model field with choices adds an empty "---------" choice; radios need none.
        self.fields["contact_method"].choices = ContactRequest.ContactMethod.choices
        for name in ["message", "contact_details"]:
            self.fields[name].validators.append(plain_text)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("contact_method") == ContactRequest.ContactMethod.PHONE
            and not cleaned.get("contact_details")
            and "contact_details" not in self.errors
        ):
            self.add_error("contact_details", "Enter a phone number so the volunteer can call you")
        return cleaned
