import secrets

from django import forms

from edi_portal.addresses import LowercaseEmailFormField

from .models import Concern


class ConcernForm(forms.Form):
    recorded_as = forms.ChoiceField(
        label="How do you want us to record your concern?",
        choices=Concern.RecordedAs.choices,
        widget=forms.RadioSelect,
        help_text="We record it as you choose. If you say it is discrimination, we record and "
        "report it as discrimination, even if your employer would deal with it under a policy "
        'with another name, such as "Dignity at Work".',
        error_messages={
            "required": "Select how you want us to record your concern",
            "invalid_choice": "Select how you want us to record your concern from the list",
        },
    )
    characteristic = forms.ChoiceField(
        label="What is your concern related to?",
        choices=Concern.Characteristic.choices,
        widget=forms.RadioSelect,
        help_text="The first 9 are protected characteristics under the Equality Act 2010.",
        error_messages={
            "required": "Select what your concern is related to",
            "invalid_choice": "Select what your concern is related to from the list",
        },
    )
    characteristic_other = forms.CharField(
        label="If you chose something else, tell us what it is related to",
        max_length=200,
        required=False,
        error_messages={"max_length": "What it is related to must be 200 characters or fewer"},
    )
    setting = forms.ChoiceField(
        label="Where did it happen?",
        choices=Concern.Setting.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where it happened",
            "invalid_choice": "Select where it happened from the list",
        },
    )
    details = forms.CharField(
        label="What happened?",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text="Include where and when it happened, if you can. Do not include other "
        "people's names unless you need to. Up to 5,000 characters.",
        error_messages={
            "required": "Tell us what happened",
            "max_length": "What happened must be 5,000 characters or fewer",
        },
    )
    email = LowercaseEmailFormField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        help_text="If you give one, we email you when there is an update (never what anyone "
        "wrote). Leave it empty to stay anonymous: you can still read our replies and answer "
        "through your private link.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )

    # A new key each time the form is shown: sending the same form twice makes one concern.
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = secrets.token_urlsafe(32)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("characteristic") == Concern.Characteristic.OTHER
            and not cleaned.get("characteristic_other", "").strip()
        ):
            self.add_error("characteristic_other", "Tell us what your concern is related to")
        return cleaned


class FollowUpMessageForm(forms.Form):
    """The person who raised a concern answers or adds details on their follow-up page."""

    text = forms.CharField(
        label="Reply or add details",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="Only the people who handle concerns can read it. Up to 5,000 characters.",
        error_messages={
            "required": "Write your reply or the details you want to add",
            "max_length": "Your reply must be 5,000 characters or fewer",
        },
    )


class NewLinkForm(forms.Form):
    """A named person who lost their private link asks for a new one."""

    reference_or_email = forms.CharField(
        label="Your reference or your email address",
        max_length=254,
        help_text="Your reference starts with C-, for example C-ABCD2345. Or give the email "
        "address you gave us with your concern.",
        error_messages={
            "required": "Enter your reference or your email address",
            "max_length": "Enter a reference or an email address of 254 characters or fewer",
        },
    )
