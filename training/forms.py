from django import forms

from edi_portal.addresses import LowercaseEmailFormField
from edi_portal.validators import refuse_links_in_names

from .models import Booking, Course, FacilitatorOffer, Feedback, SessionRequest

# Why an educator is asked their role: the strategy's measure for educational leaders.
EDUCATOR_ROLE_HINT = (
    "The network's strategy expects all educational leaders to show evidence of enhanced EDI "
    "training over each three year period. If you tell us your role, your training record lists "
    "this session for your appraisal and revalidation, and we can count, without names, how "
    "many leaders in each trust and school have had the training."
)


class BookingForm(forms.ModelForm):
    consent = forms.BooleanField(
        label="I agree to the network using these details to manage my booking and email me "
        "about this session",
        error_messages={"required": "Agree to us using your details to book a place"},
    )

    class Meta:
        model = Booking
        fields = [
            "name",
            "email",
            "role",
            "organisation",
            "department",
            "access_requirements",
            "educator_role",
            "leadership_organisation_type",
            "leadership_organisation",
        ]
        labels = {
            "educator_role": "If you are an educational leader, what is your role? (optional)",
            "leadership_organisation_type": "Do you hold this role in a trust or a specialty "
            "school? (optional)",
            "leadership_organisation": "Name of the trust or school (optional)",
            "department": "Department (optional)",
            "access_requirements": "Access requirements (optional)",
        }
        help_texts = {
            "email": "We will send your confirmation and calendar invitation here.",
            "department": "For example, emergency department or general surgery.",
            "access_requirements": "Tell us anything we need to do so you can take part fully, "
            "such as a hearing loop, step-free access or dietary needs.",
            "educator_role": EDUCATOR_ROLE_HINT,
            "leadership_organisation": "For example, Lancashire Teaching Hospitals NHS "
            "Foundation Trust or the School of Surgery.",
        }
        error_messages = {
            "name": {"required": "Enter your full name"},
            "email": {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@nhs.net",
            },
            "role": {"required": "Select your role"},
            "organisation": {"required": "Enter your organisation or trust"},
        }
        widgets = {
            "role": forms.RadioSelect,
            "educator_role": forms.RadioSelect,
            "leadership_organisation_type": forms.RadioSelect,
            "access_requirements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Booking.Role.choices
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["organisation"].widget.attrs.update(autocomplete="organization")
        self.fields["educator_role"].choices = [
            *Booking.EducatorRole.choices,
            ("", "None of these, or I would rather not say"),
        ]
        self.fields["leadership_organisation_type"].choices = [
            *Booking.LeadershipOrganisationType.choices,
            ("", "I would rather not say"),
        ]
        refuse_links_in_names(
            self,
            name="Full name",
            organisation="Organisation",
            department="Department",
            leadership_organisation="Name of the trust or school",
        )

    def clean(self):
        data = super().clean()
        if data.get("leadership_organisation") and not data.get("leadership_organisation_type"):
            self.add_error(
                "leadership_organisation_type",
                "Select whether you hold the role in a trust or a school",
            )
        if data.get("leadership_organisation_type") and not data.get("leadership_organisation"):
            self.add_error("leadership_organisation", "Enter the name of the trust or school")
        return data


AGREEMENT_CHOICES = [
    (1, "1 - Strongly disagree"),
    (2, "2 - Disagree"),
    (3, "3 - Neither agree nor disagree"),
    (4, "4 - Agree"),
    (5, "5 - Strongly agree"),
]
CONFIDENCE_CHOICES = [
    (1, "1 - Not at all confident"),
    (2, "2 - Slightly confident"),
    (3, "3 - Somewhat confident"),
    (4, "4 - Confident"),
    (5, "5 - Very confident"),
]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = [*Feedback.QUESTIONS, "comments"]
        labels = {"comments": "Any other comments (optional)"}
        help_texts = {"comments": "What worked well, and what could we do better?"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in Feedback.QUESTIONS:
            choices = CONFIDENCE_CHOICES if question.startswith("confidence") else AGREEMENT_CHOICES
            field = forms.TypedChoiceField(
                label=self.fields[question].label,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select a score for: {self.fields[question].label}"},
            )
            self.fields[question] = field
        self.fields["comments"].widget.attrs["rows"] = 4


class SessionRequestForm(forms.ModelForm):
    course = forms.ModelChoiceField(
        queryset=Course.objects.filter(is_active=True),
        required=False,
        empty_label="Not sure yet",
        label="Which course are you interested in? (optional)",
    )

    class Meta:
        model = SessionRequest
        fields = [
            "course",
            "contact_name",
            "contact_email",
            "contact_phone",
            "organisation",
            "department",
            "audience",
            "group_size",
            "format",
            "preferred_dates",
            "notes",
        ]
        labels = {
            "contact_phone": "Your phone number (optional)",
            "format": "Would you like the session in person or online?",
            "notes": "Anything else we should know (optional)",
        }
        help_texts = {
            "group_size": "A rough number is fine.",
            "preferred_dates": "For example, any Wednesday afternoon in March, or after 1 May.",
        }
        error_messages = {
            "contact_name": {"required": "Enter your full name"},
            "contact_email": {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@nhs.net",
            },
            "organisation": {"required": "Enter your trust or organisation"},
            "department": {"required": "Enter your department"},
            "audience": {"required": "Tell us who the session is for"},
            "group_size": {
                "required": "Enter the expected number of people",
                "invalid": "Enter the expected number of people as a whole number, like 20",
                "min_value": "The expected number of people must be 1 or more",
                "max_value": "The expected number of people must be 500 or fewer",
            },
            "preferred_dates": {"required": "Tell us your preferred dates"},
        }
        widgets = {
            "format": forms.RadioSelect,
            "group_size": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}
            ),
            "preferred_dates": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = SessionRequest.Format.choices
        self.fields["contact_email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["contact_name"].widget.attrs.update(autocomplete="name")
        self.fields["contact_phone"].widget.attrs.update(autocomplete="tel")
        refuse_links_in_names(
            self, contact_name="Full name", organisation="Organisation", department="Department"
        )


class FacilitatorOfferForm(forms.ModelForm):
    class Meta:
        model = FacilitatorOffer
        fields = ["role", "name", "statement", "may_be_named"]
        labels = {
            "may_be_named": "Name me on the pages of the sessions I help to run",
        }
        help_texts = {
            "name": "As you would like it shown to the course team and, if you agree, on the "
            "session page.",
            "statement": "A few sentences: your experience, what you would bring and what you "
            "hope to learn. Up to 1,000 characters.",
        }
        error_messages = {
            "role": {"required": "Select how you would like to help"},
            "name": {"required": "Enter your name"},
            "statement": {"required": "Tell us why you would like to help"},
        }
        widgets = {
            "role": forms.RadioSelect,
            "statement": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = FacilitatorOffer.Role.choices
        self.fields["may_be_named"].required = False
        self.fields["name"].widget.attrs.update(autocomplete="name")
        refuse_links_in_names(self, name="Your name")


class TrainingRecordRequestForm(forms.Form):
    email = LowercaseEmailFormField(
        label="Email address",
        help_text="The address you booked with. If it has bookings, we will email a link to your "
        "record there.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@nhs.net",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
