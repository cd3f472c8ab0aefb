"""Form fields and layout objects of the NHS.UK template pack, and the widget demo form.

How to write a form with the pack: docs/forms.md.
"""

import datetime
import re

from crispy_forms import layout
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from crispy_forms.utils import render_field
from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.safestring import SafeString

from .validators import NameValidator
from .widgets import DateInput

ASCII_DIGITS = re.compile(r"[0-9]+")


class NHSField(layout.Field):
    """A field in a FormHelper layout, with the NHS.UK options the pack understands.

    label_size / legend_size: "s", "m", "l" or "xl" (the label, or the legend of radios,
    checkboxes and date inputs). page_heading: the label or legend is the page's h1 (one-question
    pages). inline: radios side by side (for two short options such as Yes and No).
    hints: {choice value: hint text} for radios or checkboxes: a hint under that choice's label.
    conditional: {choice value: field name or list of names} for radios or checkboxes: those
    fields are revealed under the choice when it is chosen. The form's clean() decides whether
    they are required (only when their choice is chosen).
    """

    def __init__(
        self,
        *fields,
        label_size=None,
        legend_size=None,
        page_heading=False,
        inline=False,
        hints=None,
        conditional=None,
        **kwargs,
    ):
        super().__init__(*fields, **kwargs)
        self.nhsuk_options = {
            "label_size": label_size,
            "legend_size": legend_size,
            "page_heading": page_heading,
            "inline": inline,
            "hints": hints or {},
        }
        self.conditional = {
            str(value): [names] if isinstance(names, str) else list(names)
            for value, names in (conditional or {}).items()
        }

    def render(
        self, form, context, template_pack=layout.TEMPLATE_PACK, extra_context=None, **kwargs
    ):
        revealed = {
            value: SafeString(
                "".join(
                    render_field(name, form, context, template_pack=template_pack) for name in names
                )
            )
            for value, names in self.conditional.items()
        }
        options = {**self.nhsuk_options, "conditional": revealed}
        extra_context = {**(extra_context or {}), "nhsuk_options": options}
        html = super().render(form, context, template_pack, extra_context=extra_context, **kwargs)
        # crispy's render_field pushes onto the context and never pops: keep these options from
        # reaching the fields rendered after this one.
        context.update({"nhsuk_options": None})
        return html


class Fieldset(layout.Fieldset):
    """crispy's Fieldset with an NHS.UK legend: legend_size "s", "m" (default), "l" or "xl";
    page_heading=True makes the legend the page's h1."""

    def __init__(self, legend, *fields, legend_size="m", page_heading=False, **kwargs):
        super().__init__(legend, *fields, **kwargs)
        self.legend_size = legend_size
        self.page_heading = page_heading


class NHSDateField(forms.Field):
    """A date entered in NHS.UK's day, month and year boxes, with NHS.UK's error messages.

    `error_name` starts the messages ("Start date must be a real date"); it defaults to the label.
    Each error says which boxes are wrong (ValidationError params["parts"]), so that only those
    boxes are marked in red.
    """

    widget = DateInput
    default_error_messages = {
        "required": "Enter %(a_name)s",
        "incomplete": "%(name)s must include a %(missing)s",
        "invalid": "%(name)s must be a real date",
        "year": "Year must include 4 numbers",
    }

    def __init__(self, *, error_name=None, **kwargs):
        super().__init__(**kwargs)
        self.error_name = error_name

    def _params(self, **params):
        name = str(self.error_name or self.label or "Date")
        return {"name": name, "a_name": name[0].lower() + name[1:], **params}

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        entered = dict(
            zip(DateInput.parts, (str(v or "").strip() for v in value or ()), strict=False)
        )
        if not any(entered.values()):
            return None
        missing = [part for part in DateInput.parts if not entered.get(part)]
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params=self._params(missing=" and ".join(missing), parts=missing),
            )
        # Only 0 to 9: str.isdigit() also accepts "²" and other scripts' digits, which int()
        # refuses or reads, and a day or month of many digits overflows the date.
        not_numbers = [
            part
            for part, text in entered.items()
            if not ASCII_DIGITS.fullmatch(text) or (part != "year" and len(text) > 2)
        ]
        if not_numbers:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params=self._params(parts=not_numbers),
            )
        if len(entered["year"]) != 4:
            raise ValidationError(
                self.error_messages["year"], code="year", params=self._params(parts=["year"])
            )
        year, month, day = (int(entered[part]) for part in ("year", "month", "day"))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            if year < datetime.MINYEAR:
                wrong = ["year"]
            else:
                wrong = ["month"] if not 1 <= month <= 12 else ["day"]
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params=self._params(parts=wrong)
            ) from None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(
                self.error_messages["required"], code="required", params=self._params()
            )
        super().validate(value)


@deconstructible
class MaxWordsValidator:
    """Enforces a word limit on the server (the character count shows it as people type).

    Counts words as NHS.UK frontend's character count does: runs of non-space characters.
    """

    def __init__(self, limit, name="Your answer"):
        self.limit = limit
        self.name = name

    def __call__(self, value):
        count = len(re.findall(r"\S+", value or ""))
        if count > self.limit:
            raise ValidationError(
                "%(name)s must be %(limit)d words or fewer",
                code="max_words",
                params={"name": self.name, "limit": self.limit},
            )

    def __eq__(self, other):
        return isinstance(other, MaxWordsValidator) and (self.limit, self.name) == (
            other.limit,
            other.name,
        )


class CharacterCountField(forms.CharField):
    """A textarea with NHS.UK's character count (max_length) or word count (max_words).

    The limit is shown as people type (with JavaScript) or as a hint (without), and enforced on the
    server with an NHS.UK style message ("Summary must be 500 characters or fewer").
    """

    widget = forms.Textarea

    def __init__(self, *, max_words=None, error_name=None, **kwargs):
        super().__init__(**kwargs)
        name = str(error_name or self.label or "Your answer")
        if self.max_length is not None and "max_length" not in kwargs.get("error_messages", {}):
            self.error_messages["max_length"] = (
                f"{name} must be %(limit_value)d characters or fewer"
            )
        if max_words is not None:
            self.widget.attrs["data-maxwords"] = str(max_words)
            self.validators.append(MaxWordsValidator(max_words, name))


class WidgetDemoForm(forms.Form):
    """Every widget the NHS.UK template pack renders, for the widget demo page and its tests."""

    full_name = forms.CharField(
        label="Full name",
        max_length=100,
        error_messages={"required": "Enter your full name"},
        validators=[NameValidator("Full name")],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We will only use this to reply to you.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    age = forms.IntegerField(
        label="Age",
        min_value=16,
        max_value=100,
        error_messages={
            "required": "Enter your age",
            "invalid": "Age must be a number",
            "min_value": "Age must be 16 or older",
            "max_value": "Age must be 100 or younger",
        },
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
    )
    password = forms.CharField(
        label="Password",
        error_messages={"required": "Enter a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    summary = CharacterCountField(
        label="Tell us about your experience",
        max_length=500,
        help_text="Do not include personal information.",
        error_name="Your experience",
        error_messages={"required": "Tell us about your experience"},
    )
    comments = forms.CharField(label="Any other comments", widget=forms.Textarea, required=False)
    aims = CharacterCountField(
        label="What do you hope to get from the network?",
        max_words=50,
        error_name="Your answer",
        error_messages={"required": "Tell us what you hope to get from the network"},
    )
    area = forms.ChoiceField(
        label="Area of the North West",
        choices=[
            ("", "Choose an area"),
            ("cheshire", "Cheshire and Merseyside"),
            ("gm", "Greater Manchester"),
            ("lancs", "Lancashire and South Cumbria"),
        ],
        error_messages={"required": "Select your area"},
    )
    profession = forms.ChoiceField(
        label="Profession",
        widget=forms.RadioSelect,
        choices=[
            ("medicine", "Medicine"),
            ("dentistry", "Dentistry"),
            ("public_health", "Public health"),
        ],
        error_messages={"required": "Select your profession"},
    )
    contact_by = forms.MultipleChoiceField(
        label="How should we contact you?",
        widget=forms.CheckboxSelectMultiple,
        choices=[("email", "Email"), ("phone", "Phone")],
        help_text="Select all that apply.",
        error_messages={"required": "Select how we should contact you"},
    )
    phone_number = forms.CharField(
        label="Phone number",
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    workstreams = forms.MultipleChoiceField(
        label="Workstreams",
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("qi", "QI Delivery Group"),
            ("peer", "Peer Support Network"),
            ("abt", "Active Bystander Training"),
        ],
        help_text="Select all that apply.",
        error_messages={"required": "Select at least 1 workstream"},
    )
    start_date = NHSDateField(label="Start date", help_text="For example, 15 3 2027")
    poster = forms.FileField(label="Upload a poster", required=False, help_text="PDF, up to 10 MB.")
    consent = forms.BooleanField(
        label="I agree to the terms",
        error_messages={"required": "Confirm that you agree to the terms"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("About you", "full_name", "email", "age", "password"),
            "summary",
            "comments",
            "aims",
            "area",
            NHSField(
                "profession",
                legend_size="s",
                hints={"public_health": "Including specialty registrars in public health"},
            ),
            NHSField("contact_by", legend_size="s", conditional={"phone": "phone_number"}),
            NHSField("workstreams", legend_size="s"),
            NHSField("start_date", legend_size="s"),
            "poster",
            "consent",
            Submit("save", "Submit"),
        )

    def clean(self):
        cleaned_data = super().clean()
        if "phone" in cleaned_data.get("contact_by", []) and not cleaned_data.get("phone_number"):
            self.add_error("phone_number", "Enter your phone number")
        return cleaned_data
